// The identity-leak scan's name rules: an author's name in its written forms, and citations of
// the author's surname. See leak-scan.ts.

import { B, E, escapeRegex, type Hit, type Rule, regexRule } from './leak-scan-rule.ts';
import { COMMON_SURNAMES_AND_WORDS } from './leak-scan-words.ts';
import { foldWord, normaliseString } from './text-normalise.ts';

export type ParsedName = {
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

export function isInitial(token: string): boolean {
  return /^\p{L}\.?$/u.test(token);
}

/**
 * A regex for one name word: accents optional both ways (Müller = Muller = Mueller), hyphens and
 * apostrophes optional, the first letter a capital unless it is a particle ("van").
 */
export function wordPattern(word: string, requireCapital = true): string {
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

export function nameRules(name: ParsedName): Rule[] {
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
export function citationRule(surname: string): Rule {
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
