// The identity-leak scan: where a manuscript's text still names its author. It reports to the
// editor; it never blocks on its own, so it leans towards reporting, except where a rule would
// flag ordinary words (see README.md in this folder for every rule and its limits).
import {
  COMMON_SURNAMES_AND_WORDS,
  GENERIC_AFFILIATION_WORDS,
  GENERIC_CAPITALISED_WORDS,
  INSTITUTION_KEYWORDS,
  PUBLIC_EMAIL_DOMAINS,
  PUBLIC_SUFFIX_SECOND_LEVELS,
} from './leak-scan-words.ts';
import { foldWord, type NormalisedText, normaliseString, normaliseText, sourceSpan } from './text-normalise.ts';
import type { AuthorIdentity, Finding, FindingKind } from './types.ts';

export { countWords } from './word-count.ts';
export type { AuthorIdentity, Finding, FindingKind };

/** Characters of context quoted either side of a finding. */
const CONTEXT = 60;
/** A page listing every author on every line should not produce an unreadable report. */
const MAX_FINDINGS = 500;

// Word boundaries that understand letters beyond ASCII (\b does not).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

type Hit = { kind: FindingKind; start: number; end: number };
type Rule = (text: string) => Hit[];
/** Rules that can only match where `prefilter` does: one cheap test saves a page many regexes. */
type RuleGroup = { prefilter?: RegExp; rules: Rule[] };

/** Higher wins when one finding lies inside another of a different kind. */
const PRECEDENCE: Record<FindingKind, number> = {
  email: 6,
  orcid: 5,
  self_reference: 4,
  name: 3,
  affiliation: 2,
  email_domain: 1,
  acknowledgement: 0,
};

export function scanForLeaks(pages: string[], identity: AuthorIdentity): Finding[] {
  const groups = compileRules(identity);
  const findings: Finding[] = [];
  pages.forEach((page, index) => {
    if (findings.length >= MAX_FINDINGS) return;
    const normalised = normaliseText(page);
    // Letters and digits only: every form of a name ("J. Smith", "S m i t h", "smith-jones") keeps its letters in a row.
    const letters = normalised.text.replace(/[^\p{L}\p{N}]/gu, '');
    const hits = groups
      .filter((group) => !group.prefilter || group.prefilter.test(letters))
      .flatMap((group) => group.rules.flatMap((rule) => rule(normalised.text)));
    for (const hit of resolveOverlaps(hits)) {
      findings.push(toFinding(hit, normalised, index + 1));
      if (findings.length >= MAX_FINDINGS) break;
    }
  });
  return findings;
}

function compileRules(identity: AuthorIdentity): RuleGroup[] {
  const names = identity.names.map(parseName).filter((name): name is ParsedName => name !== undefined);
  return [
    // Every name form contains one of the name's words (letters-only forms included), so a page
    // without any of them is skipped for that name.
    ...names.map((name) => ({
      prefilter: new RegExp(
        [...name.given.filter((token) => !isInitial(token)), ...name.surnames]
          .map((word) => wordPattern(word, false))
          .join('|'),
        'iu',
      ),
      rules: [...nameRules(name), ...name.surnames.map(citationRule)],
    })),
    { rules: emailRules(identity.emails) },
    { rules: identity.affiliations.flatMap(affiliationRules) },
    { rules: [orcidRule(identity.orcids), selfReferenceRule, acknowledgementRule] },
  ];
}

// ---------------------------------------------------------------------------------------------
// Names

type ParsedName = {
  /** Given names as written (normalised), first one first. */
  given: string[];
  /** Surname forms to try, longest first: "van Beethoven", then "Beethoven". */
  surnames: string[];
  /** Whether the surname alone is distinctive enough to report. */
  rareSurname: boolean;
  /** For two-word names, the order is not known ("Zhang Wei"): the first word may be the surname. */
  swappable: boolean;
};

const TITLES = new Set([
  'dr',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'sir',
  'dame',
  'rev',
  'revd',
  'lord',
  'lady',
]);
const POST_NOMINALS = new Set([
  'phd',
  'dphil',
  'msc',
  'ma',
  'ba',
  'bsc',
  'med',
  'mres',
  'rsw',
  'dsw',
  'mbe',
  'obe',
  'cbe',
  'jr',
  'sr',
  'ii',
  'iii',
  'frsa',
  'fhea',
  'sfhea',
  'pgce',
  'dclinpsy',
]);
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'st',
  'bin',
  'ibn',
  'al',
  'el',
  'dos',
  'das',
  'ter',
  'ten',
  'zu',
  'y',
  'ben',
  'bat',
  'ap',
]);

