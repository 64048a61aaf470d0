// Reviews need an accepted assignment; until the invitation code makes them, tests insert the row
// as an accepted invitation would leave it (status, reviewer number, round, due date).
import type { Database } from '@gaps/db';
import type { RubricInput } from '../src/rubrics/rubric.schemas.ts';
import { createRubric } from '../src/rubrics/rubric.service.ts';

const noAudit = { actorId: null, ip: null, requestId: null };

export const awardRubric = (overrides: Partial<RubricInput> = {}): RubricInput => ({
  name: `Essay rubric ${Math.random().toString(36).slice(2, 8)}`,
  asksRecommendation: true,
  criteria: [
    {
      label: 'Relevance to relationship-based practice',
      description: 'How far the essay engages with the relationship between worker and client.',
      minScore: 1,
      maxScore: 5,
      weight: 2,
      descriptors: [
        { score: 1, text: 'Not addressed' },
        { score: 5, text: 'Central and well argued' },
      ],
    },
    { label: 'Clarity of writing', description: '', minScore: 0, maxScore: 3, weight: 1, descriptors: [] },
  ],
  ...overrides,
});

export async function makeRubric(db: Database, venueId: string, input: RubricInput = awardRubric()) {
  return createRubric({ db, audit: noAudit, now: new Date() }, venueId, input);
}

/** An assignment of `reviewerId` to the submission's current round, as an accepted invitation leaves it. */
export async function makeAcceptedAssignment(
  db: Database,
  submissionId: string,
  reviewerId: string,
  options: { status?: 'accepted' | 'invited' | 'declined' | 'cancelled'; dueAt?: Date } = {},
) {
  const submission = await db
    .selectFrom('submission')
    .select('round')
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const taken = await db
    .selectFrom('assignment')
    .select((eb) => eb.fn.max('reviewer_number').as('highest'))
    .where('submission_id', '=', submissionId)
    .where('round', '=', submission.round)
    .executeTakeFirst();
  const status = options.status ?? 'accepted';
  const row = await db
    .insertInto('assignment')
    .values({
      submission_id: submissionId,
      round: submission.round,
      reviewer_id: reviewerId,
      reviewer_number: Number(taken?.highest ?? 0) + 1,
      status,
      due_at: options.dueAt ?? new Date('2030-01-31T23:59:00Z'),
      responded_at: status === 'invited' ? null : new Date(),
      cancelled_at: status === 'cancelled' ? new Date() : null,
    })
    .returning(['id', 'reviewer_number'])
    .executeTakeFirstOrThrow();
  return { assignmentId: row.id, reviewerNumber: row.reviewer_number };
}
