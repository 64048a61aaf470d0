// The award panel's fair ranking, as pure functions: one code path for the API, the chair's page
// and `npm run -s awards -- rank FILE.csv`. (Foundation stub: the fitted model replaces the raw
// mean here; the types are the contract the API and the CLI are written against.)

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
  | { code: 'not_comparable'; judges: string[]; message: string }
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

export function calibrate(marks: readonly Mark[]): Calibration {
  const byCategory = new Map<string, Map<string, number[]>>();
  for (const m of marks) {
    const entries = byCategory.get(m.category) ?? new Map<string, number[]>();
    entries.set(m.entry, [...(entries.get(m.entry) ?? []), m.score]);
    byCategory.set(m.category, entries);
  }
  const categories = [...byCategory].map(([category, entries]) => {
    const rows = [...entries].map(([entry, scores]) => {
      const raw = scores.reduce((a, b) => a + b, 0) / scores.length;
      return { entry, raw, calibrated: raw, judges: scores.length };
    });
    rows.sort((a, b) => b.calibrated - a.calibrated);
    return {
      category,
      entries: rows.map((r, i) => ({
        ...r,
        rank: i + 1,
        rawRank: i + 1,
        uncertainty: 0,
        marks: marks
          .filter((m) => m.entry === r.entry)
          .map((m) => ({ judge: m.judge, score: m.score, adjusted: m.score })),
      })),
      warnings: [],
    };
  });
  return { categories, judges: [], noise: 0, explanation: 'Stub: raw means.' };
}
