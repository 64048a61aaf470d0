// The chair's view of a ranking says an entry moved only when it did: an entry without marks has
// no movement, and "moved up to winner" is said of an audited move only, never of an entry the
// chair chose or of entries without marks.
import { describe, expect, it } from 'vitest';
import type { RankingRow, ResultRow } from '../awards/ranking.repository.ts';
import type { RankingSnapshot, SnapshotEntry } from '../awards/ranking.service.ts';
import { toAwardRankingView } from './project-award-ranking.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const entry = (n: number, rank: number | null, rawRank: number | null): SnapshotEntry => ({
  submissionId: id(n),
  code: `CWEA-2026-00${n}`,
  title: `Essay ${n}`,
  raw: rank === null ? null : 5,
  calibrated: rank === null ? null : 5,
  rank,
  rawRank,
  uncertainty: null,
  judges: rank === null ? 0 : 2,
  marks: [],
});
const snapshot: RankingSnapshot = {
  explanation: '',
  noise: 0,
  judges: [],
  missing: [],
  categories: [
    { id: null, name: 'Student', warnings: [], entries: [entry(1, 1, 2), entry(2, 2, 1), entry(3, null, null)] },
  ],
};
const result = (n: number, outcome: string, eligibility: string): ResultRow => ({
  id: id(n),
  submission_id: id(n),
  category_id: null,
  rank: null,
  normalised_score: null,
  raw_score: null,
  outcome,
  eligibility,
  eligibility_note: null,
  announced_at: null,
  submission_status: 'in_review',
});
const row = { unblinded_at: new Date(), announced_at: null, locked_at: new Date() } as unknown as RankingRow;
const call = { id: id(9), title: 'Awards', venue_id: id(8), venue_name: 'Awards', time_zone: 'Europe/London' };
const view = (results: ResultRow[], moves: Array<{ submissionId: string; replacedSubmissionId: string }>) =>
  toAwardRankingView({ call, snapshot, row, results, moves, entrants: [], formFields: [] }).categories[0]!;

describe('what moved, in the chair’s view', () => {
  it('gives an entry without marks no movement', () => {
    const category = view([], []);
    expect(category.entries.map((e) => e.movement)).toEqual([1, -1, null]);
  });

  it('says a winner moved up only when it did, and never of an unmarked entry', () => {
    // The chair chose the second entry with the first ineligible: no move happened.
    expect(view([result(1, 'not_placed', 'ineligible'), result(2, 'winner', 'eligible')], []).notes).toEqual([]);
    // An unmarked entry as winner, or replaced: nothing is said.
    expect(
      view(
        [result(1, 'not_placed', 'ineligible'), result(3, 'winner', 'eligible')],
        [{ submissionId: id(3), replacedSubmissionId: id(1) }],
      ).notes,
    ).toEqual([]);
    expect(
      view(
        [result(1, 'not_placed', 'ineligible'), result(2, 'winner', 'eligible')],
        [{ submissionId: id(2), replacedSubmissionId: id(1) }],
      ).notes,
    ).toEqual([
      'CWEA-2026-001 was found ineligible, so CWEA-2026-002, the next eligible entry by calibrated rank, moved up to winner.',
    ]);
  });
});
