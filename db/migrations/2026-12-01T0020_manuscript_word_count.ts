import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// The words and pages counted when a manuscript is uploaded, so the author sees them against the
// call's limit before submitting. Null for versions uploaded before, and when the check could not
// finish (a busy machine): the review copy counts again either way.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE manuscript_version
      ADD COLUMN word_count integer CHECK (word_count >= 0),
      ADD COLUMN page_count integer CHECK (page_count >= 0);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE manuscript_version DROP COLUMN word_count, DROP COLUMN page_count;`.execute(db);
}
