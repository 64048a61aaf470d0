// What "overdue now" means, in one place: a review the reviewer agreed to write (the assignment is
// accepted) whose due date has passed, on a submission still open in that round. These are the
// facts on which the sweep sends overdue reminders (schedule.ts: an accepted assignment with a due
// date; nothing once the submission is closed, assignment-facts.ts). A pause stops the reminders,
// not the lateness, so a paused review still counts. The reports count with the SQL form; the
// function states the same rule over the sweep's facts, and a test (reports.test.ts) checks that
// the two agree on planted data.
import { closedSubmissionStates } from '@gaps/workers/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { AssignmentFacts } from './schedule.ts';

export function isOverdue(facts: Pick<AssignmentFacts, 'status' | 'dueAt' | 'submissionClosed'>, now: Date): boolean {
  return facts.status === 'accepted' && facts.dueAt !== null && facts.dueAt < now && !facts.submissionClosed;
}

/**
 * The same rule as a condition on `assignment` joined with its `submission` (under those names).
 * "Closed" is what assignment-facts.ts reads: a closed state, or a round the submission has left.
 */
export function overdueCondition(now: Date): RawBuilder<boolean> {
  const closed = Object.keys(closedSubmissionStates);
  return sql<boolean>`(assignment.status = 'accepted' AND assignment.due_at IS NOT NULL AND assignment.due_at < ${now}
    AND assignment.round >= submission.round
    AND submission.status NOT IN (${sql.join(closed)}))`;
}
