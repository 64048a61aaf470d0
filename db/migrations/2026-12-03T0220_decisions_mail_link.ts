import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Every message a decision sends (the letter to each author, the reviewers' thank-yous) names its
// decision, so rescinding can hold back all of them at once, and the mail worker can refuse one
// whose decision was rescinded between its queueing and its delivery.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE email_message ADD COLUMN decision_id uuid REFERENCES decision ON DELETE SET NULL;
    CREATE INDEX email_message_decision_idx ON email_message (decision_id) WHERE decision_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX email_message_decision_idx;
    ALTER TABLE email_message DROP COLUMN decision_id;
  `.execute(db);
}
