// The conflict rules as pure functions over what is known of a reviewer and of the authors;
// find-conflicts.ts loads those facts and calls these. Each rule answers the details that make
// it hold (empty: no conflict), so the editor reads why, not just that.
import { domainOf, institutionalDomain, organisationDomain } from './email-domains.ts';
import { normaliseName, organisationNames } from './normalise-organisation.ts';

export interface PartyFacts {
  personId: string | null;
  name: string;
  /** Addresses, lower case. */
  emails: string[];
  /** Extra domains the person or the editor listed (their institution's, for instance). */
  domains: string[];
  /** Affiliations and employers as typed. */
  affiliations: string[];
  /** What the person declared as conflicts in the venue's pool, if they are in it. */
  declared?: string[];
}

export interface ReviewerFacts extends PartyFacts {
  personId: string;
  /** What the reviewer declared: people, e-mail addresses, domains, institutions, employers. */
  declared: string[];
}

const unique = (values: Iterable<string>) => [...new Set(values)];

/** The reviewer is one of the authors: the same account, or one of the authors' addresses. */
export function authorRule(reviewer: ReviewerFacts, authors: readonly PartyFacts[]): string[] {
  const isAuthor = authors.some(
    (author) =>
      (author.personId !== null && author.personId === reviewer.personId) ||
      author.emails.some((address) => reviewer.emails.includes(address)),
  );
  return isAuthor ? ['Is an author of this submission'] : [];
}

const institutionalDomains = (party: PartyFacts) =>
  unique(
    [...party.emails, ...party.domains].flatMap((value) => {
      const domain = institutionalDomain(value);
      return domain ? [domain] : [];
    }),
  );

/** A non-public e-mail domain (subdomains count as their organisation's) shared with an author. */
export function sameEmailDomainRule(reviewer: ReviewerFacts, authors: readonly PartyFacts[]): string[] {
  const own = new Set(institutionalDomains(reviewer));
  return unique(
    authors.flatMap((author) =>
      institutionalDomains(author)
        .filter((domain) => own.has(domain))
        .map((domain) => `Same e-mail domain as ${author.name}: ${domain}`),
    ),
  );
}

/** The same affiliation or employer, once spelling, punctuation and abbreviations are set aside. */
export function sameAffiliationRule(reviewer: ReviewerFacts, authors: readonly PartyFacts[]): string[] {
  const own = new Map<string, string>();
  for (const affiliation of reviewer.affiliations) {
    for (const name of organisationNames(affiliation)) if (!own.has(name)) own.set(name, affiliation);
  }
  return unique(
    authors.flatMap((author) => {
      const shared = author.affiliations.flatMap((affiliation) =>
        organisationNames(affiliation).filter((name) => own.has(name)),
      );
      return shared.length ? [`Same affiliation or employer as ${author.name}: ${own.get(shared[0]!)}`] : [];
    }),
  );
}

const looksLikeDomain = /^@?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** Whether one declared entry names this party: their address, domain, name or organisation. */
export function declarationNames(entry: string, party: PartyFacts): boolean {
  const typed = entry.trim().toLowerCase();
  if (!typed) return false;
  if (typed.includes('@') && !typed.startsWith('@')) return party.emails.includes(typed);
  if (looksLikeDomain.test(typed)) {
    const declared = organisationDomain(domainOf(typed.replace(/^@/, '')));
    return institutionalDomains(party).includes(declared);
  }
  if (normaliseName(entry) === normaliseName(party.name)) return true;
  const declared = organisationNames(entry);
  return party.affiliations.some((affiliation) =>
    organisationNames(affiliation).some((name) => declared.includes(name)),
  );
}

/** One of the reviewer's declared conflicts names an author, an author's address, domain or organisation. */
export function declaredByReviewerRule(reviewer: ReviewerFacts, authors: readonly PartyFacts[]): string[] {
  return unique(
    reviewer.declared.flatMap((entry) =>
      authors
        .filter((author) => declarationNames(entry, author))
        .map((author) => `Declared by the reviewer: “${entry.trim()}” (${author.name})`),
    ),
  );
}

/**
 * An author who is in the venue's pool too declared a conflict that names the reviewer (the
 * same list, read the other way). Conflicts an author asks for on the submission are stored rows.
 */
export function declaredByAuthorRule(reviewer: ReviewerFacts, authors: readonly PartyFacts[]): string[] {
  return unique(
    authors.flatMap((author) =>
      (author.declared ?? [])
        .filter((entry) => declarationNames(entry, reviewer))
        .map((entry) => `Declared by ${author.name}: “${entry.trim()}”`),
    ),
  );
}

export interface OtherSubmission {
  /** Its code, or null for a draft. */
  code: string | null;
  /** Everyone on it: the submitter and the authors, by account and by address. */
  people: PartyFacts[];
}

/** The same account, or the same address. */
export const samePerson = (a: PartyFacts, b: PartyFacts) =>
  (a.personId !== null && a.personId === b.personId) || a.emails.some((address) => b.emails.includes(address));

/** The reviewer and an author are both on another submission in this system. */
export function coAuthoredRule(
  reviewer: ReviewerFacts,
  authors: readonly PartyFacts[],
  others: readonly OtherSubmission[],
): string[] {
  const details: string[] = [];
  for (const other of others) {
    if (!other.people.some((person) => samePerson(person, reviewer))) continue;
    for (const author of authors) {
      if (samePerson(author, reviewer)) continue;
      if (other.people.some((person) => samePerson(person, author))) {
        details.push(`Co-author with ${author.name} on ${other.code ?? 'a draft'}`);
      }
    }
  }
  return unique(details);
}
