import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Each venue's editorial contact address, set by its editors and shown to everyone (the pages
// that say "ask the editors" give it). Null until an editor sets it; stored lower-case like every
// other address.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE venue
      ADD COLUMN contact_email text
        CHECK (contact_email = lower(contact_email) AND length(contact_email) BETWEEN 3 AND 254);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE venue DROP COLUMN contact_email;`.execute(db);
}
