// An author learns of a decision from its letter, never before: while the letter is held (and
// for ever, once the decision was rescinded) the author's page reads as if it had not been made.
// The submission's state shows the state before it, and its moves leave the author's timeline.
import type { Database } from '@gaps/db';
import { authorTold } from '../blinding/project-decision.ts';
import { HttpError } from '../plugins/errors.ts';
import type { TimelineRow } from '../submissions/submission.repository.ts';
import type { SubmissionState } from '../submissions/submission-state.ts';
import { loadDecisions } from './decision.repository.ts';
import { type DecisionOutcome, targetState } from './decision-rules.ts';

export async function hideUntoldDecisions(
  db: Database,
  submissionId: string,
  seen: { status: string; timeline: TimelineRow[] },
  now: Date,
): Promise<{ status: string; timeline: TimelineRow[] }> {
  const untold = (await loadDecisions(db, submissionId)).filter((d) => !authorTold(d, now));
  if (untold.length === 0) return seen;
  let { status } = seen;
  const timeline = [...seen.timeline];
  // Each untold decision hides one move into its state (and, when rescinded, one move back), the
  // latest not yet hidden: the moves are the audit's, written in the decision's transaction.
  const hideLatest = (from: string, to: string) => {
    for (let index = timeline.length - 1; index >= 0; index -= 1) {
      const event = timeline[index]!;
      const details = event.details as { from?: string; to?: string };
      if (event.action === 'submission.status_changed' && details.from === from && details.to === to) {
        timeline.splice(index, 1);
        return;
      }
    }
  };
  for (const decision of untold) {
    const from = decision.from_state ?? 'in_review';
    const to = targetState[decision.outcome as DecisionOutcome];
    hideLatest(from, to);
    if (decision.rescinded_at) hideLatest(to, from);
    else if (status === to) status = from;
  }
  return { status, timeline };
}

/**
 * The standing decision whose letter is still held at `now`: the author has not been told of it,
 * so the author's page and every author action answer as in the state it was made from.
 */
export async function heldDecision(
  db: Database,
  submissionId: string,
  now: Date,
): Promise<{ fromState: SubmissionState; sendAfter: Date } | undefined> {
  const row = await db
    .selectFrom('decision')
    .innerJoin('email_message', 'email_message.id', 'decision.email_message_id')
    .select(['decision.from_state', 'email_message.send_after'])
    .where('decision.submission_id', '=', submissionId)
    .where('decision.rescinded_at', 'is', null)
    .where('email_message.status', '=', 'pending')
    .where('email_message.send_after', '>', now)
    .executeTakeFirst();
  if (!row?.send_after) return undefined;
  return { fromState: (row.from_state ?? 'in_review') as SubmissionState, sendAfter: row.send_after };
}

/**
 * The answer to an author's action that the state they see would allow while the decision's letter
 * is held: neither refused in words that tell the decision nor done behind the letter's back.
 */
export function decisionOnItsWay(
  sendAfter: Date,
  now: Date,
  afterwards = 'You can withdraw after that if you still wish to.',
): HttpError {
  const minutes = Math.max(1, Math.ceil((sendAfter.getTime() - now.getTime()) / 60_000));
  return new HttpError(
    409,
    'decision_on_its_way',
    `The editors are sending you their decision; you will hear from them by e-mail within ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. ${afterwards}`,
  );
}
