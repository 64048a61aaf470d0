// When an author's draft can no longer be sent: the call's deadline (or the extension an editor
// gave them) has passed. The server decides for itself when they press Submit; pages use this to
// say so first, with whom to ask for more time, instead of offering a Submit that will be refused.
import type { AuthorView, MySubmission } from '../api/types.ts';

/** What the closed-call notice needs: the instant the author's time ran out and whom to ask. */
export interface ClosedCall {
  closedAt: string;
  timeZone: string;
  venueName: string;
  contactEmail: string | null;
}

/** True once `deadlineAt` (the author's own: an extension counts) has passed; a rolling call never closes. */
export function hasClosed(deadlineAt: string | null, now: number = Date.now()): boolean {
  return deadlineAt !== null && Date.parse(deadlineAt) <= now;
}

/** For a draft as the wizard holds it: null while the author can still submit. */
export function closedCallOf(view: AuthorView, now: number = Date.now()): ClosedCall | null {
  const deadlineAt = view.deadlineExtendedTo ?? view.call.deadlineAt;
  if (view.status !== 'draft' || !deadlineAt || !hasClosed(deadlineAt, now)) return null;
  return {
    closedAt: deadlineAt,
    timeZone: view.call.timeZone,
    venueName: view.call.venueName,
    contactEmail: view.call.venueContactEmail,
  };
}

/** For a line of My submissions (its deadline already counts an extension). */
export function closedCallOfRow(row: MySubmission, now: number = Date.now()): ClosedCall | null {
  if (row.status !== 'draft' || !row.deadlineAt || !hasClosed(row.deadlineAt, now)) return null;
  return {
    closedAt: row.deadlineAt,
    timeZone: row.timeZone,
    venueName: row.venueName,
    contactEmail: row.venueContactEmail,
  };
}
