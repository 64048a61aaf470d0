// Requests that reach the charity by letter, phone or e-mail: an admin records them in the
// subject-access log so the month to answer them is kept like any other.
// - status 'received': recorded, not yet answered, and no job is working on it. Not 'queued', which
//   means a job will pick it up; and not counted by the one-erasure-at-a-time index, so a recorded
//   erasure does not stop an admin from starting the erasure itself.
// - answer_note: how a recorded request was answered or why it was cancelled ("Copy sent by post").
// Frozen in time: later changes get a new migration.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE subject_access_request DROP CONSTRAINT subject_access_request_status_check;
    ALTER TABLE subject_access_request ADD CONSTRAINT subject_access_request_status_check
      CHECK (status IN ('received', 'awaiting_confirmation', 'queued', 'working', 'done', 'failed', 'cancelled', 'expired'));
    ALTER TABLE subject_access_request ADD COLUMN answer_note text;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE subject_access_request SET status = 'cancelled' WHERE status = 'received';
    ALTER TABLE subject_access_request DROP COLUMN answer_note;
    ALTER TABLE subject_access_request DROP CONSTRAINT subject_access_request_status_check;
    ALTER TABLE subject_access_request ADD CONSTRAINT subject_access_request_status_check
      CHECK (status IN ('awaiting_confirmation', 'queued', 'working', 'done', 'failed', 'cancelled', 'expired'));
  `.execute(db);
}
