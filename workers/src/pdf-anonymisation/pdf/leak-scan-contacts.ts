// The identity-leak scan's rules for e-mail addresses, their organisations' domains and ORCID iDs.
// See leak-scan.ts.

import { escapeRegex, type Hit, type Rule, regexRule } from './leak-scan-rule.ts';
import { PUBLIC_EMAIL_DOMAINS, PUBLIC_SUFFIX_SECOND_LEVELS } from './leak-scan-words.ts';

const ANY_EMAIL =
  /(?<![\p{L}\p{N}._%+-])(?:\{[^{}]{1,600}\}|[\p{L}\p{N}._%+-]+)\s?@\s?[\p{L}\p{N}-]+(?:\.\s?[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/giu;

export function emailRules(emails: string[]): Rule[] {
  const rules: Rule[] = [];
  const domains = new Set<string>();
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    const at = email.lastIndexOf('@');
    if (at <= 0 || at === email.length - 1) continue;
    const local = email.slice(0, at);
    const domain = email.slice(at + 1);
    const domainPattern = domain.split('.').map(escapeRegex).join('\\.\\s?');
    const atSign = '\\s?(?:@|\\[at\\]|\\(at\\)|\\s+at\\s+)\\s?';
    rules.push(
      regexRule('email', `(?<![\\p{L}\\p{N}._%+-])${escapeRegex(local)}${atSign}${domainPattern}(?![\\p{L}\\p{N}-])`),
    );
    // "{gal,brendan,shaver}@mozilla.com": several addresses sharing one domain.
    const grouped = new RegExp(
      `[{(\\[]([^{}()\\[\\]]{1,600})[})\\]]\\s?@\\s?${domainPattern}(?![\\p{L}\\p{N}-])`,
      'giu',
    );
    rules.push((text) =>
      [...text.matchAll(grouped)]
        .filter((match) =>
          match[1]!
            .split(/[\s,;|]+/)
            .map((part) => part.trim().toLowerCase())
            .includes(local),
        )
        .map((match) => ({ kind: 'email' as const, start: match.index, end: match.index + match[0].length })),
    );
    const organisation = organisationDomain(domain);
    if (!PUBLIC_EMAIL_DOMAINS.has(domain) && !PUBLIC_EMAIL_DOMAINS.has(organisation)) domains.add(organisation);
  }
  for (const domain of domains) {
    const pattern = domain.split('.').map(escapeRegex).join('\\.');
    rules.push(regexRule('email_domain', `(?<![\\p{L}\\p{N}-])(?:[\\p{L}\\p{N}-]+\\.)*${pattern}(?![\\p{L}\\p{N}-])`));
  }
  // Any other address: a blind manuscript has no reason to print one.
  rules.push((text) =>
    [...text.matchAll(ANY_EMAIL)].map((match) => ({
      kind: 'email' as const,
      start: match.index,
      end: match.index + match[0].length,
    })),
  );
  return rules;
}

/** The part of a domain an organisation registers: cs.uci.edu → uci.edu, mail.sussex.ac.uk → sussex.ac.uk. */
export function organisationDomain(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const top = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const keep = top.length === 2 && PUBLIC_SUFFIX_SECOND_LEVELS.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

const ORCID_IN_TEXT = /(?<![\p{N}-])(\d{4})[\s-]?(\d{4})[\s-]?(\d{4})[\s-]?(\d{3}[\dXx])(?![\p{N}])/gu;

/** An author's ORCID iD (with or without https://orcid.org/), and any valid hyphenated iD. */
export function orcidRule(orcids: string[]): Rule {
  const wanted = new Set(
    orcids
      .map((orcid) => /(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])/.exec(orcid))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => `${match[1]}${match[2]}${match[3]}${match[4]}`.toUpperCase()),
  );
  return (text) => {
    const hits: Hit[] = [];
    for (const match of text.matchAll(ORCID_IN_TEXT)) {
      const digits = `${match[1]}${match[2]}${match[3]}${match[4]}`.toUpperCase();
      const hyphenated = /^\d{4}-\d{4}-\d{4}-\d{3}[\dXx]$/.test(match[0]);
      const prefixed = /orcid(?:\.org)?\/?\s*:?\s*$/i.test(text.slice(Math.max(0, match.index - 20), match.index));
      if (wanted.has(digits) || ((hyphenated || prefixed) && validOrcidChecksum(digits))) {
        let start = match.index;
        const prefix = /(?:https?:\/\/)?(?:www\.)?orcid\.org\/\s?$/i.exec(text.slice(Math.max(0, start - 30), start));
        if (prefix) start -= prefix[0].length;
        hits.push({ kind: 'orcid', start, end: match.index + match[0].length });
      }
    }
    return hits;
  };
}

/** ISO 7064 MOD 11-2, the ORCID check character. */
export function validOrcidChecksum(digits: string): boolean {
  if (!/^\d{15}[\dX]$/.test(digits)) return false;
  let total = 0;
  for (const digit of digits.slice(0, 15)) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return digits[15] === (result === 10 ? 'X' : String(result));
}
