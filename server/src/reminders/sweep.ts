// The reminder sweep: reads what is open, decides with the one rule (schedule.ts `reminderDue`, the
// same the plan command runs), and writes what is due. Run every REMINDER_SWEEP_MINUTES by a BullMQ
// job scheduler (sweep-scheduler.ts). Nothing is scheduled per reminder: a new due date, a pause, an
// answer or a decision is simply what the next sweep reads.
//
// Never twice: each batch is one transaction that locks its assignments (SKIP LOCKED: a second
// sweep passes them by), reads their facts and written keys again (state is checked again at send
// time), decides again, and writes each reminder's unique key with its message. A crash rolls the
// batch back; the next sweep finds it still due. Should two sweeps overlap anyway, the unique key
// makes the second write a no-op.
import type { Database } from '@gaps/db';
import { expireInvitation } from '../assignments/expire-invitations.ts';
import { loadReminderSubjects, type ReminderSubject } from './assignment-facts.ts';
import { writeEscalations } from './escalate.ts';
import { type ReminderKind, reminderDue, type Slot } from './schedule.ts';
import { writeReviewerReminder } from './send-reminder.ts';

export interface SweepOptions {
  now: Date;
  publicUrl: string;
  /** Assignments per transaction (default 200). */
  batchSize?: number;
  /** Tests only: runs inside each batch's transaction after its writes, before it commits. */
  beforeCommit?: (assignmentIds: string[]) => Promise<void>;
}

export type SweepSummary = Record<ReminderKind, number> & {
  /** Open assignments read. */
  read: number;
  /** Due at the first reading. */
  due: number;
  /** Assignments that could not be written (tried alone after their batch failed); next sweep retries. */
  failed: Array<{ assignmentId: string; error: string }>;
};

const emptySummary = (): SweepSummary => ({
  read: 0,
  due: 0,
  failed: [],
  invitation_reminder: 0,
  invitation_expired: 0,
  due_soon: 0,
  overdue: 0,
  escalation: 0,
});

export const sentSomething = (s: SweepSummary) =>
  s.invitation_reminder + s.invitation_expired + s.due_soon + s.overdue + s.escalation > 0;

const decide = (s: ReminderSubject, now: Date) => reminderDue(s.facts, s.policy, s.sent, now);

export async function runSweep(db: Database, options: SweepOptions): Promise<SweepSummary> {
  const { now, publicUrl } = options;
  const batchSize = options.batchSize ?? 200;
  const summary = emptySummary();
  const subjects = await loadReminderSubjects(db);
  summary.read = subjects.length;
  const due = subjects.flatMap((s) => {
    const slot = decide(s, now);
    return slot ? [{ subject: s, kind: slot.kind }] : [];
  });
  summary.due = due.length;
  // Escalations are gathered per venue, so each editor gets one list per sweep, not one per review.
  const reviewerOrExpiry = due.filter((d) => d.kind !== 'escalation').map((d) => d.subject);
  const escalationsByVenue = new Map<string, string[]>();
  for (const { subject, kind } of due) {
    if (kind !== 'escalation') continue;
    escalationsByVenue.set(subject.venueId, [...(escalationsByVenue.get(subject.venueId) ?? []), subject.facts.id]);
  }
  const ctx = { now, publicUrl };

  const writeBatch = (ids: string[]) =>
    db.transaction().execute(async (trx) => {
      const written: Array<ReminderKind> = [];
      for (const fresh of await loadReminderSubjects(trx, { assignmentIds: ids, lockSkipLocked: true })) {
        const slot = decide(fresh, now);
        if (!slot || slot.kind === 'escalation') continue; // the next sweep escalates it with its venue
        if (await writeOne(trx, fresh.facts.id, slot, ctx)) written.push(slot.kind);
      }
      await options.beforeCommit?.(ids);
      return written;
    });
  for (let i = 0; i < reviewerOrExpiry.length; i += batchSize) {
    const ids = reviewerOrExpiry.slice(i, i + batchSize).map((s) => s.facts.id);
    let counts: ReminderKind[] = [];
    try {
      counts = await writeBatch(ids);
    } catch (error) {
      // One assignment that cannot be written (a broken row) must not hold up the others: the batch
      // rolled back; each is tried alone, and those that fail again wait for the next sweep.
      if (ids.length === 1) {
        summary.failed.push({ assignmentId: ids[0]!, error: (error as Error).message });
      } else {
        for (const id of ids) {
          try {
            counts.push(...(await writeBatch([id])));
          } catch (again) {
            summary.failed.push({ assignmentId: id, error: (again as Error).message });
          }
        }
      }
    }
    for (const kind of counts) summary[kind] += 1;
  }

  for (const ids of escalationsByVenue.values()) {
    try {
      summary.escalation += await db.transaction().execute(async (trx) => {
        const fresh = await loadReminderSubjects(trx, { assignmentIds: ids, lockSkipLocked: true });
        const escalations = fresh.flatMap((s) => {
          const slot = decide(s, now);
          return slot?.kind === 'escalation'
            ? [{ assignmentId: s.facts.id, occurrence: slot.occurrence, anchor: slot.anchor }]
            : [];
        });
        const written = await writeEscalations(trx, escalations, ctx);
        await options.beforeCommit?.(ids);
        return written;
      });
    } catch (error) {
      // One venue's list that cannot be written does not hold up the others'; the next sweep retries it.
      for (const id of ids) summary.failed.push({ assignmentId: id, error: (error as Error).message });
    }
  }
  return summary;
}

async function writeOne(
  trx: Parameters<typeof writeReviewerReminder>[0],
  assignmentId: string,
  slot: Slot,
  ctx: { now: Date; publicUrl: string },
): Promise<boolean> {
  if (slot.kind === 'invitation_expired') {
    // Its key first: if another sweep got here, it expired the invitation already.
    const key = await trx
      .insertInto('reminder_sent')
      .values({
        assignment_id: assignmentId,
        reason: 'invitation_expired',
        sequence: slot.occurrence,
        anchor_at: slot.anchor,
        sent_by: null,
        sent_at: ctx.now,
      })
      .onConflict((oc) => oc.constraint('reminder_sent_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!key) return false;
    await expireInvitation(trx, assignmentId, ctx.now, ctx.publicUrl);
    return true;
  }
  if (slot.kind === 'escalation') return false;
  return writeReviewerReminder(
    trx,
    { assignmentId, kind: slot.kind, occurrence: slot.occurrence, anchor: slot.anchor, sentBy: null },
    ctx,
  );
}
