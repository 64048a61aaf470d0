import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// A message is marked `sending` (committed) before the SMTP call, so a worker killed while the
// mail server answers leaves a trace: the retry finds `sending`, cannot know whether the server
// accepted the message, marks it `unknown` and does not send it again (at most once).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE email_message DROP CONSTRAINT email_message_status_check;
    ALTER TABLE email_message ADD CONSTRAINT email_message_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'captured', 'failed', 'unknown'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE email_message SET status = 'failed' WHERE status IN ('sending', 'unknown');
    ALTER TABLE email_message DROP CONSTRAINT email_message_status_check;
    ALTER TABLE email_message ADD CONSTRAINT email_message_status_check
      CHECK (status IN ('pending', 'sent', 'captured', 'failed'));
  `.execute(db);
}
