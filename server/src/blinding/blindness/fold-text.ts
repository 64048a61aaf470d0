// Comparing identities the way a reader would: "ÅNGSTRÖM", "angstrom" and "Ångström" are one name,
// and "Øyelaran-Brown", "oyelaran_brown" and "Oyelaran Brown" one surname. Text and needles both go
// through `foldText`, so a leak cannot hide behind case, accents, or the punctuation between words.

// Letters NFKD leaves whole (they are letters of their own, not a base letter plus a mark).
const ownLetters: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};

/** Lower case, no accents, and every run of non-letters/digits one space, padded with spaces. */
export function foldText(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđðþæœßıħŧ]/g, (c) => ownLetters[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${folded} `;
}

export interface Needle {
  /** What it is, for the failure message ("co-author's e-mail", "Reviewer 2's name"). */
  label: string;
  /** The folded form, without the padding spaces. */
  folded: string;
}

/**
 * Needles of 8 characters or more match anywhere (so "ZoeAngstrom" is caught); shorter ones only
 * as whole words, so a three-letter first name does not match inside a random token.
 */
export function needleMatches(foldedText: string, needle: Needle): boolean {
  if (needle.folded.length >= 8) return foldedText.includes(needle.folded);
  return foldedText.includes(` ${needle.folded} `);
}

// Words the app says on its own pages: as a part of a name they would match everywhere and prove
// nothing (fixtures should not use them in names, but a name like "Reviewer-Person X" stays safe).
const everydayWords = new Set(['reviewer', 'person', 'author', 'editor', 'judge', 'review', 'university', 'example']);

export function makeNeedle(label: string, value: string): Needle | null {
  const folded = foldText(value).trim();
  // Under 3 characters a "name part" is an initial: it would match everywhere and prove nothing.
  if (folded.length < 3 || everydayWords.has(folded)) return null;
  return { label, folded };
}

/**
 * The needles of one identity value: the whole value, and for names, places and e-mail addresses
 * the parts a leak may show on their own (the surname alone, the town, the local part, the domain).
 */
export function needlesOf(
  label: string,
  value: string,
  kind: 'name' | 'email' | 'place' | 'comment' | 'text',
): Needle[] {
  const values = [value];
  // A preview of a comment shows its start: the first words are enough to give it away.
  if (kind === 'comment') values.push(value.split(/\s+/).slice(0, 3).join(' '));
  if (kind === 'place') {
    // "Université de Saint-Étienne-du-Rouvray" is also given as "St-Étienne-du-Rouvray" or "Rouvray".
    for (const word of value.split(/\s+/))
      if (word.includes('-')) values.push(word, ...word.split('-').filter((p) => p.length >= 6));
  }
  if (kind === 'name') {
    const words = value.split(/\s+/).filter(Boolean);
    values.push(...words);
    if (words.length > 1) values.push(words.slice(1).join(' ')); // the surname(s), with a prefix dropped
    for (const word of words) if (word.includes('-')) values.push(...word.split('-').filter((p) => p.length >= 5));
  }
  if (kind === 'email') {
    const [local, domain] = value.split('@');
    if (local) values.push(local);
    if (domain) values.push(domain, domain.replace(/\.[^.]+$/, ''));
  }
  const seen = new Set<string>();
  const needles: Needle[] = [];
  for (const each of values) {
    const needle = makeNeedle(label, each);
    if (needle && !seen.has(needle.folded)) {
      seen.add(needle.folded);
      needles.push(needle);
    }
  }
  return needles;
}

/** The needles found in `text`, as "label: what matched". */
export function findNeedles(text: string, needles: readonly Needle[]): string[] {
  const folded = foldText(text);
  return needles.filter((needle) => needleMatches(folded, needle)).map((n) => `${n.label} ("${n.folded}")`);
}
