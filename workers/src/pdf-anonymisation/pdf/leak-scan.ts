// The identity-leak scan: where a manuscript's text still names its author. It reports to the
// editor; it never blocks on its own, so it leans towards reporting, except where a rule would
// flag ordinary words (see README.md in this folder for every rule and its limits).
import { affiliationRules } from './leak-scan-affiliations.ts';
import { emailRules, orcidRule } from './leak-scan-contacts.ts';
import { citationRule, isInitial, nameRules, type ParsedName, parseName, wordPattern } from './leak-scan-names.ts';
import { acknowledgementRule, selfReferenceRule } from './leak-scan-phrases.ts';
import type { Hit, RuleGroup } from './leak-scan-rule.ts';
import { type NormalisedText, normaliseText, sourceSpan } from './text-normalise.ts';
import type { AuthorIdentity, Finding, FindingKind } from './types.ts';

export { affiliationTokens } from './leak-scan-affiliations.ts';
export { organisationDomain, validOrcidChecksum } from './leak-scan-contacts.ts';
export { isRareSurname, parseName } from './leak-scan-names.ts';
export { countWords } from './word-count.ts';
export type { AuthorIdentity, Finding, FindingKind };

/** Characters of context quoted either side of a finding. */
const CONTEXT = 60;
/** A page listing every author on every line should not produce an unreadable report. */
const MAX_FINDINGS = 500;

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
// Plumbing

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
