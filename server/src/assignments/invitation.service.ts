// The invitation link: look at it (reads only: mail scanners and link previews follow links, and a
// peer system auto-declined invitations that way), accept, decline, or keep using it for this one
// assignment. The token names one assignment; it never signs anyone in to anything else.
// Answering is the same rule whether the reviewer holds the link or answers from their home signed
// in (reviewer-home/respond.ts): both come here, so a decline from either promotes the next
// alternate and tells the editors.

import type { Database, DB } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import { hashToken } from '../accounts/tokens.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { dateTimeFor } from '../mail-templates/words.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { Viewer } from '../policy/permissions.ts';
import { linkAuthorshipsOfPerson } from '../submissions/link-authors.ts';
import { venueWords } from '../venues/venue-words.ts';
import { type AssignmentState, moveAssignment } from './assignment-state.ts';
import { afterInvitationEnded } from './invitation-ended.ts';

export interface InvitationContext {
  db: Database;
  /** The request's context; the reviewer becomes the actor (the link proves their mailbox). */
  audit: AuditContext;
  now: Date;
  publicUrl: string;
}

/** Unknown, tampered and mistyped tokens answer alike: nothing tells them apart. */
const noSuchInvitation = () => notFound('invitation');

/** How an invitation is reached: by the e-mailed link's token, or by its id once the reviewer's access is checked. */
export type InvitationKey = { token: string } | { assignmentId: string };

async function findInvitation(db: Database | Transaction<DB>, key: InvitationKey, lock = false) {
  let query = db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'assignment.id',
      'assignment.status',
      'assignment.reviewer_id',
      'assignment.reviewer_number',
      'assignment.due_at',
      'assignment.invitation_expires_at',
      'assignment.responded_at',
      'submission.code',
      'submission.title',
      'submission.abstract',
      'submission.keywords',
      'call.title as call_title',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email',
      'person.email as reviewer_email',
      'person.time_zone',
      'person.password_hash',
    ])
    .where((eb) =>
      'token' in key
        ? eb.or([
            eb('assignment.invitation_token_hash', '=', hashToken(key.token)),
            // A reminder's link (reminders/assignment-link.ts) is as good as the invitation's.
            eb(
              'assignment.id',
              '=',
              eb.selectFrom('assignment_link').select('assignment_id').where('token_hash', '=', hashToken(key.token)),
            ),
          ])
        : eb('assignment.id', '=', key.assignmentId),
    );
  if (lock) query = query.forUpdate('assignment');
  const row = await query.executeTakeFirst();
  if (!row) throw noSuchInvitation();
  return row;
}
type InvitationRow = Awaited<ReturnType<typeof findInvitation>>;

/** The state the page shows: an unanswered invitation past its time reads as expired before the sweep runs. */
function shownState(row: InvitationRow, now: Date): AssignmentState {
  const state = row.status as AssignmentState;
  if (state === 'invited' && row.invitation_expires_at && row.invitation_expires_at <= now) return 'expired';
  return state;
}

/** How the person signed in (if any) stands to the invitation. */
function standing(viewer: Viewer | null, row: InvitationRow) {
  if (!viewer) return 'signed_out' as const;
  return viewer.personId === row.reviewer_id ? ('this_reviewer' as const) : ('someone_else' as const);
}

const editorsAddress = (row: InvitationRow) =>
  row.contact_email ? `the editors at ${row.contact_email}` : 'the editors who wrote to you';

/** Why an answer cannot be taken now, in words for the person holding the link. */
function refuseAnswer(row: InvitationRow, now: Date): never {
  const state = shownState(row, now);
  const when = (date: Date | null) => (date ? ` on ${dateTimeFor(date, row.time_zone)}` : '');
  switch (state) {
    case 'expired':
      throw new HttpError(
        409,
        'invitation_expired',
        `This invitation expired${when(row.invitation_expires_at)}, so it can no longer be answered here. If you would still like to help, please write to ${editorsAddress(row)} (quote ${row.code}).`,
      );
    case 'cancelled':
      throw new HttpError(
        409,
        'invitation_cancelled',
        `The editors have withdrawn this invitation, so there is nothing more for you to do. Thank you.`,
      );
    default:
      throw new HttpError(
        409,
        'invitation_answered',
        `You have already ${state === 'declined' ? 'declined' : 'accepted'} this invitation${when(row.responded_at)}. Nothing was changed. To change your answer, please write to ${editorsAddress(row)} (quote ${row.code}).`,
      );
  }
}

