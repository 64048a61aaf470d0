// Text as the leak scan compares it, with a map back to the page text for quoting context.
// Accents are stripped (José = Jose), ligatures and other compatibility forms are expanded
// (ﬁ = fi), words hyphenated at a line end are joined, and whitespace runs become one space (or
// one newline when the run held a line break, so headings can still be found). Case is kept: some
// rules need to know whether a word is capitalised.

export type NormalisedText = {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of `text`, the index in `source` it came from. */
  origin: number[];
  source: string;
};

const LETTER_FALLBACKS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ß: 'ss',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

const SOFT_HYPHEN = '\u00ad';

/** Normalises one character (code point) to what the matcher compares. */
function normaliseCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (code < 0x80) {
    // The fast path: most text is ASCII.
    if (code === 0x0a || code === 0x0d) return '\n';
    if (code <= 0x20) return code === 0x09 || code === 0x0b || code === 0x0c || code === 0x20 ? ' ' : '';
    return code === 0x60 ? "'" : character;
  }
  const fallback = LETTER_FALLBACKS[character];
  if (fallback) return fallback;
  if (character === SOFT_HYPHEN) return SOFT_HYPHEN;
  if (/[\u2010\u2011\u2043]/.test(character)) return '-';
  if (/[\u2018\u2019\u02bc\u2032`´]/.test(character)) return "'";
  if (/[\u201c\u201d\u2033]/.test(character)) return '"';
  if (/[\u200b-\u200d\u2060\ufeff]/.test(character)) return '';
  if (character === '\n' || character === '\r' || character === '\u2028' || character === '\u2029') return '\n';
  if (/\s/.test(character)) return ' ';
  const decomposed = character.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed.length > 0 ? decomposed : character;
}

export function normaliseText(source: string): NormalisedText {
  // Pass 1: character by character, keeping where each output unit came from.
  const units: string[] = [];
  const origin: number[] = [];
  let index = 0;
  for (const character of source) {
    const normalised = normaliseCharacter(character);
    for (const unit of normalised) {
      // A multi-unit result (e.g. a surrogate pair) still maps to one source position.
      for (let part = 0; part < unit.length; part++) {
        units.push(unit[part]!);
        origin.push(index);
      }
    }
    index += character.length;
  }

  // Pass 2: join words hyphenated at a line end; collapse whitespace.
  const outUnits: string[] = [];
  const outOrigin: number[] = [];
  for (let position = 0; position < units.length; position++) {
    const unit = units[position]!;
    if (unit === '-' || unit === SOFT_HYPHEN) {
      const previous = outUnits[outUnits.length - 1];
      let next = position + 1;
      let sawNewline = false;
      while (next < units.length && (units[next] === ' ' || units[next] === '\n')) {
        if (units[next] === '\n') sawNewline = true;
        next++;
      }
      const following = units[next];
      if (sawNewline && previous && following && /\p{L}/u.test(previous) && /\p{L}/u.test(following)) {
        // "al-\nternative" is one word; "Smith-\nJones" keeps its hyphen but loses the break.
        if (unit === '-' && /\p{Lu}/u.test(following)) {
          outUnits.push('-');
          outOrigin.push(origin[position]!);
        }
        position = next - 1;
        continue;
      }
      if (unit === SOFT_HYPHEN) continue;
    }
    if (unit === ' ' || unit === '\n') {
      const last = outUnits[outUnits.length - 1];
      if (last === ' ' || last === '\n') {
        if (unit === '\n') outUnits[outUnits.length - 1] = '\n';
        continue;
      }
      if (outUnits.length === 0) continue;
    }
    outUnits.push(unit);
    outOrigin.push(origin[position]!);
  }
  while (outUnits.length > 0 && /[ \n]/.test(outUnits[outUnits.length - 1]!)) {
    outUnits.pop();
    outOrigin.pop();
  }
  return { text: outUnits.join(''), origin: outOrigin, source };
}

/** The source span [start, end) behind a normalised span. */
export function sourceSpan(normalised: NormalisedText, start: number, end: number): [number, number] {
  const from = normalised.origin[start] ?? normalised.source.length;
  const to = end > start ? (normalised.origin[end - 1] ?? from) + 1 : from;
  // Extend to the end of a surrogate pair.
  const code = normalised.source.charCodeAt(to - 1);
  return [from, code >= 0xd800 && code <= 0xdbff ? to + 1 : to];
}

/** Normalises a short string (a name, an affiliation) the same way, without the map. */
export function normaliseString(value: string): string {
  return normaliseText(value).text.replace(/\n/g, ' ').trim();
}

/** Strips accents and folds case, for comparing single words. */
export function foldWord(value: string): string {
  return normaliseString(value).toLowerCase();
}
