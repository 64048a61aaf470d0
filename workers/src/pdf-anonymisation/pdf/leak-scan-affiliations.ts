// The identity-leak scan's affiliation rules: an author's institution, in full or by its specific
// components. See leak-scan.ts.

import { B, E, escapeRegex, type Rule, regexRule } from './leak-scan-rule.ts';
import { GENERIC_AFFILIATION_WORDS } from './leak-scan-words.ts';
import { normaliseString } from './text-normalise.ts';

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

export function affiliationRules(affiliation: string): Rule[] {
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