/** What the invitation page shows: no author, no co-author, no other reviewer. Reads only. */
export async function describeInvitation(db: Database, token: string, viewer: Viewer | null, now: Date) {
  const row = await findInvitation(db, { token });
  const words = venueWords(row.venue_kind);
  return {
    assignmentId: row.id,
    state: shownState(row, now),
    venueName: row.venue_name,
    venueKind: row.venue_kind as 'journal' | 'award' | 'website',
    venueContactEmail: row.contact_email,
    callTitle: row.call_title,
    reviewerWord: words.reviewer,
    code: row.code ?? '',
    title: row.title,
    abstract: row.abstract,
    keywords: row.keywords,
    dueAt: row.due_at?.toISOString() ?? null,
    respondBy: row.invitation_expires_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    hasPassword: row.password_hash !== null,
    viewer: standing(viewer, row),
  };
}

/**
 * Accepting: the assignment moves on. Through the link, the mailbox it went to counts as confirmed
 * (a signed-in answer from the home proves nothing about the mailbox, so it confirms nothing).
 */
export async function acceptInvitation(ctx: InvitationContext, key: InvitationKey) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, key, true);
    if (shownState(row, ctx.now) !== 'invited') refuseAnswer(row, ctx.now);
    const audit = { ...ctx.audit, actorId: row.reviewer_id };
    await moveAssignment(trx, audit, {
      assignmentId: row.id,
      to: 'accepted',
      mover: 'reviewer',
      expectFrom: ['invited'],
      now: ctx.now,
    });
    // A person invited without an account has one now: the link proved the address; a password can
    // be set later through "Forgot password", or the link keeps working for this assignment.
    const verified =
      'token' in key &&
      (await trx
        .updateTable('person')
        .set({ email_verified_at: ctx.now, updated_at: ctx.now })
        .where('id', '=', row.reviewer_id)
        .where('email_verified_at', 'is', null)
        .returning('email')
        .executeTakeFirst());
    if (verified) {
      await recordAudit(trx, audit, {
        action: 'account.email_verified',
        objectType: 'person',
        objectId: row.reviewer_id,
        details: { email: verified.email },
      });
      await linkAuthorshipsOfPerson(trx, row.reviewer_id);
    }
    return {
      assignmentId: row.id,
      dueAt: row.due_at?.toISOString() ?? null,
      timeZone: row.time_zone,
      hasPassword: row.password_hash !== null,
      venueKind: row.venue_kind,
    };
  });
}

/** Declining, with a reason and a suggestion if given: the next alternate is invited, the editors told. */
export async function declineInvitation(
  ctx: InvitationContext,
  key: InvitationKey,
  answer: { reason?: string | undefined; suggestion?: string | undefined },
) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, key, true);
    if (shownState(row, ctx.now) !== 'invited') refuseAnswer(row, ctx.now);
    const audit = { ...ctx.audit, actorId: row.reviewer_id };
    await moveAssignment(trx, audit, {
      assignmentId: row.id,
      to: 'declined',
      mover: 'reviewer',
      expectFrom: ['invited'],
      now: ctx.now,
      extra: {
        decline_reason: answer.reason?.trim() || null,
        suggested_reviewer: answer.suggestion?.trim() || null,
      },
    });
    // What follows (the next alternate invited, the editors told) is the system's doing, not the
    // reviewer's: the audit log must not say they invited someone.
    await afterInvitationEnded(
      trx,
      { ...ctx, audit: systemActor('invitation_sweep', ctx.audit.requestId) },
      row.id,
      'declined',
    );
  });
}

/**
 * Keeping on with the link after accepting: answers whether a session scoped to this assignment is
 * needed. Signed in as the same person with a full session: nothing to do; as someone else: said
 * plainly. The link works this way until the review is submitted or the assignment cancelled.
 */
export async function checkOpenInvitation(db: Database, token: string, viewer: Viewer | null) {
  const row = await findInvitation(db, { token });
  if (row.status !== 'accepted') {
    throw new HttpError(
      409,
      row.status === 'invited' ? 'invitation_not_accepted' : 'link_finished',
      row.status === 'invited'
        ? 'Please accept the invitation first.'
        : row.status === 'submitted'
          ? `Your ${row.venue_kind === 'award' ? 'scores are' : 'review is'} submitted, so this link has done its work. Thank you. Sign in to see ${row.venue_kind === 'award' ? 'them' : 'it'} again.`
          : 'This link no longer opens anything: the invitation is closed.',
    );
  }
  const who = standing(viewer, row);
  if (who === 'someone_else') {
    throw new HttpError(
      409,
      'signed_in_as_someone_else',
      // Not the invited address: whoever holds a forwarded link must not learn who was asked.
      `This invitation was sent to someone else, and you are signed in as ${viewer!.email}. Sign out first, then open the link again.`,
    );
  }
  const continues = who === 'this_reviewer' && (!viewer!.assignmentScope || viewer!.assignmentScope === row.id);
  return { assignmentId: row.id, personId: row.reviewer_id, needsSession: !continues };
}