export function parseName(raw: string): ParsedName | undefined {
  let text = raw.replace(/\([^)]*\)/g, ' ').trim();
  // "Smith, Jane" is written family name first; "Jane Smith, PhD" has letters after a comma.
  const comma = text.split(',').map((part) => part.trim());
  if (comma.length === 2 && comma[1] && !POST_NOMINALS.has(foldWord(comma[1]).replace(/\W/g, ''))) {
    text = `${comma[1]} ${comma[0]}`;
  } else {
    text = comma[0] ?? '';
  }
  const tokens = text
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, ''))
    .filter((token) => token !== '')
    .filter((token) => {
      const folded = foldWord(token).replace(/\./g, '');
      return !TITLES.has(folded) && !POST_NOMINALS.has(folded);
    });
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1) {
    const only = tokens[0]!.replace(/\.$/, '');
    return { given: [], surnames: [only], rareSurname: isRareSurname(only), swappable: false };
  }
  let surnameStart = tokens.length - 1;
  while (surnameStart > 1 && PARTICLES.has(foldWord(tokens[surnameStart - 1]!))) surnameStart--;
  const surname = tokens.slice(surnameStart).join(' ');
  const core = tokens[tokens.length - 1]!;
  const surnames = surname === core ? [surname] : [surname, core];
  const given = tokens.slice(0, surnameStart);
  return {
    given,
    surnames,
    rareSurname: isRareSurname(core),
    swappable: tokens.length === 2 && !isInitial(given[0]!),
  };
}

/** "Rare-looking": at least 5 letters and not a very common surname or an ordinary word. */
export function isRareSurname(surname: string): boolean {
  const letters = foldWord(surname).replace(/[^a-z]/g, '');
  return letters.length >= 5 && !COMMON_SURNAMES_AND_WORDS.has(letters);
}

function isInitial(token: string): boolean {
  return /^\p{L}\.?$/u.test(token);
}

/**
 * A regex for one name word: accents optional both ways (Müller = Muller = Mueller), hyphens and
 * apostrophes optional, the first letter a capital unless it is a particle ("van").
 */
function wordPattern(word: string, requireCapital = true): string {
  // Each unit: the normalised letters of one written character, and whether an "e" may follow
  // (ä ö ü are also written ae oe ue; an author who typed "ue" may be printed as "ü").
  const units: Array<{ text: string; optionalE: boolean; separator?: string }> = [];
  const characters = [...word.replace(/\.$/, '')];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    if (/[-\u2010\u2011]/.test(character)) units.push({ text: '', optionalE: false, separator: '\\s*-?\\s*' });
    else if (/['\u2019]/.test(character)) units.push({ text: '', optionalE: false, separator: "['\\u2019]?" });
    else if (/\s/.test(character)) units.push({ text: '', optionalE: false, separator: '\\s+' });
    else {
      const base = normaliseString(character) || character;
      const next = characters[index + 1];
      if (/[aouAOU]/.test(character) && next && /[eE]/.test(next)) {
        units.push({ text: base, optionalE: true });
        index++;
      } else {
        units.push({ text: base, optionalE: /[äöüÄÖÜ]/.test(character) });
      }
    }
  }
  let first = true;
  return units
    .map((unit) => {
      if (unit.separator) return unit.separator;
      let pattern = escapeRegex(unit.text);
      if (first && requireCapital && /\p{L}/u.test(unit.text)) {
        pattern = `(?-i:${escapeRegex(unit.text.charAt(0).toUpperCase())})${escapeRegex(unit.text.slice(1))}`;
      }
      first = false;
      return unit.optionalE ? `${pattern}e?` : pattern;
    })
    .join('');
}

function surnamePattern(surname: string): string {
  return surname
    .split(/\s+/)
    .map((word) => wordPattern(word, !PARTICLES.has(foldWord(word))))
    .join('\\s+');
}

