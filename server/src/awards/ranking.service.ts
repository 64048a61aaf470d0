// The award call's ranking as the chair reads it: one mark per submitted review (its weighted
// total, the same number the review panel shows), the calibration over the whole call's marks
// (judges mark across categories, so their leniency is estimated from all their marks), and the
// marks still owed. The result is a plain snapshot: the same shape is stored when the chair locks.
import type { DB } from '@gaps/db';
import type { Kysely, Transaction } from 'kysely';
import { weightedTotal } from '../review-panel/weighted-total.ts';
import { type CalibrationWarning, calibrate, type Mark } from './calibration.ts';
import {
  type EntryRow,
  loadEntriesInJudging,
  loadOwedMarks,
  loadReviewScores,
  loadSubmittedReviews,
  type OwedMarkRow,
  type SubmittedReviewRow,
} from './ranking.repository.ts';

export interface SnapshotMark {
  judge: string;
  score: number;
  adjusted: number;
}

export interface SnapshotEntry {
  submissionId: string;
  code: string;
  title: string;
  /** Null for an entry no judge has marked yet. */
  raw: number | null;
  calibrated: number | null;
  rank: number | null;
  rawRank: number | null;
  uncertainty: number | null;
  judges: number;
  marks: SnapshotMark[];
}

export interface SnapshotCategory {
  id: string | null;
  name: string;
  entries: SnapshotEntry[];
  warnings: Array<Pick<CalibrationWarning, 'code' | 'message'>>;
}

export interface MissingMark {
  submissionId: string;
  code: string;
  title: string;
  judge: string;
  status: 'invited' | 'accepted';
}

/** Stored as award_ranking.ranking when locked: change its shape only with a migration of old rows. */
export interface RankingSnapshot {
  explanation: string;
  noise: number;
  judges: Array<{ judge: string; marks: number; offset: number }>;
  categories: SnapshotCategory[];
  missing: MissingMark[];
}

type Executor = Kysely<DB> | Transaction<DB>;

export async function currentRanking(db: Executor, callId: string): Promise<RankingSnapshot> {
  const [entries, reviews, owed] = await Promise.all([
    loadEntriesInJudging(db, callId),
    loadSubmittedReviews(db, callId),
    loadOwedMarks(db, callId),
  ]);
  const scores = await loadReviewScores(
    db,
    reviews.map((review) => review.review_id),
  );
  return buildSnapshot({ entries, reviews, scores, owed });
}

const NO_CATEGORY = 'none';

/**
 * Judges appear by name (editors know who judges); two judges sharing a name are told apart by
 * their address, so the calibration never merges two people's marks.
 */
function judgeLabels(people: Array<{ judge_id: string; judge_name: string; judge_email: string }>) {
  const names = new Map<string, Set<string>>();
  for (const p of people) names.set(p.judge_name, (names.get(p.judge_name) ?? new Set()).add(p.judge_id));
  const labels = new Map<string, string>();
  for (const p of people) {
    const shared = (names.get(p.judge_name)?.size ?? 0) > 1;
    labels.set(p.judge_id, shared ? `${p.judge_name} (${p.judge_email})` : p.judge_name);
  }
  return labels;
}

export function buildSnapshot(input: {
  entries: EntryRow[];
  reviews: SubmittedReviewRow[];
  scores: Array<{ review_id: string; criterion_id: string; score: number; weight: string }>;
  owed: OwedMarkRow[];
}): RankingSnapshot {
  const labels = judgeLabels([...input.reviews, ...input.owed]);
  const entryKey = (entry: EntryRow) => entry.code ?? entry.id;
  const entryById = new Map(input.entries.map((entry) => [entry.id, entry]));
  const marks: Mark[] = [];
  for (const review of input.reviews) {
    const entry = entryById.get(review.submission_id);
    if (!entry) continue;
    const given = input.scores.filter((s) => s.review_id === review.review_id);
    const total = weightedTotal(
      given.map((s) => ({ id: s.criterion_id, weight: Number(s.weight) })),
      new Map(given.map((s) => [s.criterion_id, s.score])),
    );
    if (total === null) continue; // a submitted review with no scores gives no mark to rank by
    marks.push({
      entry: entryKey(entry),
      category: entry.category_id ?? NO_CATEGORY,
      judge: labels.get(review.judge_id)!,
      score: total,
    });
  }
  const calibration = calibrate(marks);

  const categories: SnapshotCategory[] = [];
  for (const entry of input.entries) {
    const id = entry.category_id;
    let category = categories.find((c) => c.id === id);
    if (!category) {
      const ranked = calibration.categories.find((c) => c.category === (id ?? NO_CATEGORY));
      category = {
        id,
        name: entry.category_name ?? 'No category',
        entries: [],
        warnings: (ranked?.warnings ?? []).map(({ code, message }) => ({ code, message })),
      };
      categories.push(category);
    }
    const ranked = calibration.categories
      .find((c) => c.category === (id ?? NO_CATEGORY))
      ?.entries.find((e) => e.entry === entryKey(entry));
    category.entries.push({
      submissionId: entry.id,
      code: entryKey(entry),
      title: entry.title,
      raw: ranked?.raw ?? null,
      calibrated: ranked?.calibrated ?? null,
      rank: ranked?.rank ?? null,
      rawRank: ranked?.rawRank ?? null,
      uncertainty: ranked?.uncertainty ?? null,
      judges: ranked?.judges ?? 0,
      marks: ranked?.marks.map(({ judge, score, adjusted }) => ({ judge, score, adjusted })) ?? [],
    });
  }
  // Best first; entries nobody has marked yet at the end, by code.
  for (const category of categories) {
    category.entries.sort(
      (a, b) =>
        (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.code.localeCompare(b.code),
    );
  }

  return {
    explanation: calibration.explanation,
    noise: calibration.noise,
    judges: calibration.judges.map(({ judge, marks, offset }) => ({ judge, marks, offset })),
    categories,
    missing: input.owed.map((row) => ({
      submissionId: row.submission_id,
      code: row.code ?? row.submission_id,
      title: row.title,
      judge: labels.get(row.judge_id)!,
      status: row.status as MissingMark['status'],
    })),
  };
}

/** "Judge X marks about 0.8 points above the panel; their marks were lowered by that much." */
export function adjustmentSentence(judge: { judge: string; offset: number }): string {
  const size = Math.abs(judge.offset);
  const points = `${size.toFixed(1)} ${size.toFixed(1) === '1.0' ? 'point' : 'points'}`;
  if (size < 0.05) return `${judge.judge} marks in line with the panel; their marks were not changed.`;
  return judge.offset > 0
    ? `${judge.judge} marks about ${points} above the panel; their marks were lowered by that much.`
    : `${judge.judge} marks about ${points} below the panel; their marks were raised by that much.`;
}
