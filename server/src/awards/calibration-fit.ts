// The model behind the fair ranking: score = essay quality (on the marks' own scale) + judge offset
// + noise, fitted over every mark a judge gave, in every category, because a judge's leniency is
// theirs whatever they read. The offsets are shrunk towards 0 (a ridge, as a random effect would
// be): offset = Σ residuals / (marks + priorMarks), as if each judge had also given `priorMarks`
// marks exactly in line with the panel. So a judge with one or two marks is barely moved, and the
// fit has one answer even where the offsets alone could not be told apart.

export interface FitMark {
  /** The entry's key, unique across categories. */
  entry: string;
  judge: string;
  score: number;
}

export interface Fit {
  /** Each entry's estimated quality with the judges' offsets taken out: the calibrated score. */
  quality: Map<string, number>;
  /** How far above (+) or below (−) the panel each judge marks. */
  offset: Map<string, number>;
  /** Residual standard deviation (one judge's mark of one entry); 0 when nothing overlaps. */
  noise: number;
  /** One standard error of each entry's quality. */
  uncertainty: Map<string, number>;
  /** Passes of the alternating fit it took to settle. */
  iterations: number;
}

const MAX_ITERATIONS = 10_000;

/** Alternating least squares: entry qualities given the offsets, then offsets given the qualities. */
export function fitMarks(marks: readonly FitMark[], priorMarks: number): Fit {
  const byEntry = groupBy(marks, (m) => m.entry);
  const byJudge = groupBy(marks, (m) => m.judge);
  const offset = new Map([...byJudge.keys()].map((judge) => [judge, 0]));
  const quality = new Map<string, number>();
  const scale = Math.max(1, ...marks.map((m) => Math.abs(m.score)));
  const settled = 1e-11 * scale;

  const updateQuality = () => {
    for (const [entry, own] of byEntry) quality.set(entry, mean(own.map((m) => m.score - (offset.get(m.judge) ?? 0))));
  };
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations += 1;
    updateQuality();
    let change = 0;
    for (const [judge, own] of byJudge) {
      const residual = sum(own.map((m) => m.score - quality.get(m.entry)!));
      const next = residual / (own.length + priorMarks);
      change = Math.max(change, Math.abs(next - offset.get(judge)!));
      offset.set(judge, next);
    }
    if (change < settled) break;
  }
  updateQuality();

  // Degrees of freedom left for the noise: the marks, less one quality per entry, less the part of
  // each judge's offset the data (not the shrinkage) pins down, counted only for judges who share
  // an entry with someone (a judge alone on every entry of theirs is absorbed by those entries).
  const shared = new Set(
    [...byEntry.values()]
      .filter((own) => own.length > 1)
      .flat()
      .map((m) => m.judge),
  );
  const judgeParameters = sum(
    [...byJudge].filter(([judge]) => shared.has(judge)).map(([, own]) => own.length / (own.length + priorMarks)),
  );
  const freedom = marks.length - byEntry.size - judgeParameters;
  const squares = sum(marks.map((m) => (m.score - quality.get(m.entry)! - offset.get(m.judge)!) ** 2));
  const noise = freedom >= 0.5 ? Math.sqrt(squares / freedom) : 0;

  // An entry's quality is the mean of its marks less their judges' offsets: its own marks' noise,
  // plus each offset's (about noise² / (marks + priorMarks)), correlations between them ignored.
  const uncertainty = new Map<string, number>();
  for (const [entry, own] of byEntry) {
    const n = own.length;
    const offsets = sum(own.map((m) => 1 / (byJudge.get(m.judge)!.length + priorMarks)));
    uncertainty.set(entry, noise * Math.sqrt(1 / n + offsets / (n * n)));
  }
  return { quality, offset, noise, uncertainty, iterations };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export const mean = (values: readonly number[]) => sum(values) / values.length;