function nameRules(name: ParsedName): Rule[] {
  const rules: Rule[] = [];
  const givenFull = name.given.filter((token) => !isInitial(token));
  const initials = name.given.map((token) => normaliseString(token).charAt(0).toUpperCase()).filter(Boolean);
  const orders: Array<{ given: string[]; givenFull: string[]; initials: string[]; surnames: string[] }> = [
    { given: name.given, givenFull, initials, surnames: name.surnames },
  ];
  if (name.swappable) {
    const [first] = name.given;
    const last = name.surnames[name.surnames.length - 1]!;
    orders.push({
      given: [last],
      givenFull: [last],
      initials: [normaliseString(last).charAt(0).toUpperCase()],
      surnames: [first!],
    });
  }

  for (const order of orders) {
    const middleNames = order.givenFull.slice(1).map((token) => wordPattern(token));
    const middle = `(?:\\s*(?-i:\\p{Lu})\\.|\\s+(?-i:\\p{Lu})(?=\\s)${middleNames.map((m) => `|\\s+${m}`).join('')})`;
    const firstInitial = order.initials[0];
    for (const surname of order.surnames) {
      const s = surnamePattern(surname);
      const firstGiven = order.givenFull[0];
      if (firstGiven) {
        const g = wordPattern(firstGiven);
        rules.push(regexRule('name', `${B}${g}${middle}{0,3}\\s+${s}${E}`));
        rules.push(regexRule('name', `${B}${s},?\\s+${g}${middle}{0,3}${E}`));
      }
      if (firstInitial) {
        const i = escapeRegex(firstInitial);
        // "A Smith" / "I Smith" without a full stop would be ordinary English words.
        const undotted = /^[AI]$/.test(firstInitial) ? '' : `|(?-i:${i})\\s+`;
        const more = '(?:(?-i:\\p{Lu})(?:\\.\\s*|\\s+)|-\\s*(?-i:\\p{Lu})\\.\\s*){0,2}';
        rules.push(regexRule('name', `${B}(?:(?-i:${i})\\.\\s*${undotted})${more}${s}${E}`));
        const after = /^[AI]$/.test(firstInitial) ? `(?-i:${i})\\.` : `(?-i:${i})\\.?`;
        rules.push(regexRule('name', `${B}${s},?\\s+${after}(?:\\s*-?\\s*(?-i:\\p{Lu})\\.?){0,2}${E}`));
      }
    }
    if (order === orders[0] && name.rareSurname) {
      // The surname alone, capitalised as a name is (so "shaver" the noun does not count).
      const core = order.surnames[order.surnames.length - 1]!;
      rules.push(regexRule('name', `${B}${wordPattern(core)}${E}`));
    }
    if (order === orders[0] && order.givenFull[0]) {
      rules.push(squashedNameRule(order.givenFull[0], order.surnames[order.surnames.length - 1]!));
    }
  }
  return rules;
}

/**
 * Full names written without spaces (in a URL or handle, "andreasgal") or letter-spaced in a
 * heading ("A N D R E A S  G A L"): compare letters only. Only for names of 10 letters or more,
 * where a chance match across word boundaries is negligible.
 */
function squashedNameRule(given: string, surname: string): Rule {
  const forms = [given + surname, surname + given].map((form) => foldWord(form).replace(/[^a-z]/g, ''));
  if (forms[0]!.length < 10) return () => [];
  return (text) => {
    const letters: string[] = [];
    const positions: number[] = [];
    for (let index = 0; index < text.length; index++) {
      const character = text[index]!;
      if (/[A-Za-z]/.test(character)) {
        letters.push(character.toLowerCase());
        positions.push(index);
      }
    }
    const squashed = letters.join('');
    const hits: Hit[] = [];
    for (const form of new Set(forms)) {
      let from = 0;
      while (true) {
        const at = squashed.indexOf(form, from);
        if (at < 0) break;
        const start = positions[at]!;
        const end = positions[at + form.length - 1]! + 1;
        // Only letters, spaces and the joiners of handles and URLs in between: "Anderson, David" is two names in a list.
        if (/^[A-Za-z\s._-]+$/.test(text.slice(start, end))) hits.push({ kind: 'name', start, end });
        from = at + form.length;
      }
    }
    return hits;
  };
}

