// The identity-leak scan's phrase rules: self-revealing phrases ("my previous work"), and the
// institutions, places and grant numbers of acknowledgement, funding and ethics statements.
// See leak-scan.ts.

import { B, E, type Hit, type Rule } from './leak-scan-rule.ts';
import { GENERIC_CAPITALISED_WORDS, INSTITUTION_KEYWORDS } from './leak-scan-words.ts';
import { foldWord } from './text-normalise.ts';

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

export const selfReferenceRule: Rule = (text) =>
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
export const acknowledgementRule: Rule = (text) => {
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
