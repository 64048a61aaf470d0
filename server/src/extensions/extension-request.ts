// A reviewer's request for more time, and the editor's answer. One open request per assignment
// (a unique index); granting moves the due date through moveDueDate (the editor may choose
// another date), so the reminders follow it. The editors are told by number only; the reviewer is
// told the answer in their own zone. Each step is audited in its transaction.
import type { Database, DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { moveDueDate, reviewerAndWork } from '../assignments/assignment-editor.ts';
import { type AssignmentState, openAssignmentStates } from '../assignments/assignment-state.ts';
import { editorReaders } from '../assignments/invitation-ended.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import {
  extensionGrantedMail,
  extensionRefusedMail,
  extensionRequestedMail,
} from '../mail-templates/extension-mail.ts';
import { submissionLink } from '../mail-templates/words.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { newAssignmentLink } from '../reminders/assignment-link.ts';

export interface ExtensionContext {
  db: Database;
  audit: AuditContext;
  now: Date;
  publicUrl: string;
  personId: string;
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

export async function requestExtension(
  ctx: ExtensionContext,
  assignmentId: string,
  input: { dueAt: Date; reason: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('assignment')
      .innerJoin('submission', 'submission.id', 'assignment.submission_id')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .select([
        'assignment.status',
        'assignment.due_at',
        'assignment.reviewer_number',
        'submission.id as submission_id',
        'submission.code',
        'submission.submitter_id',
        'call.time_zone as call_time_zone',
        'venue.id as venue_id',
        'venue.name as venue_name',
        'venue.kind as venue_kind',
        'venue.contact_email',
      ])
      .where('assignment.id', '=', assignmentId)
      .forUpdate('assignment')
      .executeTakeFirst();
    if (!row) throw notFound('assignment');
    if (!openAssignmentStates.includes(row.status as AssignmentState)) {
      throw new HttpError(
        409,
        'assignment_closed',
        `This assignment is ${row.status}, so there is no due date to move. Reload the page to see where it stands.`,
      );
    }
    if (input.dueAt <= ctx.now || (row.due_at && input.dueAt <= row.due_at)) {
      throw new HttpError(
        400,
        'invalid_input',
        'Please check what you entered. dueAt: choose a date later than the one you have now.',
      );
    }
    let requestId: string;
    try {
      requestId = (
        await trx
          .insertInto('extension_request')
          .values({
            assignment_id: assignmentId,
            requested_due_at: input.dueAt,
            reason: input.reason,
            requested_at: ctx.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new HttpError(
        409,
        'extension_already_requested',
        'You have already asked for more time. The editors will answer that request first; you will get an e-mail.',
      );
    }
    await recordAudit(trx, ctx.audit, {
      action: 'extension.requested',
      objectType: 'assignment',
      objectId: assignmentId,
      details: {
        requestId,
        submissionId: row.submission_id,
        reviewerNumber: row.reviewer_number,
        dueAt: input.dueAt.toISOString(),
      },
    });
    const readers = await editorReaders(trx, {
      venueId: row.venue_id,
      contactEmail: row.contact_email,
      submissionId: row.submission_id,
      submitterId: row.submitter_id,
    });
    for (const reader of readers) {
      await queueMessage(
        trx,
        extensionRequestedMail(
          { email: reader.email, personId: reader.personId, timeZone: reader.timeZone ?? row.call_time_zone },
          {
            venueId: row.venue_id,
            code: row.code ?? '',
            venueName: row.venue_name,
            venueKind: row.venue_kind,
            reviewerNumber: row.reviewer_number,
            dueAt: row.due_at,
            requestedDueAt: input.dueAt,
            gaveReason: input.reason.length > 0,
            link: submissionLink(ctx.publicUrl, row.submission_id),
          },
        ),
      );
    }
  });
}

/**
 * The open request, locked, with its assignment. The assignment is locked first (the order the
 * state machine uses, so the two never wait on each other) and must still be open: 409 when it
 * closed meanwhile (the reviewer submitted, declined…) or the request was answered meanwhile.
 */
async function openRequest(trx: Transaction<DB>, requestId: string) {
  const owner = await trx
    .selectFrom('extension_request')
    .select('assignment_id')
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!owner) throw notFound('request');
  const assignment = await trx
    .selectFrom('assignment')
    .select(['status', 'due_at', 'submission_id', 'reviewer_number'])
    .where('id', '=', owner.assignment_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!openAssignmentStates.includes(assignment.status as AssignmentState)) {
    throw new HttpError(
      409,
      'assignment_closed',
      `This assignment is ${assignment.status}, so the request for more time no longer needs an answer. Reload the page to see where it stands.`,
    );
  }
  const row = await trx
    .selectFrom('extension_request')
    .select(['status', 'assignment_id', 'requested_due_at'])
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.status !== 'requested') {
    throw new HttpError(
      409,
      'extension_answered',
      `This request was already ${row.status}. Reload the page to see where it stands.`,
    );
  }
  return {
    ...row,
    dueAt: assignment.due_at,
    submission_id: assignment.submission_id,
    reviewer_number: assignment.reviewer_number,
  };
}

export async function grantExtension(ctx: ExtensionContext, requestId: string, dueAt?: Date): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const request = await openRequest(trx, requestId);
    const newDue = dueAt ?? request.requested_due_at;
    // "More time" must be more: a date at or before the current one would be mailed as a gift.
    if (request.dueAt && newDue <= request.dueAt) {
      throw new HttpError(
        400,
        'invalid_input',
        'Please check what you entered. dueAt: choose a date later than the current due date, or refuse the request.',
      );
    }
    await moveDueDate(trx, ctx, request.assignment_id, newDue);
    await trx
      .updateTable('extension_request')
      .set({ status: 'granted', decided_by: ctx.personId, decided_at: ctx.now })
      .where('id', '=', requestId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'extension.granted',
      objectType: 'assignment',
      objectId: request.assignment_id,
      details: {
        requestId,
        submissionId: request.submission_id,
        reviewerNumber: request.reviewer_number,
        dueAt: newDue.toISOString(),
      },
    });
    const { reviewer, work } = await reviewerAndWork(trx, request.assignment_id);
    await queueMessage(
      trx,
      extensionGrantedMail(reviewer, {
        ...work,
        assignmentId: request.assignment_id,
        dueAt: newDue,
        askedFor: request.requested_due_at,
        link: await newAssignmentLink(trx, request.assignment_id, ctx.publicUrl),
      }),
    );
  });
}

