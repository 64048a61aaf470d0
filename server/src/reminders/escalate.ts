// The escalation: once a review is still overdue after every reminder, the venue's editors get one
// message listing the reviews overdue (all of a venue's due in one sweep, in one message per
// reader), and each escalated assignment gets its reminder_sent key pointing at that message.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { editorReaders } from '../assignments/invitation-ended.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { escalationMail, type OverdueReview } from '../mail-templates/escalation-mail.ts';
import { submissionLink } from '../mail-templates/words.ts';

export interface EscalationToWrite {
  assignmentId: string;
  occurrence: number;
  anchor: Date;
}

/**
 * Writes the escalations of one venue (in the caller's transaction, the assignments locked).
 * Answers how many were written; those already written (another sweep) are left out of the message.
 */
export async function writeEscalations(
  trx: Transaction<DB>,
  escalations: EscalationToWrite[],
  ctx: { now: Date; publicUrl: string },
): Promise<number> {
  const written: Array<{ keyId: string; assignmentId: string }> = [];
  for (const e of escalations) {
    const inserted = await trx
      .insertInto('reminder_sent')
      .values({
        assignment_id: e.assignmentId,
        reason: 'escalation',
        sequence: e.occurrence,
        anchor_at: e.anchor,
        sent_by: null,
        sent_at: ctx.now,
      })
      .onConflict((oc) => oc.constraint('reminder_sent_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) written.push({ keyId: inserted.id, assignmentId: e.assignmentId });
  }
  if (!written.length) return 0;
  const rows = await trx
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'assignment.id',
      'assignment.reviewer_number',
      'assignment.due_at',
      'submission.id as submission_id',
      'submission.code',
      'submission.submitter_id',
      'call.time_zone',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email',
    ])
    .where(
      'assignment.id',
      'in',
      written.map((w) => w.assignmentId),
    )
    .orderBy('submission.code')
    .orderBy('assignment.reviewer_number')
    .execute();
  // Each reader gets the reviews of the submissions they may hear about (not those they wrote).
  const byReader = new Map<
    string,
    { reader: Awaited<ReturnType<typeof editorReaders>>[number]; items: Array<OverdueReview & { id: string }> }
  >();
  for (const row of rows) {
    const readers = await editorReaders(trx, {
      venueId: row.venue_id,
      contactEmail: row.contact_email,
      submissionId: row.submission_id,
      submitterId: row.submitter_id,
    });
    for (const reader of readers) {
      const entry = byReader.get(reader.email) ?? { reader, items: [] };
      entry.items.push({
        id: row.id,
        code: row.code ?? '',
        reviewerNumber: row.reviewer_number,
        dueAt: row.due_at ?? ctx.now,
        callTimeZone: row.time_zone,
        link: submissionLink(ctx.publicUrl, row.submission_id),
      });
      byReader.set(reader.email, entry);
    }
  }
  const venue = {
    id: rows[0]?.venue_id ?? '',
    name: rows[0]?.venue_name ?? '',
    kind: rows[0]?.venue_kind ?? 'journal',
  };
  const messageOf = new Map<string, string>();
  for (const { reader, items } of byReader.values()) {
    const messageId = await queueMessage(trx, escalationMail(reader, venue, items, ctx.now));
    for (const item of items) if (!messageOf.has(item.id)) messageOf.set(item.id, messageId);
  }
  for (const w of written) {
    const messageId = messageOf.get(w.assignmentId);
    if (messageId) {
      await trx.updateTable('reminder_sent').set({ email_message_id: messageId }).where('id', '=', w.keyId).execute();
    }
  }
  return written.length;
}
