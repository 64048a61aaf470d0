// The editor's reminder controls on one assignment: pause and resume reminders, send one now,
// dismiss a "needs attention" flag, and mark an unresponsive reviewer (cancel and invite the next
// alternate). Each locks the assignment, checks it is still open, and is audited in the same
// transaction. The sweep's rule (schedule.ts) reads the pause columns; nothing else is scheduled.
import type { Database, DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { tellReviewer } from '../assignments/assignment-editor.ts';
import { type AssignmentState, moveAssignment, openAssignmentStates } from '../assignments/assignment-state.ts';
import { inviteNextAlternate } from '../assignments/invitation-ended.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { writeReviewerReminder } from './send-reminder.ts';

export interface ControlContext {
  db: Database;
  audit: AuditContext;
  now: Date;
  publicUrl: string;
  editorId: string;
}

/** A reminder sent by hand blocks another for this long: one nudge, not a barrage. */
export const MANUAL_REMINDER_GAP_MS = 60 * 60_000;

async function lockOpen(trx: Transaction<DB>, assignmentId: string) {
  const row = await trx
    .selectFrom('assignment')
    .select(['status', 'submission_id', 'reviewer_number', 'round'])
    .where('id', '=', assignmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('assignment');
  if (!openAssignmentStates.includes(row.status as AssignmentState)) {
    throw new HttpError(
      409,
      'assignment_closed',
      `This assignment is ${row.status}, so there is nobody to remind. Reload the page to see where it stands.`,
    );
  }
  return row;
}

/** Pauses reminders from now until `until` (null: until the editor resumes them). */
export async function pauseReminders(ctx: ControlContext, assignmentId: string, until: Date | null) {
  if (until && until <= ctx.now) {
    throw new HttpError(
      400,
      'invalid_input',
      'Please check what you entered. until: choose a date in the future, or leave it empty to pause until you resume.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, assignmentId);
    await trx
      .updateTable('assignment')
      .set({ reminders_paused_from: ctx.now, reminders_paused_until: until })
      .where('id', '=', assignmentId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.reminders_paused',
      objectType: 'assignment',
      objectId: assignmentId,
      details: {
        submissionId: row.submission_id,
        reviewerNumber: row.reviewer_number,
        until: until?.toISOString() ?? null,
      },
    });
  });
}

/**
 * Resumes reminders. The columns are cleared rather than ended at now: the rule then sends only
 * the latest reminder missed during the pause (never a burst), exactly as after downtime.
 */
export async function resumeReminders(ctx: ControlContext, assignmentId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, assignmentId);
    await trx
      .updateTable('assignment')
      .set({ reminders_paused_from: null, reminders_paused_until: null })
      .where('id', '=', assignmentId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.reminders_resumed',
      objectType: 'assignment',
      objectId: assignmentId,
      details: { submissionId: row.submission_id, reviewerNumber: row.reviewer_number },
    });
  });
}

/**
 * "Send a reminder now": kind 'manual', anchored at now, numbered 1, 2, … per assignment (the
 * count of manual ones so far plus one), so the mail log reads "the 3rd reminder by hand". Manual
 * reminders are outside the schedule (assignment-facts.ts leaves them out of the sent keys): the
 * scheduled ones still go at their times. Refused (409) within an hour of the last one.
 */
export async function sendReminderNow(ctx: ControlContext, assignmentId: string): Promise<{ sentAt: Date }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, assignmentId);
    const manual = await trx
      .selectFrom('reminder_sent')
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('sent_at').as('last')])
      .where('assignment_id', '=', assignmentId)
      .where('reason', '=', 'manual')
      .executeTakeFirstOrThrow();
    const last = manual.last ? new Date(manual.last) : null;
    if (last && ctx.now.getTime() - last.getTime() < MANUAL_REMINDER_GAP_MS) {
      const minutes = Math.ceil((MANUAL_REMINDER_GAP_MS - (ctx.now.getTime() - last.getTime())) / 60_000);
      throw new HttpError(
        409,
        'reminder_just_sent',
        `A reminder was sent by hand less than an hour ago. Please wait ${minutes} more minute${minutes === 1 ? '' : 's'} before sending another.`,
      );
    }
    const written = await writeReviewerReminder(
      trx,
      {
        assignmentId,
        kind: 'manual',
        occurrence: Number(manual.count) + 1,
        anchor: ctx.now,
        sentBy: ctx.editorId,
      },
      { now: ctx.now, publicUrl: ctx.publicUrl },
    );
    if (!written) {
      throw new HttpError(409, 'reminder_just_sent', 'That reminder was just sent. Reload the page to see it.');
    }
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.reminder_sent_by_hand',
      objectType: 'assignment',
      objectId: assignmentId,
      details: { submissionId: row.submission_id, reviewerNumber: row.reviewer_number },
    });
    return { sentAt: ctx.now };
  });
}

/** Clears the "needs attention" flag (a reminder that bounced) once the editor has seen to it. */
export async function dismissAttention(ctx: ControlContext, assignmentId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('assignment')
      .select(['submission_id', 'reviewer_number'])
      .where('id', '=', assignmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('assignment');
    await trx
      .updateTable('assignment')
      .set({ attention: null, attention_at: null })
      .where('id', '=', assignmentId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.attention_dismissed',
      objectType: 'assignment',
      objectId: assignmentId,
      details: { submissionId: row.submission_id, reviewerNumber: row.reviewer_number },
    });
  });
}

/**
 * The reviewer does not answer: the assignment is cancelled (reason 'unresponsive'), they get the
 * "no longer needed" mail, and the next alternate of the round is invited, all in one transaction.
 * The editor asked for it, so the call's "invite alternates automatically" setting does not apply.
 * Answers the name of the alternate invited, or null when none was lined up.
 */
export async function markUnresponsive(
  ctx: ControlContext,
  assignmentId: string,
): Promise<{ alternateInvited: string | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockOpen(trx, assignmentId);
    const moved = await moveAssignment(trx, ctx.audit, {
      assignmentId,
      to: 'cancelled',
      mover: 'editor',
      reason: 'unresponsive',
      now: ctx.now,
      extra: { cancel_reason: 'unresponsive' },
    });
    await tellReviewer(trx, assignmentId);
    const submission = await trx
      .selectFrom('submission')
      .select('status')
      .where('id', '=', moved.submissionId)
      .executeTakeFirstOrThrow();
    const alternateInvited =
      submission.status === 'in_review' ? await inviteNextAlternate(trx, ctx, moved.submissionId, moved.round) : null;
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.marked_unresponsive',
      objectType: 'assignment',
      objectId: assignmentId,
      details: {
        submissionId: moved.submissionId,
        reviewerNumber: moved.reviewerNumber,
        alternateInvited: alternateInvited !== null,
      },
    });
    return { alternateInvited };
  });
}