export async function refuseExtension(ctx: ExtensionContext, requestId: string, note: string | null): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const request = await openRequest(trx, requestId);
    await trx
      .updateTable('extension_request')
      .set({ status: 'refused', decided_by: ctx.personId, decided_at: ctx.now, editor_note: note })
      .where('id', '=', requestId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'extension.refused',
      objectType: 'assignment',
      objectId: request.assignment_id,
      details: {
        requestId,
        submissionId: request.submission_id,
        reviewerNumber: request.reviewer_number,
        dueAt: null,
      },
    });
    const { reviewer, work, dueAt } = await reviewerAndWork(trx, request.assignment_id);
    await queueMessage(
      trx,
      extensionRefusedMail(reviewer, {
        ...work,
        assignmentId: request.assignment_id,
        dueAt,
        note,
        link: await newAssignmentLink(trx, request.assignment_id, ctx.publicUrl),
      }),
    );
  });
}

/** What the reviewer sees: their dates and their latest request with its answer. */
export async function reviewerExtensionView(db: Database, assignmentId: string) {
  const [assignment, latest] = await Promise.all([
    db
      .selectFrom('assignment')
      .select(['status', 'due_at', 'invitation_expires_at'])
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('extension_request')
      .select(['status', 'requested_due_at', 'reason', 'requested_at', 'decided_at', 'editor_note'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('requested_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const open = openAssignmentStates.includes(assignment.status as AssignmentState);
  return {
    dueAt: assignment.due_at?.toISOString() ?? null,
    answerBy: assignment.status === 'invited' ? (assignment.invitation_expires_at?.toISOString() ?? null) : null,
    mayAsk: open && latest?.status !== 'requested',
    latest: latest
      ? {
          status: latest.status as 'requested' | 'granted' | 'refused' | 'withdrawn',
          requestedDueAt: latest.requested_due_at.toISOString(),
          reason: latest.reason,
          requestedAt: latest.requested_at.toISOString(),
          decidedAt: latest.decided_at?.toISOString() ?? null,
          editorNote: latest.editor_note,
        }
      : null,
  };
}
