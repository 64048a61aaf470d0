import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Each reviewer's download of a review copy carries their assignment's trace code in its footer.
// Stamping takes a tenth of a second or more, so the stamped file is kept in the file store and
// found here by (copy, assignment): later downloads stream it. The file is made again if lost.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE traced_copy (
      review_copy_id uuid NOT NULL REFERENCES review_copy ON DELETE CASCADE,
      assignment_id uuid NOT NULL REFERENCES assignment ON DELETE CASCADE,
      file_sha256 text NOT NULL REFERENCES stored_file ON DELETE RESTRICT,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (review_copy_id, assignment_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE traced_copy;`.execute(db);
}
