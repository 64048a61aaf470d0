import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Reminders and e-mail templates. The sweep derives what is due from these rows (no delayed job per
// reminder), so a changed due date, a pause or a decision needs nothing cleaned up. A reminder's key
// is (assignment, kind, the date it counts from, occurrence): a new due date starts a new cycle.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- NULL: the defaults (server/src/reminders/policy.ts); the invitation's expiry stays invitation_days.
    ALTER TABLE call ADD COLUMN reminder_policy jsonb CHECK (jsonb_typeof(reminder_policy) = 'object');

    ALTER TABLE assignment
      ADD COLUMN reminders_paused_from timestamptz,
      ADD COLUMN reminders_paused_until timestamptz,
      -- Something the editor should look at (a reminder that could not be delivered).
      ADD COLUMN attention text CHECK (length(attention) <= 2000),
      ADD COLUMN attention_at timestamptz;

    DELETE FROM reminder_sent;
    ALTER TABLE reminder_sent DROP CONSTRAINT reminder_sent_reason_check;
    ALTER TABLE reminder_sent DROP CONSTRAINT reminder_sent_assignment_id_reason_sequence_key;
    ALTER TABLE reminder_sent
      ADD COLUMN anchor_at timestamptz NOT NULL,
      -- The sweep (or the editor's "send a reminder now") that wrote it: who, for the mail log.
      ADD COLUMN sent_by uuid REFERENCES person ON DELETE SET NULL,
      ADD CONSTRAINT reminder_sent_reason_check CHECK (reason IN (
        'invitation_reminder', 'invitation_expired', 'due_soon', 'overdue', 'escalation', 'manual')),
      ADD CONSTRAINT reminder_sent_key UNIQUE (assignment_id, reason, anchor_at, sequence);

    -- A message about one assignment: delivery re-checks it, and a bounce flags it for the editor.
    ALTER TABLE email_message
      ADD COLUMN html_body text,
      ADD COLUMN assignment_id uuid REFERENCES assignment ON DELETE SET NULL;
    ALTER TABLE email_message DROP CONSTRAINT email_message_status_check;
    ALTER TABLE email_message ADD CONSTRAINT email_message_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'captured', 'failed', 'unknown', 'skipped'));
    CREATE INDEX email_message_assignment_idx ON email_message (assignment_id) WHERE assignment_id IS NOT NULL;

    -- Further links to an assignment, as good as the invitation's: a reminder carries a fresh one
    -- (only hashes are stored, so the first link cannot be repeated).
    CREATE TABLE assignment_link (
      token_hash text PRIMARY KEY,
      assignment_id uuid NOT NULL REFERENCES assignment ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX assignment_link_assignment_idx ON assignment_link (assignment_id);

    -- A venue's own wording of a message; no row: the default in server/src/mail-templates.
    CREATE TABLE mail_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      venue_id uuid REFERENCES venue ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z_]+(\\.[a-z_]+)+$'),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
      text_body text NOT NULL CHECK (length(text_body) BETWEEN 1 AND 20000),
      html_body text CHECK (length(html_body) <= 50000),
      updated_by uuid REFERENCES person ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE NULLS NOT DISTINCT (venue_id, key)
    );

    -- A reviewer asks for more time; the editor grants (the due date moves) or refuses.
    CREATE TABLE extension_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assignment_id uuid NOT NULL REFERENCES assignment ON DELETE CASCADE,
      requested_due_at timestamptz NOT NULL,
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'granted', 'refused', 'withdrawn')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES person ON DELETE SET NULL,
      decided_at timestamptz,
      editor_note text CHECK (length(editor_note) <= 2000),
      CHECK ((status = 'requested') = (decided_at IS NULL))
    );
    -- One open request per assignment.
    CREATE UNIQUE INDEX extension_request_open_key ON extension_request (assignment_id) WHERE status = 'requested';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE extension_request;
    DROP TABLE mail_template;
    DROP TABLE assignment_link;
    DROP INDEX email_message_assignment_idx;
    UPDATE email_message SET status = 'failed', last_error = coalesce(last_error, 'skipped') WHERE status = 'skipped';
    ALTER TABLE email_message DROP CONSTRAINT email_message_status_check;
    ALTER TABLE email_message ADD CONSTRAINT email_message_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'captured', 'failed', 'unknown'));
    ALTER TABLE email_message DROP COLUMN html_body, DROP COLUMN assignment_id;
    DELETE FROM reminder_sent;
    ALTER TABLE reminder_sent DROP CONSTRAINT reminder_sent_key, DROP CONSTRAINT reminder_sent_reason_check;
    ALTER TABLE reminder_sent DROP COLUMN anchor_at, DROP COLUMN sent_by;
    ALTER TABLE reminder_sent
      ADD CONSTRAINT reminder_sent_reason_check CHECK (reason IN (
        'invitation_unanswered', 'review_due_soon', 'review_overdue', 'editor_told_overdue')),
      ADD CONSTRAINT reminder_sent_assignment_id_reason_sequence_key UNIQUE (assignment_id, reason, sequence);
    ALTER TABLE assignment
      DROP COLUMN reminders_paused_from, DROP COLUMN reminders_paused_until,
      DROP COLUMN attention, DROP COLUMN attention_at;
    ALTER TABLE call DROP COLUMN reminder_policy;
  `.execute(db);
}
