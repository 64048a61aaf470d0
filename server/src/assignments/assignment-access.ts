// Who may open an assignment as its reviewer: the checks every reviewer-facing route makes first.
// The policy decides; this loads the facts it needs and answers 404 for anything else, with the
// same body as an assignment that does not exist.
import type { Database } from '@gaps/db';
import { notFound } from '../plugins/errors.ts';
import { type AssignmentFacts, authorize, can, type Viewer } from '../policy/permissions.ts';
import type { AssignmentState } from './assignment-state.ts';

export interface ReviewerAccess {
  facts: AssignmentFacts & { status: AssignmentState; round: number; reviewerNumber: number };
  viewer: Viewer;
}

export async function loadAssignmentFacts(db: Database, assignmentId: string) {
  const row = await db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .select([
      'assignment.id',
      'assignment.reviewer_id',
      'assignment.submission_id',
      'assignment.status',
      'assignment.round',
      'assignment.reviewer_number',
      'submission.venue_id',
    ])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    reviewerId: row.reviewer_id,
    submissionId: row.submission_id,
    venueId: row.venue_id,
    status: row.status as AssignmentState,
    round: row.round,
    reviewerNumber: row.reviewer_number,
  };
}

/** The assignment as its reviewer sees it, or 401/404 (never a hint that it exists). */
export async function requireReviewer(
  db: Database,
  viewer: Viewer | null,
  assignmentId: string,
): Promise<ReviewerAccess> {
  const facts = await loadAssignmentFacts(db, assignmentId);
  if (facts && viewer && can(viewer, { kind: 'assignment.review', assignment: facts })) return { facts, viewer };
  // Missing and someone else's end in the same throw: the blindness suite found that a denial
  // ("that page") read differently from a missing one ("that assignment"), confirming existence.
  authorize(viewer, { kind: 'account.use' });
  throw notFound('assignment');
}
