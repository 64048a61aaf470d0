// The award panel's fair ranking, as pure functions: one code path for the API, the chair's page
// and `npm run -s awards -- rank FILE.csv`. The model is in calibration-fit.ts, the warnings and
// the chair's explanation in calibration-checks.ts; docs/awards-ranking.md says it in plain words.
import { checkCategory, explain, type Labels } from './calibration-checks.ts';
import { fitMarks, mean } from './calibration-fit.ts';

/** One judge's total mark for one entry. */
export interface Mark {
  entry: string;
  category: string;
  judge: string;
  score: number;
}

export type CalibrationWarning =
  | { code: 'few_marks'; judge: string; marks: number; message: string }
  | { code: 'top_within_noise'; entries: string[]; message: string }
  | { code: 'rank_moved'; entry: string; rawRank: number; rank: number; message: string }
  | {
      code: 'not_comparable';
      judges: string[];
      /** The category's entries by group of judges that share entries (through any category). */
      groups: Array<{ entries: string[]; judges: string[] }>;
      message: string;
    }
  | { code: 'single_judge'; entry: string; message: string };

export interface RankedEntry {
  entry: string;
  /** Mean of its marks as given. */
  raw: number;
  /** Its estimated quality on the marks' own scale, with each judge's leniency taken out. */
  calibrated: number;
  /** 1 = best; ties share a rank. */
  rank: number;
  /** Its rank by raw mean, for the stability check. */
  rawRank: number;
  /** How many judges marked it. */
  judges: number;
  /** One standard error of `calibrated`: the noise the chair should read differences against. */
  uncertainty: number;
  marks: Array<{ judge: string; score: number; adjusted: number }>;
}

export interface CategoryRanking {
  category: string;
  entries: RankedEntry[];
  warnings: CalibrationWarning[];
}

export interface JudgeAdjustment {
  judge: string;
  marks: number;
  /** How far above (+) or below (−) the panel this judge marks; their marks are moved by −offset. */
  offset: number;
}

export interface Calibration {
  categories: CategoryRanking[];
  judges: JudgeAdjustment[];
  /** Spread of what the model does not explain (one judge's mark of one essay), on the marks' scale. */
  noise: number;
  /** How it was computed, in plain words for the chair. */
  explanation: string;
}

export interface CalibrationOptions {
  /**
   * How strongly each judge's offset is held towards 0: as if every judge had also given this many
   * marks exactly in line with the panel. 2 by default.
   */
  priorMarks?: number;
  /** A judge with fewer marks than this gets a warning. 3 by default. */
  fewMarks?: number;
  /** How judges and entries are named in the warnings (the keys themselves by default). */
  labels?: Partial<Labels>;
}

export const DEFAULT_PRIOR_MARKS = 2;
export const DEFAULT_FEW_MARKS = 3;

/**
 * Ranks every category's entries by calibrated score, fitted once over all the marks. Pure and
 * deterministic: the same marks in any order give the same answer. Categories come in the order
 * they first appear in `marks`.
 */
export function calibrate(marks: readonly Mark[], options: CalibrationOptions = {}): Calibration {
  const priorMarks = options.priorMarks ?? DEFAULT_PRIOR_MARKS;
  const labels: Labels = {
    judge: options.labels?.judge ?? ((judge) => judge),
    entry: options.labels?.entry ?? ((entry) => entry),
  };
  // Sorted first, so that the fit's arithmetic (and so every digit) does not depend on row order.
  const sorted = [...marks].sort(
    (a, b) => compare(a.category, b.category) || compare(a.entry, b.entry) || compare(a.judge, b.judge),
  );
  const key = (m: Pick<Mark, 'category' | 'entry'>) => `${m.category}\u0000${m.entry}`;
  const fit = fitMarks(
    sorted.map((m) => ({ entry: key(m), judge: m.judge, score: m.score })),
    priorMarks,
  );
  const marksOf = new Map<string, number>();
  for (const m of sorted) marksOf.set(m.judge, (marksOf.get(m.judge) ?? 0) + 1);
  const judges: JudgeAdjustment[] = [...marksOf.keys()]
    .sort(compare)
    .map((judge) => ({ judge, marks: marksOf.get(judge)!, offset: fit.offset.get(judge)! }));

  const categoryNames = [...new Set(marks.map((m) => m.category))];
  const categories = categoryNames.map((category): CategoryRanking => {
    const own = sorted.filter((m) => m.category === category);
    const names = [...new Set(own.map((m) => m.entry))];
    const rows = names.map((entry) => {
      const given = own.filter((m) => m.entry === entry);
      return {
        entry,
        raw: mean(given.map((m) => m.score)),
        calibrated: fit.quality.get(key({ category, entry }))!,
        judges: new Set(given.map((m) => m.judge)).size,
        uncertainty: fit.uncertainty.get(key({ category, entry }))!,
        marks: given.map((m) => ({
          judge: m.judge,
          score: m.score,
          adjusted: m.score - fit.offset.get(m.judge)!,
        })),
      };
    });
    const rank = ranks(
      rows,
      (r) => r.calibrated,
      (r) => r.raw,
    );
    const rawRank = ranks(
      rows,
      (r) => r.raw,
      (r) => r.calibrated,
    );
    const entries = rows
      .map((r) => ({ ...r, rank: rank.get(r.entry)!, rawRank: rawRank.get(r.entry)! }))
      .sort((a, b) => a.rank - b.rank || b.raw - a.raw || compare(a.entry, b.entry));
    const warnings = checkCategory(entries, own, sorted, {
      fewMarks: options.fewMarks ?? DEFAULT_FEW_MARKS,
      labels,
    });
    return { category, entries, warnings };
  });
  return {
    categories,
    judges,
    noise: fit.noise,
    explanation: explain({ marks: sorted.length, judges, noise: fit.noise, priorMarks, categories }),
  };
}

/**
 * Standard competition ranks (1, 1, 3) by `value`, highest first. Values equal to a millionth of a
 * point tie: the fit's last digits are not evidence.
 */
function ranks<T extends { entry: string }>(
  rows: readonly T[],
  value: (row: T) => number,
  then: (row: T) => number,
): Map<string, number> {
  const level = (row: T) => Math.round(value(row) * 1e6);
  const ordered = [...rows].sort((a, b) => level(b) - level(a) || then(b) - then(a) || compare(a.entry, b.entry));
  const result = new Map<string, number>();
  ordered.forEach((row, index) => {
    const before = ordered[index - 1];
    result.set(row.entry, before && level(before) === level(row) ? result.get(before.entry)! : index + 1);
  });
  return result;
}

/** Code-point order: the same on every machine, whatever its locale. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