/** "(Smith, 2019)", "(Jones and Smith 2019; …)", "Smith (2019)", "Smith et al. (2019)" for an author's surname. */
function citationRule(surname: string): Rule {
  const s = surnamePattern(surname);
  const narrative = new RegExp(
    `${B}${s}(?:\\s+et\\s+al\\.?|\\s+(?:and|&)\\s+\\p{Lu}[\\p{L}'-]+)?\\s*\\(\\s*(?:19|20)\\d{2}[a-z]?${E}[^()]{0,40}\\)`,
    'giu',
  );
  const inside = new RegExp(`${B}${s}${E}[^()]{0,80}?${B}(?:19|20)\\d{2}[a-z]?${E}`, 'iu');
  return (text) => {
    const hits: Hit[] = [];
    for (const match of text.matchAll(narrative)) {
      hits.push({ kind: 'self_reference', start: match.index, end: match.index + match[0].length });
    }
    for (const match of text.matchAll(/\([^()]{4,300}\)/g)) {
      if (inside.test(match[0])) {
        hits.push({ kind: 'self_reference', start: match.index, end: match.index + match[0].length });
      }
    }
    return hits;
  };
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, their domains, ORCID iDs

const ANY_EMAIL =
  /(?<![\p{L}\p{N}._%+-])(?:\{[^{}]{1,600}\}|[\p{L}\p{N}._%+-]+)\s?@\s?[\p{L}\p{N}-]+(?:\.\s?[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/giu;

function emailRules(emails: string[]): Rule[] {
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
function orcidRule(orcids: string[]): Rule {
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

// ---------------------------------------------------------------------------------------------
// Affiliations

const AFFILIATION_SYNONYMS: Record<string, string> = {
  univ: 'university',
  uni: 'university',
  dept: 'department',
  inst: 'institute',
  coll: 'college',
  ctr: 'centre',
  cntr: 'centre',
  center: 'centre',
  intl: 'international',
  natl: 'national',
  assoc: 'association',
  hosp: 'hospital',
  st: 'saint',
  '&': 'and',
  org: 'organisation',
  organization: 'organisation',
};
const AFFILIATION_SURFACES: Record<string, string> = {
  university: '(?:university|univ\\.?|uni)',
  department: '(?:department|dept\\.?)',
  institute: '(?:institute|inst\\.?)',
  college: '(?:college|coll\\.?)',
  centre: '(?:centre|center|ctr\\.?)',
  international: '(?:international|intl\\.?)',
  national: '(?:national|natl\\.?)',
  association: '(?:association|assoc\\.?)',
  hospital: '(?:hospital|hosp\\.?)',
  saint: '(?:saint|st\\.?)',
  and: '(?:and|&)',
  organisation: '(?:organisation|organization)',
};

export function affiliationTokens(affiliation: string): string[] {
  return normaliseString(affiliation)
    .toLowerCase()
    .replace(/&/g, ' & ')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter((token) => token !== '' && token !== 'the')
    .map((token) => AFFILIATION_SYNONYMS[token] ?? token);
}

function affiliationPattern(tokens: string[]): string {
  const words = tokens.map((token) => AFFILIATION_SURFACES[token] ?? escapeRegex(token));
  // Between words: spaces, punctuation, line breaks, or an optional "the"/"of" the author left out.
  return `${B}${words.join("(?:[\\s,.;:()'/-]+(?:the\\s+)?)")}${E}`;
}

function affiliationRules(affiliation: string): Rule[] {
  const full = affiliationTokens(affiliation);
  if (full.length === 0 || full.join(' ').replace(/ /g, '').length < 4) return [];
  // "Independent social worker" or "School of Social Work" alone names nobody.
  if (full.every((token) => GENERIC_AFFILIATION_WORDS.has(token))) return [];
  const candidates = new Map<string, string[]>([[full.join(' '), full]]);
  // Components ("School of Social Work", "University of Sussex") count on their own only when specific.
  for (const part of affiliation.split(/[,;]/)) {
    const tokens = affiliationTokens(part);
    const specific = tokens.filter((token) => !GENERIC_AFFILIATION_WORDS.has(token));
    if (tokens.length >= 2 && specific.length >= 1) candidates.set(tokens.join(' '), tokens);
  }
  // "University of Sussex" is also written "Sussex University", and the reverse.
  for (const tokens of [...candidates.values()]) {
    if (tokens.length === 3 && tokens[0] === 'university' && tokens[1] === 'of') {
      candidates.set(`${tokens[2]} university`, [tokens[2]!, 'university']);
    } else if (tokens.length === 2 && tokens[1] === 'university') {
      candidates.set(`university of ${tokens[0]}`, ['university', 'of', tokens[0]!]);
    }
  }
  return [...candidates.values()].map((tokens) => regexRule('affiliation', affiliationPattern(tokens)));
}

// ---------------------------------------------------------------------------------------------
// Self-revealing phrases and acknowledgements

const WORK_NOUNS =
  '(?:work|works|paper|papers|study|studies|article|articles|research|publication|publications|book|books|chapter|chapters|thesis|dissertation|report|reports|monograph|findings|project|projects)';
const SELF_REFERENCE_PATTERNS = [
  // "my previous work", "our earlier study", "in my own recent paper"; not "my previous work with families".
  `${B}(?:my|our)\\s+(?:own\\s+)?(?:previous|prior|earlier|recent|past|former|published|forthcoming|other)\\s+${WORK_NOUNS}${E}(?!\\s+(?:with|as|at|alongside|for\\s+(?:a|an|the))${E})`,
  `${B}(?:in|see|cf\\.?)\\s+(?:my|our)\\s+(?:own\\s+)?(?:paper|article|book|chapter|thesis|dissertation|monograph|publication)${E}`,
  `${B}(?:I|we)\\s+(?:have\\s+)?(?:previously\\s+|already\\s+|also\\s+)?(?:argued|shown|demonstrated|reported|written|discussed|suggested|proposed|explored|described|published|noted)\\s+(?:this\\s+|these\\s+|it\\s+|them\\s+)?elsewhere${E}`,
  `${B}(?:I|we)\\s+have\\s+previously\\s+(?:argued|shown|demonstrated|reported|published|written|described|discussed|found|explored)${E}`,
  `${B}(?:I|we)\\s+(?:argued|showed|reported|wrote|suggested|found|described)\\s+in\\s+(?:a|an|my|our)\\s+(?:previous|prior|earlier|recent)\\s+${WORK_NOUNS}${E}`,
  `${B}my\\s+(?:own\\s+)?(?:PhD|doctoral|doctorate|master'?s|MA|MSc|MRes|undergraduate)\\s+(?:thesis|dissertation)${E}`,
  `${B}(?:the\\s+)?(?:present|current)\\s+author(?:'s|s'|s)?\\s+(?:previous|prior|earlier|own)${E}`,
].map((source) => new RegExp(source, 'giu'));

const selfReferenceRule: Rule = (text) =>
  SELF_REFERENCE_PATTERNS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => ({
      kind: 'self_reference' as const,
      start: match.index,
      end: match.index + match[0].length,
    })),
  );

const HEADING =
  /(?:^|\n)[ \t]*(?:\d+(?:\.\d+)*\.?\s*)?(acknowledge?ments?|funding(?:\s+(?:information|statement|sources?|details))?|ethic(?:s|al)(?:\s+(?:approval|statement|considerations|review|declaration))?|conflicts?\s+of\s+interests?|competing\s+interests?|declarations?(?:\s+of\s+interests?)?)\s*[:.]?[ \t]*(?=\n|$|(?-i:\p{Lu}))/giu;
const TRIGGER =
  /\b(?:thank|thanks|grateful|gratitude|acknowledge?|funded|funding|supported\s+by|sponsored|grant|studentship|fellowship|ethic(?:s|al)\s+(?:approval|committee|board|clearance|review)|approved\s+by|granted\s+by|on\s+behalf\s+of)\b/i;
const CAPITALISED = "\\p{Lu}[\\p{L}'’-]*";
const INSTITUTION = new RegExp(
  `${B}(?:(?:${CAPITALISED})\\s+){0,4}(?:${INSTITUTION_KEYWORDS.join('|')})${E}(?:\\s+(?:of|for|and|on|in)\\s+(?:the\\s+)?${CAPITALISED}(?:\\s+(?:${CAPITALISED}|of|and))*)?`,
  'gu',
);
const PLACE_AFTER_PREPOSITION = new RegExp(
  `${B}(?:at|in|from)\\s+(?:the\\s+)?(${CAPITALISED}(?:\\s+${CAPITALISED}){0,3})`,
  'gu',
);
const GRANT_NUMBER =
  /\b(?:grant|award|project|contract)\s+(?:no\.?|number|ref(?:erence)?\.?|id)?\s*[:#]?\s*([A-Z0-9][A-Z0-9/._-]*[A-Z0-9])/giu;

/** Institutions and places named in acknowledgement, funding and ethics statements, and grant numbers. */
const acknowledgementRule: Rule = (text) => {
  const regions: Array<[number, number]> = [];
  for (const heading of text.matchAll(HEADING)) {
    regions.push([heading.index, Math.min(text.length, heading.index + heading[0].length + 1200)]);
  }
  // Outside headed sections: sentences that thank, declare funding or ethics approval.
  for (const sentence of sentences(text)) {
    if (TRIGGER.test(text.slice(sentence[0], sentence[1]))) regions.push(sentence);
  }
  const hits: Hit[] = [];
  for (const [from, to] of regions) {
    const region = text.slice(from, to);
    for (const match of region.matchAll(INSTITUTION)) {
      if (isSpecific(match[0])) {
        hits.push({ kind: 'acknowledgement', start: from + match.index, end: from + match.index + match[0].length });
      }
    }
    for (const match of region.matchAll(PLACE_AFTER_PREPOSITION)) {
      const place = match[1]!;
      if (isSpecific(place) && !/^(?:Practice|Press|Memory|Part|Section|Chapter|Table|Figure|Appendix)$/.test(place)) {
        const start = from + match.index + match[0].length - place.length;
        hits.push({ kind: 'acknowledgement', start, end: start + place.length });
      }
    }
    for (const match of region.matchAll(GRANT_NUMBER)) {
      // An identifier has a digit and some length: "grant 2019" is a year, "project team" a phrase.
      if (match[1]!.length < 5 || !/\d/.test(match[1]!) || /^(?:19|20)\d{2}$/.test(match[1]!)) continue;
      hits.push({ kind: 'acknowledgement', start: from + match.index, end: from + match.index + match[0].length });
    }
  }
  return hits;
};

/** Has at least one capitalised word that is not a generic one ("Research Ethics Committee" is not specific). */
function isSpecific(phrase: string): boolean {
  return phrase
    .split(/[\s-]+/)
    .some((word) => /^\p{Lu}/u.test(word) && !GENERIC_CAPITALISED_WORDS.has(foldWord(word).replace(/[^a-z]/g, '')));
}

function sentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?](?=\s+\p{Lu})|\n\n/gu)) {
    spans.push([start, match.index + 1]);
    start = match.index + 1;
  }
  spans.push([start, text.length]);
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Plumbing

function regexRule(kind: FindingKind, source: string): Rule {
  const pattern = new RegExp(source, 'giu');
  return (text) =>
    [...text.matchAll(pattern)].map((match) => ({ kind, start: match.index, end: match.index + match[0].length }));
}

/**
 * One finding per place: overlapping hits of one kind merge into the longest, and a hit inside a
 * hit of a stronger kind goes (a surname inside "(Smith, 2019)", a domain inside an address).
 */
function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = hits
    .filter((hit) => hit.end > hit.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || PRECEDENCE[b.kind] - PRECEDENCE[a.kind]);
  const kept: Hit[] = [];
  for (const hit of sorted) {
    const swallowed = kept.some(
      (other) =>
        other.start <= hit.start &&
        other.end >= hit.end &&
        (other.kind === hit.kind || PRECEDENCE[other.kind] >= PRECEDENCE[hit.kind]),
    );
    if (swallowed) continue;
    const overlapping = kept.findIndex((other) => other.kind === hit.kind && other.end > hit.start);
    if (overlapping >= 0) {
      const other = kept[overlapping]!;
      other.end = Math.max(other.end, hit.end);
      continue;
    }
    // A stronger hit that contains earlier, weaker ones replaces them.
    for (let index = kept.length - 1; index >= 0; index--) {
      const other = kept[index]!;
      if (hit.start <= other.start && hit.end >= other.end && PRECEDENCE[hit.kind] > PRECEDENCE[other.kind]) {
        kept.splice(index, 1);
      }
    }
    kept.push({ ...hit });
  }
  return kept;
}

function toFinding(hit: Hit, normalised: NormalisedText, page: number): Finding {
  const [start, end] = sourceSpan(normalised, hit.start, hit.end);
  const source = normalised.source;
  const collapse = (value: string) => value.replace(/\s+/g, ' ');
  const before = collapse(source.slice(Math.max(0, start - CONTEXT * 2), start)).slice(-CONTEXT);
  const after = collapse(source.slice(end, end + CONTEXT * 2)).slice(0, CONTEXT);
  const text = collapse(source.slice(start, end)).trim();
  return { kind: hit.kind, page, text, context: `${before}${collapse(source.slice(start, end))}${after}`.trim() };
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
