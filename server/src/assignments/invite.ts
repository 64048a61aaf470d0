// Inviting a reviewer (or judge) to a submission's round: the one way an assignment is made.
// The invitation link's token is random and stored hashed; the e-mail carries only what the
// reviewer may read (reviewer-mail.ts), so it never names an author.
import type { Database, DB } from '@gaps/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import type { BlindMode } from '../blinding/project-review.ts';
import { type FoundConflict, findConflicts } from '../conflicts/find-conflicts.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { invitationMail } from '../mail-templates/reviewer-mail.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { venueWords } from '../venues/venue-words.ts';

export interface InviteContext {
  db: Database;
  audit: AuditContext;
  now: Date;
  publicUrl: string;
  /** The editor inviting, or null when the system invites (an alternate moving up, a new round). */
  invitedBy: string | null;
}

export interface InviteInput {
  submissionId: string;
  personId: string;
  /** Defaults to now + the call's review_days. */
  dueAt?: Date;
  /** Required when the person has a conflict; audited. */
  overrideReason?: string;
  /** Defaults to the submission's current round. */
  round?: number;
  /** Set when an alternate moves up (for the audit trail). */
  viaAlternate?: boolean;
}

/** 409 with the conflicts found: the editor sees them and may invite again with a reason. */
export class ConflictNeedsOverride extends HttpError {
  readonly conflicts: FoundConflict[];
  constructor(conflicts: FoundConflict[], who: string) {
    super(
      409,
      'conflict_needs_override',
      `This person may have a conflict of interest with the authors (${conflicts.map((c) => c.detail).join('; ')}). To invite ${who} anyway, give your reason; it is kept in the audit log.`,
    );
    this.conflicts = conflicts;
  }
}

/** Whether an invitation was refused for a conflict (with or without a reason to override it). */
export function isConflictRefusal(error: unknown): boolean {
  return (
    error instanceof ConflictNeedsOverride || (error instanceof HttpError && error.code === 'author_cannot_review')
  );
}

/**
 * Refuses a conflicted person unless the editor gave a reason; an author of the submission is
 * refused whatever the reason (an author never reviews their own work).
 */
export function refuseConflicts(conflicts: FoundConflict[], who: string, overrideReason: string | null | undefined) {
  if (!conflicts.length) return;
  if (!overrideReason) throw new ConflictNeedsOverride(conflicts, who);
  if (conflicts.some((conflict) => conflict.reason === 'author')) {
    throw new HttpError(
      409,
      'author_cannot_review',
      `${who} is an author of this submission, so they cannot review it, whatever the reason. Please choose someone else.`,
    );
  }
}

/** Only a submission under review has a review copy the editor released for reviewers to read. */
const INVITABLE_STATES = ['in_review'];

/** Runs `work` in the caller's transaction when there is one, otherwise in a new one. */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}

/** The link in the e-mail; the web page /invitations/[token] answers it. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/invitations/${encodeURIComponent(token)}`;
}

/**
 * Makes the assignment (or answers the open one already there: two editors inviting the same
 * person at once make one), mails the invitation through the outbox, audits it.
 * 409 `conflict_needs_override` (with the conflicts) when the person has a conflict and no reason.
 */
export async function inviteReviewer(
  ctx: InviteContext,
  input: InviteInput,
): Promise<{ assignmentId: string; created: boolean }> {
  const overrideReason = input.overrideReason?.trim() || null;
  if (input.dueAt && input.dueAt <= ctx.now) {
    throw new HttpError(400, 'invalid_input', 'Please check what you entered. dueAt: choose a date in the future');
  }
  return inTransaction(ctx.db, async (trx) => {
    const submission = await trx
      .selectFrom('submission')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .select([
        'submission.status',
        'submission.round',
        'submission.code',
        'submission.title',
        'submission.abstract',
        'call.title as call_title',
        'call.review_days',
        'call.invitation_days',
        'call.blind_mode',
        'venue.id as venue_id',
        'venue.name as venue_name',
        'venue.kind as venue_kind',
      ])
      .where('submission.id', '=', input.submissionId)
      .executeTakeFirst();
    if (!submission) throw notFound('submission');
    const words = venueWords(submission.venue_kind);
    if (!INVITABLE_STATES.includes(submission.status)) {
      throw new HttpError(
        409,
        'not_in_review',
        `${words.reviewers[0]!.toUpperCase()}${words.reviewers.slice(1)} can be invited once the ${words.submission} is under ${words.review}: send it to ${words.review} first (its review copy must be ready).`,
      );
    }
    const round = input.round ?? submission.round;
    // Every invitation to this round waits here in turn: the second of two at once finds the
    // first's assignment, and reviewer numbers are handed out one at a time.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${input.submissionId}:${round}`}, 0))`.execute(
      trx,
    );
    const open = await trx
      .selectFrom('assignment')
      .select('id')
      .where('submission_id', '=', input.submissionId)
      .where('round', '=', round)
      .where('reviewer_id', '=', input.personId)
      .where('status', 'not in', ['declined', 'cancelled', 'expired'])
      .executeTakeFirst();
    if (open) return { assignmentId: open.id, created: false };

    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email', 'time_zone'])
      .where('id', '=', input.personId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    const conflicts = await findConflicts(trx, input.submissionId, [input.personId]);
    refuseConflicts(conflicts, person.name, overrideReason);

    const { next } = await trx
      .selectFrom('assignment')
      .select(sql<number>`coalesce(max(reviewer_number), 0) + 1`.as('next'))
      .where('submission_id', '=', input.submissionId)
      .where('round', '=', round)
      .executeTakeFirstOrThrow();
    const dueAt = input.dueAt ?? new Date(ctx.now.getTime() + submission.review_days * 86_400_000);
    const respondBy = new Date(ctx.now.getTime() + submission.invitation_days * 86_400_000);
    const token = newToken();
    const { id } = await trx
      .insertInto('assignment')
      .values({
        submission_id: input.submissionId,
        round,
        reviewer_id: input.personId,
        reviewer_number: Number(next),
        invited_by: ctx.invitedBy,
        invited_at: ctx.now,
        due_at: dueAt,
        invitation_token_hash: hashToken(token),
        invitation_expires_at: respondBy,
        conflict_override: conflicts.length ? overrideReason : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.invited',
      objectType: 'assignment',
      objectId: id,
      details: {
        submissionId: input.submissionId,
        round,
        reviewerNumber: Number(next),
        dueAt: dueAt.toISOString(),
        conflictOverride:
          conflicts.length && overrideReason
            ? { reason: overrideReason, conflicts: [...new Set(conflicts.map((c) => c.reason))] }
            : null,
        viaAlternate: input.viaAlternate ?? false,
      },
    });
    await queueMessage(
      trx,
      invitationMail(
        { personId: person.id, name: person.name, email: person.email, timeZone: person.time_zone },
        {
          venueId: submission.venue_id,
          code: submission.code ?? '',
          title: submission.title,
          abstract: submission.abstract,
          callTitle: submission.call_title,
          venueName: submission.venue_name,
          venueKind: submission.venue_kind,
          dueAt,
          respondBy,
          link: invitationLink(ctx.publicUrl, token),
          blindMode: submission.blind_mode as BlindMode,
        },
      ),
    );
    return { assignmentId: id, created: true };
  });
}
