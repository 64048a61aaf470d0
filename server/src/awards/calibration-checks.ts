// The stability checks the chair reads beside the fair ranking, and the plain-words account of how
// it was made. Every message names what to do or how far to trust the order, not the statistics.
import type { CalibrationWarning, CategoryRanking, JudgeAdjustment, Mark, RankedEntry } from './calibration.ts';

export interface Labels {
  judge: (judge: string) => string;
  entry: (entry: string) => string;
}

type Check = { fewMarks: number; labels: Labels };

/** The warnings for one category, most serious first. */
export function checkCategory(
  entries: readonly RankedEntry[],
  own: readonly Mark[],
  all: readonly Mark[],
  { fewMarks, labels }: Check,
): CalibrationWarning[] {
  const warnings: CalibrationWarning[] = [];
  const name = (entry: string) => `“${labels.entry(entry)}”`;

  const groups = separateGroups(own, all);
  if (groups.length > 1) {
    const described = groups
      .map((g) => `${g.entries.map(name).join(', ')} (marked by ${g.judges.map(labels.judge).join(', ')})`)
      .join('; ');
    warnings.push({
      code: 'not_comparable',
      judges: groups.flatMap((g) => g.judges),
      groups,
      message:
        `These entries were marked by separate groups of judges who share no entry: ${described}. ` +
        'How strict one group is compared with another cannot be known, so between the groups this ranking ' +
        'is no fairer than the raw means. Ask a judge from one group to mark an entry of the other.',
    });
  }

  const [first, ...rest] = entries;
  if (first) {
    // Two standard errors of the difference: the margin tested here is the one the warning names.
    const margin = (e: { uncertainty: number }) => 2 * Math.hypot(first.uncertainty, e.uncertainty);
    const close = rest.filter((e) => first.calibrated - e.calibrated <= margin(e));
    if (close.length > 0) {
      const second = close[0]!;
      warnings.push({
        code: 'top_within_noise',
        entries: [first.entry, ...close.map((e) => e.entry)],
        message:
          `The top places are within the noise: ${[first, ...close].map((e) => name(e.entry)).join(', ')} ` +
          `differ by less than the marks can tell apart (${name(first.entry)} leads ${name(second.entry)} by ` +
          `${points(first.calibrated - second.calibrated)}, within the margin of error of about ` +
          `±${points(margin(second))}). Treat them as level and let the panel decide.`,
      });
    }
  }

  const marksOf = new Map<string, number>();
  for (const m of all) marksOf.set(m.judge, (marksOf.get(m.judge) ?? 0) + 1);
  for (const judge of [...new Set(own.map((m) => m.judge))].sort()) {
    const marks = marksOf.get(judge)!;
    if (marks >= fewMarks) continue;
    warnings.push({
      code: 'few_marks',
      judge,
      marks,
      message:
        `${labels.judge(judge)} marked only ${marks === 1 ? 'one entry' : `${marks} entries`}: too few to tell ` +
        'how lenient or harsh they are, so their marks are barely adjusted.',
    });
  }

  for (const e of entries)
    if (e.judges === 1)
      warnings.push({
        code: 'single_judge',
        entry: e.entry,
        message: `${name(e.entry)} was marked by one judge only, so its mark cannot be checked against anyone else’s.`,
      });

  for (const e of entries)
    if (e.rank !== e.rawRank)
      warnings.push({
        code: 'rank_moved',
        entry: e.entry,
        rawRank: e.rawRank,
        rank: e.rank,
        message: `${name(e.entry)} is ${ordinal(e.rawRank)} by the raw mean and ${ordinal(e.rank)} once each judge’s leniency is taken out.`,
      });
  return warnings;
}

/**
 * The category's entries split by the judge–entry graph of ALL marks (a judge of another category
 * can link two groups): within a group, offsets are compared through shared entries; between
 * groups, nothing ties them together.
 */
function separateGroups(own: readonly Mark[], all: readonly Mark[]): Array<{ entries: string[]; judges: string[] }> {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const m of all) union(`e\u0000${m.category}\u0000${m.entry}`, `j\u0000${m.judge}`);
  const groups = new Map<string, { entries: Set<string>; judges: Set<string> }>();
  for (const m of own) {
    const root = find(`e\u0000${m.category}\u0000${m.entry}`);
    const group = groups.get(root) ?? { entries: new Set<string>(), judges: new Set<string>() };
    group.entries.add(m.entry);
    group.judges.add(m.judge);
    groups.set(root, group);
  }
  return [...groups.values()]
    .map((g) => ({ entries: [...g.entries].sort(), judges: [...g.judges].sort() }))
    .sort((a, b) => (a.entries[0]! < b.entries[0]! ? -1 : 1));
}

/** How the ranking was computed, in words the panel chair can repeat to the panel. */
export function explain(fit: {
  marks: number;
  judges: readonly JudgeAdjustment[];
  noise: number;
  priorMarks: number;
  categories: readonly CategoryRanking[];
}): string {
  if (fit.marks === 0) return 'There are no marks yet, so there is nothing to rank.';
  const offsets = fit.judges.map((j) => j.offset);
  const lowest = Math.min(...offsets);
  const highest = Math.max(...offsets);
  const moved = fit.categories.some((c) => c.entries.some((e) => e.rank !== e.rawRank));
  return [
    'Each entry’s calibrated score is the mean of its marks with each judge’s own leniency taken out.',
    'A judge’s leniency (their offset) is how far, on average, they mark above or below the other judges who',
    `marked the same entries. It is worked out from all ${fit.marks} marks at once, across every category,`,
    'estimating the entries’ scores and the judges’ offsets in turn until neither changes.',
    `So that a judge who marked only a few entries is not over-corrected, each offset is held back towards`,
    `zero as if that judge had also given ${fit.priorMarks} marks exactly in line with the rest of the panel.`,
    fit.judges.length > 1
      ? `The offsets run from ${signed(lowest)} (the harshest judge) to ${signed(highest)} (the most lenient);`
      : 'There is only one judge, so nobody’s marks could be compared and nothing was adjusted;',
    'the list of judges shows how far each judge’s marks were moved.',
    fit.noise > 0
      ? `What the model cannot explain (one judge’s view of one entry) varies by about ${points(fit.noise)} points, ` +
        'so entries closer than about twice their uncertainty are within the noise.'
      : 'The marks overlap too little to say how much one judge’s view of an entry varies, so no uncertainty can be given.',
    moved
      ? 'Where the calibrated order differs from the order of the raw means, a warning says which entries moved.'
      : 'Here the calibrated order is the same as the order of the raw means.',
  ].join(' ');
}

const points = (value: number) => value.toFixed(2);
const signed = (value: number) => (value >= 0 ? `+${points(value)}` : `−${points(-value)}`);

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
