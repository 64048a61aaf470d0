// Subject-access requests (a copy of one's data, or erasure): the one writer of
// `subject_access_request`. Each row is both the work item whose progress the person's page shows
// and the entry in the log the charity shows to prove it answered within the month.
import type { Database, DB } from '@gaps/db';
import type { Kysely, Transaction } from 'kysely';

type Executor = Kysely<DB> | Transaction<DB>;

export type RequestKind = 'export' | 'erasure';
/** UK GDPR: answer "without undue delay and in any event within one month of receipt". */
export function dueBy(requestedAt: Date): Date {
  const due = new Date(requestedAt);
  const day = due.getUTCDate();
  due.setUTCMonth(due.getUTCMonth() + 1, 1);
  // 31 January is due on the last day of February, not in March.
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}

export async function createRequest(
  db: Executor,
  request: {
    personId: string;
    kind: RequestKind;
    requestedBy: string | null;
    onRequestOf: 'self' | 'admin';
    now: Date;
    status?: 'received' | 'awaiting_confirmation' | 'queued';
    confirmTokenHash?: string;
    confirmExpiresAt?: Date;
    adminNote?: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('subject_access_request')
    .values({
      person_id: request.personId,
      kind: request.kind,
      requested_by: request.requestedBy,
      on_request_of: request.onRequestOf,
      requested_at: request.now,
      due_by: dueBy(request.now),
      status: request.status ?? 'queued',
      confirm_token_hash: request.confirmTokenHash ?? null,
      confirm_expires_at: request.confirmExpiresAt ?? null,
      admin_note: request.adminNote ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What the person's page shows while a job works: a percentage and the step in plain words. */
export async function reportProgress(db: Executor, requestId: string, progress: number, step: string): Promise<void> {
  await db
    .updateTable('subject_access_request')
    .set({ status: 'working', progress: Math.max(0, Math.min(100, Math.round(progress))), progress_step: step })
    .where('id', '=', requestId)
    .where('status', 'in', ['queued', 'working'])
    .execute();
}

export async function markDone(
  db: Executor,
  requestId: string,
  now: Date,
  file?: { bytes: number; sha256: string; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('subject_access_request')
    .set({
      status: 'done',
      progress: 100,
      progress_step: null,
      completed_at: now,
      failure: null,
      ...(file ? { file_bytes: file.bytes, file_sha256: file.sha256, expires_at: file.expiresAt } : {}),
    })
    .where('id', '=', requestId)
    .execute();
}

export async function markFailed(db: Executor, requestId: string, failure: string): Promise<void> {
  await db
    .updateTable('subject_access_request')
    .set({ status: 'failed', failure })
    .where('id', '=', requestId)
    .execute();
}

export async function findRequest(db: Database, requestId: string) {
  return db.selectFrom('subject_access_request').selectAll().where('id', '=', requestId).executeTakeFirst();
}

/**
 * Closes a request an admin recorded (status 'received'): answered outside the system, or cancelled.
 * False when it is not (or no longer) a recorded open request, so two admins cannot both close it.
 */
export async function closeRecordedRequest(
  db: Executor,
  requestId: string,
  close: { status: 'done' | 'cancelled'; at: Date; note: string },
): Promise<boolean> {
  const row = await db
    .updateTable('subject_access_request')
    .set({
      status: close.status,
      completed_at: close.status === 'done' ? close.at : null,
      answer_note: close.note,
      ...(close.status === 'done' ? { progress: 100 } : {}),
    })
    .where('id', '=', requestId)
    .where('status', '=', 'received')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
