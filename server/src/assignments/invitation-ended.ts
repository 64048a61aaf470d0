// When an invitation is declined or expires: the next alternate is invited (through inviteReviewer,
// like any invitation) when the call says so, and the venue's editors are told by e-mail either way.
import type { DB } from '@gaps/db';
import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { type EditorReader, invitationEndedMail } from '../mail-templates/editor-assignment-mail.ts';
import { submissionLink } from '../mail-templates/words.ts';
import { inviteReviewer, isConflictRefusal } from './invite.ts';

/**
 * Invites the next alternate in the queue, if the call allows it and the submission is still under
 * review; skips (and audits) anyone conflicted without an override or already invited. Answers the
 * name of the person invited, or null. Runs in the caller's transaction.
 */
export async function inviteNextAlternate(
  trx: Transaction<DB>,
  ctx: { audit: AuditContext; now: Date; publicUrl: string },
  submissionId: string,
  round: number,
): Promise<string | null> {
  for (;;) {
    const next = await trx
      .selectFrom('review_alternate')
      .innerJoin('person', 'person.id', 'review_alternate.person_id')
      .select([
        'review_alternate.id',
        'review_alternate.person_id',
        'review_alternate.conflict_override',
        'person.name',
      ])
      .where('review_alternate.submission_id', '=', submissionId)
      .where('review_alternate.round', '=', round)
      .where('review_alternate.used_at', 'is', null)
      .orderBy('review_alternate.position')
      .limit(1)
      .forUpdate('review_alternate')
      .executeTakeFirst();
    if (!next) return null;
    let why: 'conflict' | 'already_invited' | null = null;
    let assignmentId: string | null = null;
    try {
      const invited = await inviteReviewer(
        { db: trx, audit: ctx.audit, now: ctx.now, publicUrl: ctx.publicUrl, invitedBy: null },
        {
          submissionId,
          personId: next.person_id,
          round,
          viaAlternate: true,
          ...(next.conflict_override ? { overrideReason: next.conflict_override } : {}),
        },
      );
      if (invited.created) assignmentId = invited.assignmentId;
      else why = 'already_invited';
    } catch (error) {
      // A conflict found since the editor lined them up, with no reason given: pass over them.
      if (!isConflictRefusal(error)) throw error;
      why = 'conflict';
    }
    await trx
      .updateTable('review_alternate')
      .set({ used_at: ctx.now, assignment_id: assignmentId })
      .where('id', '=', next.id)
      .execute();
    if (assignmentId) return next.name;
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.alternate_skipped',
      objectType: 'submission',
      objectId: submissionId,
      details: { personId: next.person_id, round, why: why! },
    });
  }
}

/**
 * Who reads an editor mail about a submission's reviewers: the venue's shared address if it has
 * one, else each editor of the venue who is not an author of that submission (to them it is any
 * author's). Mails to them name reviewers by number only. The sweep's escalation
 * (reminders/escalate.ts) and extension requests use the same rule.
 */
export async function editorReaders(
  trx: Transaction<DB> | Kysely<DB>,
  about: { venueId: string; contactEmail: string | null; submissionId: string; submitterId: string },
): Promise<Array<EditorReader & { timeZone: string | null }>> {
  if (about.contactEmail) return [{ email: about.contactEmail, personId: null, timeZone: null }];
  const editors = await trx
    .selectFrom('role_grant')
    .innerJoin('person', 'person.id', 'role_grant.person_id')
    .select(['person.id', 'person.email', 'person.time_zone'])
    .where('role_grant.role', '=', 'editor')
    .where('role_grant.venue_id', '=', about.venueId)
    .where('person.id', '<>', about.submitterId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('submission_author')
            .whereRef('submission_author.person_id', '=', 'person.id')
            .where('submission_author.submission_id', '=', about.submissionId),
        ),
      ),
    )
    .orderBy('person.email')
    .execute();
  return editors.map((p) => ({ email: p.email, personId: p.id, timeZone: p.time_zone }));
}

/**
 * After an invitation was declined or expired (in the same transaction): the next alternate is
 * invited when the call says so, and the venue's editors are told what happened.
 */
export async function afterInvitationEnded(
  trx: Transaction<DB>,
  ctx: { audit: AuditContext; now: Date; publicUrl: string },
  assignmentId: string,
  how: 'declined' | 'expired',
): Promise<void> {
  const row = await trx
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'assignment.submission_id',
      'assignment.round',
      'assignment.reviewer_number',
      'assignment.decline_reason',
      'assignment.suggested_reviewer',
      'submission.status as submission_status',
      'submission.code',
      'call.invite_alternates',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email',
      'submission.submitter_id',
    ])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  const alternateInvited =
    row.invite_alternates && row.submission_status === 'in_review'
      ? await inviteNextAlternate(trx, ctx, row.submission_id, row.round)
      : null;
  const readers = await editorReaders(trx, {
    venueId: row.venue_id,
    contactEmail: row.contact_email,
    submissionId: row.submission_id,
    submitterId: row.submitter_id,
  });
  for (const reader of readers) {
    await queueMessage(
      trx,
      invitationEndedMail(reader, {
        venueId: row.venue_id,
        code: row.code ?? '',
        venueName: row.venue_name,
        venueKind: row.venue_kind,
        reviewerNumber: row.reviewer_number,
        how,
        saidWhy: Boolean(row.decline_reason || row.suggested_reviewer),
        alternateInvited: alternateInvited !== null,
        alternatesOff: !row.invite_alternates,
        link: submissionLink(ctx.publicUrl, row.submission_id),
      }),
    );
  }
}
