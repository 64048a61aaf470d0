// An author learns of a decision from its letter, never before: while the letter is held (and
// for ever, once the decision was rescinded) the author's page reads as if it had not been made.
// The submission's state shows the state before it, and its moves leave the author's timeline.
import type { Database } from '@gaps/db';
import { authorTold } from '../blinding/project-decision.ts';
import type { TimelineRow } from '../submissions/submission.repository.ts';
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
