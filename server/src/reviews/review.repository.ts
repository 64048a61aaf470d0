// Reads for the reviewer's page, in named column sets: the call's rules, the reviewer's own review.
// The authors are read only where the call's blind mode lets the reviewer see them.
import type { Database } from '@gaps/db';
import type { BlindMode, Recommendation, ReviewDraft, ReviewState } from '../blinding/project-review.ts';

/** The call's review rules and this assignment's own facts. */
export async function loadReviewSetting(db: Database, assignmentId: string) {
  const row = await db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .leftJoin('rubric', 'rubric.id', 'call.rubric_id')
    .select([
      'assignment.due_at',
      'assignment.status',
      'call.blind_mode',
      'call.rubric_id',
      'rubric.name as rubric_name',
      'rubric.asks_recommendation',
      'venue.kind as venue_kind',
      'submission.code',
    ])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  return {
    dueAt: row.due_at,
    status: row.status,
    blindMode: row.blind_mode as BlindMode,
    rubric: row.rubric_id ? { id: row.rubric_id, name: row.rubric_name ?? '' } : null,
    // Without a rubric, the journal still asks its reviewers what they recommend.
    asksRecommendation: row.rubric_id ? Boolean(row.asks_recommendation) : row.venue_kind === 'journal',
    venueKind: row.venue_kind,
    code: row.code,
  };
}
export type ReviewSetting = Awaited<ReturnType<typeof loadReviewSetting>>;

/** The reviewer's review of this assignment as a draft view (empty before the first save). */
export async function loadReviewDraft(db: Database, assignmentId: string, status: string): Promise<ReviewDraft> {
  const review = await db
    .selectFrom('review')
    .select([
      'id',
      'recommendation',
      'comments_to_author',
      'comments_to_editor',
      'updated_at',
      'submitted_at',
      'reopened_at',
    ])
    .where('assignment_id', '=', assignmentId)
    .executeTakeFirst();
  const scores = review
    ? await db.selectFrom('review_score').select(['criterion_id', 'score']).where('review_id', '=', review.id).execute()
    : [];
  const state: ReviewState = status === 'submitted' ? 'submitted' : review?.reopened_at ? 'reopened' : 'draft';
  return {
    state,
    scores: Object.fromEntries(scores.map((row) => [row.criterion_id, row.score])),
    recommendation: (review?.recommendation as Recommendation | null | undefined) ?? null,
    commentsToAuthor: review?.comments_to_author ?? '',
    commentsToEditor: review?.comments_to_editor ?? '',
    updatedAt: review?.updated_at.toISOString() ?? null,
    submittedAt: review?.submitted_at?.toISOString() ?? null,
    reopenedAt: review?.reopened_at?.toISOString() ?? null,
  };
}
