// Review data put straight into the tables, for tests of what editors read about reviews. The
// invitation, reviewing and rubric work is built (and tested) elsewhere; these tests need only
// its rows, in states that would take a whole journey to reach through the API.
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { AssignmentState } from '../src/assignments/assignment-state.ts';

// Code prefixes are letters only (A–Z, 2 to 8).
const letters = () =>
  Array.from(randomUUID().replaceAll('-', '').slice(0, 6), (hex) =>
    String.fromCharCode(65 + (Number.parseInt(hex, 16) % 26)),
  ).join('');

export async function makeAwardVenue(db: Database) {
  const slug = `award-${randomUUID().slice(0, 6)}`;
  return db
    .insertInto('venue')
    .values({ slug, name: `Award ${slug}`, kind: 'award', code_prefix: `AW${letters()}` })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

export interface CriterionSpec {
  label: string;
  weight: number;
  minScore?: number;
  maxScore?: number;
}

/** A rubric with its criteria in the given order; answers their ids in the same order. */
export async function makeRubric(db: Database, venueId: string, criteria: CriterionSpec[], asksRecommendation = true) {
  const rubric = await db
    .insertInto('rubric')
    .values({ venue_id: venueId, name: `Rubric ${randomUUID().slice(0, 6)}`, asks_recommendation: asksRecommendation })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('rubric_criterion')
    .values(
      criteria.map((criterion, index) => ({
        rubric_id: rubric.id,
        position: index + 1,
        label: criterion.label,
        weight: String(criterion.weight),
        min_score: criterion.minScore ?? 1,
        max_score: criterion.maxScore ?? 5,
      })),
    )
    .returning(['id', 'position'])
    .execute();
  return { id: rubric.id, criterionIds: rows.sort((a, b) => a.position - b.position).map((row) => row.id) };
}

let codeNumber = 0;

/** A sent submission in the given state (in review unless told), with a code, authors linked. */
export async function makeSentSubmission(
  db: Database,
  input: {
    venueId: string;
    callId: string;
    submitterId: string;
    coAuthorIds?: string[];
    status?: string;
    title?: string;
  },
) {
  codeNumber += 1;
  const row = await db
    .insertInto('submission')
    .values({
      venue_id: input.venueId,
      call_id: input.callId,
      submitter_id: input.submitterId,
      status: input.status ?? 'in_review',
      title: input.title ?? `A paper ${codeNumber}`,
      code: `T${randomUUID().slice(0, 6).toUpperCase()}-${String(codeNumber).padStart(4, '0')}`,
      code_year: 2027,
      code_number: codeNumber,
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const authorIds = [input.submitterId, ...(input.coAuthorIds ?? [])];
  const people = await db.selectFrom('person').select(['id', 'name', 'email']).where('id', 'in', authorIds).execute();
  await db
    .insertInto('submission_author')
    .values(
      authorIds.map((id, index) => {
        const person = people.find((p) => p.id === id)!;
        return {
          submission_id: row.id,
          person_id: id,
          name: person.name,
          email: person.email,
          position: index + 1,
          is_corresponding: index === 0,
        };
      }),
    )
    .execute();
  return row.id;
}

export interface AssignmentSpec {
  submissionId: string;
  reviewerId: string;
  reviewerNumber: number;
  status?: AssignmentState;
  round?: number;
  dueAt?: Date | null;
  conflictOverride?: string;
  declineReason?: string;
  suggestedReviewer?: string;
}

export async function makeAssignment(db: Database, spec: AssignmentSpec) {
  const status = spec.status ?? 'accepted';
  const now = new Date();
  const row = await db
    .insertInto('assignment')
    .values({
      submission_id: spec.submissionId,
      reviewer_id: spec.reviewerId,
      reviewer_number: spec.reviewerNumber,
      round: spec.round ?? 1,
      status,
      due_at: spec.dueAt === undefined ? new Date(now.getTime() + 14 * 86_400_000) : spec.dueAt,
      responded_at: status === 'invited' ? null : now,
      submitted_at: status === 'submitted' ? now : null,
      cancelled_at: status === 'cancelled' ? now : null,
      expired_at: status === 'expired' ? now : null,
      conflict_override: spec.conflictOverride ?? null,
      decline_reason: spec.declineReason ?? null,
      suggested_reviewer: spec.suggestedReviewer ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A review with its scores (criterion id → score); submitted unless `draft`. */
export async function makeReview(
  db: Database,
  input: {
    assignmentId: string;
    scores: Record<string, number>;
    recommendation?: 'accept' | 'minor_revision' | 'major_revision' | 'reject' | null;
    commentsToAuthor?: string;
    commentsToEditor?: string;
    draft?: boolean;
  },
) {
  const review = await db
    .insertInto('review')
    .values({
      assignment_id: input.assignmentId,
      recommendation: input.recommendation ?? null,
      comments_to_author: input.commentsToAuthor ?? '',
      comments_to_editor: input.commentsToEditor ?? '',
      submitted_at: input.draft ? null : new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entries = Object.entries(input.scores);
  if (entries.length > 0) {
    await db
      .insertInto('review_score')
      .values(entries.map(([criterionId, score]) => ({ review_id: review.id, criterion_id: criterionId, score })))
      .execute();
  }
  return review.id;
}

export async function makeAlternate(
  db: Database,
  input: { submissionId: string; personId: string; position: number; round?: number; conflictOverride?: string },
) {
  await db
    .insertInto('review_alternate')
    .values({
      submission_id: input.submissionId,
      person_id: input.personId,
      position: input.position,
      round: input.round ?? 1,
      conflict_override: input.conflictOverride ?? null,
    })
    .execute();
}
