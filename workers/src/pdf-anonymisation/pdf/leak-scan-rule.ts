// The shared vocabulary of the identity-leak scan's rules: a rule finds hits (kind and span) in a
// page's normalised text. See leak-scan.ts.
import type { FindingKind } from './types.ts';

// Word boundaries that understand letters beyond ASCII (\b does not).
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';

export type Hit = { kind: FindingKind; start: number; end: number };
export type Rule = (text: string) => Hit[];
/** Rules that can only match where `prefilter` does: one cheap test saves a page many regexes. */
export type RuleGroup = { prefilter?: RegExp; rules: Rule[] };

export function regexRule(kind: FindingKind, source: string): Rule {
  const pattern = new RegExp(source, 'giu');
  return (text) =>
    [...text.matchAll(pattern)].map((match) => ({ kind, start: match.index, end: match.index + match[0].length }));
}

export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
