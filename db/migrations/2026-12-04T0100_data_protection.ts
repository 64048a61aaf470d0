import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Data protection (issue 13): a person's right to a copy of their data and to erasure, answered
// within a month and logged; retention periods per venue, enforced by a scheduled sweep.
// - subject_access_request is both the work item (its progress shows on the person's page) and the
//   log the charity shows the regulator. It never holds the person's identity itself: after an
//   erasure the row points at the tombstone person, which has none either.
// - An erased person's row stays as a tombstone (erased_at set, identity replaced), so what the
//   journal and awards keep (decisions, anonymised reviews, scores that fed a ranking) still joins.
// - Retention periods live on the venue; a sweep run (dry or real) records what it listed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE subject_access_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('export', 'erasure')),
      requested_by uuid REFERENCES person ON DELETE SET NULL,
      on_request_of text NOT NULL DEFAULT 'self' CHECK (on_request_of IN ('self', 'admin')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      due_by timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('awaiting_confirmation', 'queued', 'working', 'done', 'failed', 'cancelled', 'expired')),
      progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      progress_step text,
      confirm_token_hash text UNIQUE,
      confirm_expires_at timestamptz,
      confirmed_at timestamptz,
      completed_at timestamptz,
      failure text,
      admin_note text,
      file_bytes bigint,
      file_sha256 text,
      expires_at timestamptz,
      file_deleted_at timestamptz
    );
    CREATE INDEX subject_access_request_person_idx ON subject_access_request (person_id, requested_at DESC);
    CREATE INDEX subject_access_request_open_idx ON subject_access_request (requested_at)
      WHERE status IN ('awaiting_confirmation', 'queued', 'working');
    -- One erasure at a time per person.
    CREATE UNIQUE INDEX subject_access_request_one_erasure ON subject_access_request (person_id)
      WHERE kind = 'erasure' AND status IN ('awaiting_confirmation', 'queued', 'working');

    ALTER TABLE person ADD COLUMN erased_at timestamptz;

    ALTER TABLE venue
      ADD COLUMN retain_unsuccessful_entries_months smallint NOT NULL DEFAULT 12
        CHECK (retain_unsuccessful_entries_months BETWEEN 1 AND 120),
      ADD COLUMN retain_mail_bodies_months smallint NOT NULL DEFAULT 6
        CHECK (retain_mail_bodies_months BETWEEN 1 AND 120),
      ADD COLUMN retain_drafts_months smallint NOT NULL DEFAULT 18
        CHECK (retain_drafts_months BETWEEN 1 AND 120);

    -- When the author was told an untouched draft will be deleted; any later change keeps it.
    ALTER TABLE submission ADD COLUMN draft_deletion_notice_at timestamptz;
    ALTER TABLE email_message ADD COLUMN body_removed_at timestamptz;

    CREATE TABLE retention_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dry_run boolean NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      -- The moment the rules were applied at (a dry run and the real run at the same moment list the same).
      as_of timestamptz NOT NULL,
      run_by uuid REFERENCES person ON DELETE SET NULL,
      counts jsonb NOT NULL DEFAULT '{}',
      items jsonb NOT NULL DEFAULT '[]',
      failure text
    );
    CREATE INDEX retention_run_started_idx ON retention_run (started_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE retention_run;
    ALTER TABLE email_message DROP COLUMN body_removed_at;
    ALTER TABLE submission DROP COLUMN draft_deletion_notice_at;
    ALTER TABLE venue
      DROP COLUMN retain_unsuccessful_entries_months,
      DROP COLUMN retain_mail_bodies_months,
      DROP COLUMN retain_drafts_months;
    ALTER TABLE person DROP COLUMN erased_at;
    DROP TABLE subject_access_request;
  `.execute(db);
}
