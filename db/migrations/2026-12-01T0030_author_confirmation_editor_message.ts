import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Co-authors are told they were named and confirm it from a link: `confirmed_at` records it, and
// the link's token is stored hashed in a table of its own (single purpose; a co-author may have
// no account, so account_token, keyed by person, cannot hold it).
// What the editor wrote to the author when returning or rejecting a submission is kept, so the
// author's page can show it (not only the e-mail), with the findings as they were when sent.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE submission_author ADD COLUMN confirmed_at timestamptz;

    CREATE TABLE authorship_token (
      token_hash text PRIMARY KEY,
      submission_author_id uuid NOT NULL REFERENCES submission_author ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX authorship_token_author_idx ON authorship_token (submission_author_id);

    CREATE TABLE editor_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('returned', 'desk_rejected')),
      message text NOT NULL,
      findings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(findings) = 'array'),
      sent_by uuid REFERENCES person ON DELETE SET NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX editor_message_submission_idx ON editor_message (submission_id, sent_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE editor_message;
    DROP TABLE authorship_token;
    ALTER TABLE submission_author DROP COLUMN confirmed_at;
  `.execute(db);
}
