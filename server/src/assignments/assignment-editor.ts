// The editor's changes to an assignment (cancel it, move its due date), and the cancellations a
// withdrawal makes. The state machine (assignment-state.ts) writes the status; this tells the
// reviewer, without naming the authors.
import type { Database, DB } from '@gaps/db';
import { queueMail } from '@gaps/workers/shared';
import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { composeMail, queueMessage } from '../mail-templates/compose.ts';
import { dueDateMovedMail } from '../mail-templates/extension-mail.ts';
import { type AboutReviewedWork, noLongerNeededMail } from '../mail-templates/reviewer-mail.ts';
import type { Recipient } from '../mail-templates/words.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { newAssignmentLink } from '../reminders/assignment-link.ts';
import { moveAssignment, openAssignmentStates } from './assignment-state.ts';

export interface AssignmentEditContext {
  db: Database;
  audit: AuditContext;
  now: Date;
}

/** Where the assignment stands, for a message that says what the reviewer owes now. */
export interface AssignmentStanding {
  status: string;
  invitedAt: Date;
  invitationExpiresAt: Date | null;
  invitationDays: number;
}

/**
 * The reviewer of an assignment and what they may read of the work: no field for an author. Every
 * message to a reviewer reads the work through here, so the rule of what they may see is one query.
 */
export async function reviewerAndWork(
  trx: Kysely<DB> | Transaction<DB>,
  assignmentId: string,
): Promise<{ reviewer: Recipient; work: AboutReviewedWork; dueAt: Date | null; standing: AssignmentStanding }> {
  const row = await trx
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'assignment.due_at',
      'assignment.status',
      'assignment.invited_at',
      'assignment.invitation_expires_at',
      'call.invitation_days',
      'submission.code',
      'submission.title',
      'submission.abstract',
      'call.title as call_title',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'person.id as person_id',
      'person.name',
      'person.email',
      'person.time_zone',
    ])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  return {
    reviewer: { personId: row.person_id, name: row.name, email: row.email, timeZone: row.time_zone },
    work: {
      venueId: row.venue_id,
      code: row.code ?? '',
      title: row.title,
      abstract: row.abstract,
      callTitle: row.call_title,
      venueName: row.venue_name,
      venueKind: row.venue_kind,
    },
    dueAt: row.due_at,
    standing: {
      status: row.status,
      invitedAt: row.invited_at,
      invitationExpiresAt: row.invitation_expires_at,
      invitationDays: row.invitation_days,
    },
  };
}

/**
 * What holds a "no longer needed" message back with a decision's letter: it waits as long, and
 * rescinding the decision skips it with the letter.
 */
export interface HeldWithDecision {
  decisionId: string;
  sendAfter: Date | null;
}

/** Tells the reviewer their assignment was cancelled ("no longer needed"). */
export async function tellReviewer(trx: Kysely<DB> | Transaction<DB>, assignmentId: string, held?: HeldWithDecision) {
  const { reviewer, work } = await reviewerAndWork(trx, assignmentId);
  const mail = await composeMail(trx, noLongerNeededMail(reviewer, work));
  await queueMail(trx, held ? { ...mail, sendAfter: held.sendAfter, decisionId: held.decisionId } : mail);
}

export async function cancelAssignment(ctx: AssignmentEditContext, assignmentId: string, reason: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await moveAssignment(trx, ctx.audit, {
      assignmentId,
      to: 'cancelled',
      mover: 'editor',
      reason,
      now: ctx.now,
      extra: { cancel_reason: reason },
    });
    await tellReviewer(trx, assignmentId);
  });
}

/**
 * A withdrawal, a decision (or an award ranking locked with marks missing) ends every open
 * assignment of the submission, so its reminders stop; call in its transaction.
 */
export async function cancelOpenAssignments(
  trx: Transaction<DB>,
  audit: AuditContext,
  submissionId: string,
  reason: 'withdrawn' | 'decided' | 'ranking locked',
  now = new Date(),
  held?: HeldWithDecision,
): Promise<number> {
  const open = await trx
    .selectFrom('assignment')
    .select('id')
    .where('submission_id', '=', submissionId)
    .where('status', 'in', openAssignmentStates)
    .orderBy('reviewer_number')
    .execute();
  for (const { id } of open) {
    await moveAssignment(trx, audit, {
      assignmentId: id,
      to: 'cancelled',
      mover: 'system',
      reason,
      now,
      extra: { cancel_reason: reason },
    });
    await tellReviewer(trx, id, held);
  }
  return open.length;
}

/**
 * Moves the due date of an open assignment (locked), audited, in the caller's transaction. The
 * sweep reads the new date next time it runs: the due and overdue reminders count from it.
 */
export async function moveDueDate(
  trx: Transaction<DB>,
  ctx: { audit: AuditContext; now: Date },
  assignmentId: string,
  dueAt: Date,
) {
  if (dueAt <= ctx.now) {
    throw new HttpError(400, 'invalid_input', 'Please check what you entered. dueAt: choose a date in the future');
  }
  const row = await trx
    .selectFrom('assignment')
    .select(['status', 'due_at', 'submission_id', 'reviewer_number'])
    .where('id', '=', assignmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('assignment');
  if (!openAssignmentStates.includes(row.status as never)) {
    throw new HttpError(
      409,
      'assignment_closed',
      `This assignment is ${row.status}, so its due date no longer matters. Reload the page to see where it stands.`,
    );
  }
  await trx
    .updateTable('assignment')
    .set({ due_at: dueAt, due_at_set_at: ctx.now })
    .where('id', '=', assignmentId)
    .execute();
  await recordAudit(trx, ctx.audit, {
    action: 'assignment.due_date_changed',
    objectType: 'assignment',
    objectId: assignmentId,
    details: {
      submissionId: row.submission_id,
      reviewerNumber: row.reviewer_number,
      from: row.due_at?.toISOString() ?? null,
      to: dueAt.toISOString(),
    },
  });
}

/** The editor moves the due date; the reviewer is told the new date, in their own zone. */
export async function changeDueDate(
  ctx: AssignmentEditContext & { publicUrl: string },
  assignmentId: string,
  dueAt: Date,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await moveDueDate(trx, ctx, assignmentId, dueAt);
    const { reviewer, work } = await reviewerAndWork(trx, assignmentId);
    await queueMessage(
      trx,
      dueDateMovedMail(reviewer, {
        ...work,
        assignmentId,
        dueAt,
        link: await newAssignmentLink(trx, assignmentId, ctx.publicUrl),
      }),
    );
  });
}
