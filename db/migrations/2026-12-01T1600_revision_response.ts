import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// A journal's revision round: opened when the editor asks for a revision after reviewers read
// the submission (in review → revision requested), it holds the author's response to reviewers
// while they write it and is sealed (sent_at) when the revision is sent and the round begins.
// `round` is the round the revision opens (2 after the first review), so the new round's
// reviewers read the response of their own round. A return before review (e.g. to anonymise
// the copy) opens no row: it stays in the same round.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE revision_response (
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      round smallint NOT NULL CHECK (round >= 2),
      text text NOT NULL DEFAULT '' CHECK (length(text) <= 50000),
      requested_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (submission_id, round)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE revision_response;`.execute(db);
}
