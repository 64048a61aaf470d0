// Affiliations and employers as people type them, reduced to one spelling so that
// "Univ. of Essex", "University of Essex" and "the University of Essex" are the same place.
// NHS Trust and NHS Foundation Trust stay distinct: they are different legal bodies.

const abbreviations: Record<string, string> = {
  univ: 'university',
  uni: 'university',
  universitat: 'university',
  universite: 'university',
  universidad: 'university',
  universita: 'university',
  dept: 'department',
  inst: 'institute',
  coll: 'college',
  ctr: 'centre',
  cntr: 'centre',
  center: 'centre',
  hosp: 'hospital',
  assoc: 'association',
  natl: 'national',
  intl: 'international',
  ltd: 'limited',
  cc: 'county council',
  mbc: 'metropolitan borough council',
  bc: 'borough council',
  dc: 'district council',
  ft: 'foundation trust',
  st: 'saint',
};

const fillers = new Set(['the']);

/** Lower case, no accents or punctuation, "&" as "and", abbreviations spelled out, no leading "the". */
export function normaliseOrganisation(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word && !fillers.has(word))
    .map((word) => abbreviations[word] ?? word);
  const joined = words.join(' ');
  // "Essex University" is how many people write "University of Essex".
  const reversed = /^(\p{L}+) university$/u.exec(joined);
  return reversed ? `university of ${reversed[1]}` : joined;
}

// Words that make one part of an affiliation an organisation rather than a place or a department.
const organisationWords =
  /\b(university|college|council|trust|nhs|institute|hospital|agency|limited|plc|charity|foundation|authority|board|centre|academy|society|association|partnership|police|government|ministry|service|services|clinic|company|group|school)\b/;
const departmentStart = /^(department|faculty|division|unit|school of|centre for|institute of|institute for)\b/;

/**
 * The organisations an affiliation names, normalised: the whole of it, and each comma-separated
 * part that reads like an organisation ("School of Health, University of Essex, Colchester, UK"
 * names "university of essex"; "Colchester" and "UK" name nobody's employer).
 */
export function organisationNames(affiliation: string | null | undefined): string[] {
  if (!affiliation?.trim()) return [];
  const names = new Set<string>();
  const whole = normaliseOrganisation(affiliation);
  if (whole) names.add(whole);
  const parts = affiliation.split(/[,;/\n]|\s[-–—]\s/);
  if (parts.length > 1) {
    for (const part of parts) {
      const name = normaliseOrganisation(part);
      if (name && organisationWords.test(name) && !departmentStart.test(name)) names.add(name);
    }
  }
  return [...names];
}

/** A person's name for comparing: no accents, case or punctuation ("Anne-Marie O’Brien" = "anne marie obrien"). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
