import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// The whole domain is created here so that later features add behaviour, not reshuffles.
// Invariants live in constraints so that no code path can break them.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- People and accounts --------------------------------------------------
    CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      email_verified_at timestamptz,
      password_hash text NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      affiliation text,
      orcid text CHECK (orcid ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
      time_zone text NOT NULL DEFAULT 'Europe/London',
      email_domains text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX person_email_key ON person (email);

    CREATE TABLE session (
      token_hash text PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX session_person_idx ON session (person_id);

    -- One-time links sent by e-mail: verify an address, reset a password, confirm a new address.
    CREATE TABLE account_token (
      token_hash text PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
      new_email text CHECK ((purpose = 'change_email') = (new_email IS NOT NULL)),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX account_token_person_idx ON account_token (person_id, purpose);

    -- Venues, roles, calls ---------------------------------------------------
    CREATE TABLE venue (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('journal', 'award', 'website')),
      code_prefix text NOT NULL UNIQUE CHECK (code_prefix ~ '^[A-Z]{2,8}$'),
      code_digits smallint NOT NULL DEFAULT 4 CHECK (code_digits BETWEEN 3 AND 6),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Admin is global; editor is per venue. Reviewer and author are relations to submissions.
    CREATE TABLE role_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'editor')),
      venue_id uuid REFERENCES venue ON DELETE CASCADE,
      granted_by uuid REFERENCES person ON DELETE SET NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((role = 'admin') = (venue_id IS NULL))
    );
    CREATE UNIQUE INDEX role_grant_key ON role_grant (person_id, role, venue_id) NULLS NOT DISTINCT;

    CREATE TABLE rubric (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      venue_id uuid NOT NULL REFERENCES venue ON DELETE CASCADE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (venue_id, name)
    );

    CREATE TABLE rubric_criterion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rubric_id uuid NOT NULL REFERENCES rubric ON DELETE CASCADE,
      position smallint NOT NULL,
      label text NOT NULL,
      description text NOT NULL DEFAULT '',
      min_score smallint NOT NULL DEFAULT 1,
      max_score smallint NOT NULL DEFAULT 5,
      weight numeric(5, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
      CHECK (min_score < max_score),
      UNIQUE (rubric_id, position)
    );

    CREATE TABLE call (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      venue_id uuid NOT NULL REFERENCES venue ON DELETE RESTRICT,
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]+$'),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      opens_at timestamptz NOT NULL DEFAULT now(),
      -- The deadline as the editor wrote it (local wall time in time_zone) and the instant it means.
      deadline_local timestamp,
      time_zone text NOT NULL DEFAULT 'Europe/London',
      deadline_at timestamptz,
      word_limit integer CHECK (word_limit > 0),
      page_limit integer CHECK (page_limit > 0),
      blind_mode text NOT NULL DEFAULT 'double' CHECK (blind_mode IN ('double', 'single', 'open')),
      single_author boolean NOT NULL DEFAULT false,
      rubric_id uuid REFERENCES rubric ON DELETE SET NULL,
      declarations jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(declarations) = 'array'),
      application_form_fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(application_form_fields) = 'array'),
      fee_note text,
      decision_due_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (venue_id, slug),
      CHECK ((deadline_local IS NULL) = (deadline_at IS NULL)),
      CHECK (deadline_at IS NULL OR deadline_at > opens_at)
    );

    CREATE TABLE call_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call ON DELETE CASCADE,
      position smallint NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      UNIQUE (call_id, name),
      UNIQUE (call_id, position)
    );

    -- Submissions --------------------------------------------------------------
    -- Codes are gapless per venue and year: the counter row is locked inside the submit transaction.
    CREATE TABLE submission_code_counter (
      venue_id uuid NOT NULL REFERENCES venue ON DELETE CASCADE,
      year smallint NOT NULL,
      last_number integer NOT NULL DEFAULT 0,
      PRIMARY KEY (venue_id, year)
    );

    CREATE TABLE submission (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call ON DELETE RESTRICT,
      venue_id uuid NOT NULL REFERENCES venue ON DELETE RESTRICT,
      category_id uuid REFERENCES call_category ON DELETE RESTRICT,
      submitter_id uuid NOT NULL REFERENCES person ON DELETE RESTRICT,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN (
        'draft', 'submitted', 'screening', 'in_review', 'revision_requested',
        'decided', 'withdrawn', 'desk_rejected')),
      code text UNIQUE,
      code_year smallint,
      code_number integer,
      title text NOT NULL DEFAULT '',
      abstract text NOT NULL DEFAULT '',
      keywords text[] NOT NULL DEFAULT '{}',
      declarations jsonb NOT NULL DEFAULT '{}',
      draft_step text,
      round smallint NOT NULL DEFAULT 1 CHECK (round >= 1),
      deadline_extended_to timestamptz,
      submitted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (venue_id, code_year, code_number),
      CHECK ((code IS NULL) = (code_number IS NULL) AND (code IS NULL) = (code_year IS NULL)),
      CHECK (status = 'draft' OR status = 'withdrawn' OR code IS NOT NULL)
    );
    CREATE INDEX submission_call_status_idx ON submission (call_id, status, created_at, id);
    CREATE INDEX submission_submitter_idx ON submission (submitter_id);

    CREATE TABLE submission_author (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      person_id uuid REFERENCES person ON DELETE SET NULL,
      position smallint NOT NULL,
      name text NOT NULL,
      email text NOT NULL CHECK (email = lower(email)),
      affiliation text,
      orcid text,
      is_corresponding boolean NOT NULL DEFAULT false,
      UNIQUE (submission_id, position),
      UNIQUE (submission_id, email)
    );
    CREATE INDEX submission_author_person_idx ON submission_author (person_id);

    -- The award application form (identity, eligibility) lives apart from the manuscript and its
    -- metadata, so that no query serving a reviewer can join it by accident.
    CREATE TABLE application_form (
      submission_id uuid PRIMARY KEY REFERENCES submission ON DELETE CASCADE,
      answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Files: content-addressed and immutable; versions point at them. -------------
    CREATE TABLE stored_file (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      media_type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE manuscript_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      round smallint NOT NULL,
      version_number integer NOT NULL CHECK (version_number >= 1),
      file_sha256 text NOT NULL REFERENCES stored_file ON DELETE RESTRICT,
      uploaded_name text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES person ON DELETE RESTRICT,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (submission_id, version_number)
    );

    -- The anonymised copy reviewers read, keyed by input and pipeline version so a rerun is idempotent.
    CREATE TABLE review_copy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      manuscript_version_id uuid NOT NULL REFERENCES manuscript_version ON DELETE CASCADE,
      input_sha256 text NOT NULL REFERENCES stored_file ON DELETE RESTRICT,
      pipeline_version integer NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN (
        'queued', 'processing', 'ready', 'needs_attention', 'failed')),
      output_sha256 text REFERENCES stored_file ON DELETE RESTRICT,
      page_count integer CHECK (page_count >= 0),
      word_count integer CHECK (word_count >= 0),
      leak_report jsonb,
      failure_reason text,
      released_by uuid REFERENCES person ON DELETE SET NULL,
      released_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (manuscript_version_id, pipeline_version),
      CHECK (status <> 'ready' OR output_sha256 IS NOT NULL),
      CHECK (status <> 'failed' OR failure_reason IS NOT NULL)
    );

    -- Review ------------------------------------------------------------------------
    CREATE TABLE reviewer_pool (
      venue_id uuid NOT NULL REFERENCES venue ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      expertise text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (venue_id, person_id)
    );

    CREATE TABLE conflict (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      reason text NOT NULL CHECK (reason IN (
        'author', 'co_author', 'same_institution', 'same_email_domain', 'declared')),
      note text,
      recorded_by uuid REFERENCES person ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (submission_id, person_id, reason)
    );

    CREATE TABLE assignment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      round smallint NOT NULL,
      reviewer_id uuid NOT NULL REFERENCES person ON DELETE RESTRICT,
      -- "Reviewer 1", "Reviewer 2": the only name an author ever sees.
      reviewer_number smallint NOT NULL CHECK (reviewer_number >= 1),
      status text NOT NULL DEFAULT 'invited' CHECK (status IN (
        'invited', 'accepted', 'declined', 'submitted', 'cancelled')),
      invited_by uuid REFERENCES person ON DELETE SET NULL,
      invited_at timestamptz NOT NULL DEFAULT now(),
      responded_at timestamptz,
      due_at timestamptz,
      submitted_at timestamptz,
      cancelled_at timestamptz,
      UNIQUE (submission_id, round, reviewer_number),
      CHECK (status <> 'submitted' OR submitted_at IS NOT NULL)
    );
    -- One active assignment per reviewer per submission round.
    CREATE UNIQUE INDEX assignment_active_key ON assignment (submission_id, round, reviewer_id)
      WHERE status NOT IN ('declined', 'cancelled');
    CREATE INDEX assignment_reviewer_idx ON assignment (reviewer_id, status);

    CREATE TABLE review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assignment_id uuid NOT NULL UNIQUE REFERENCES assignment ON DELETE CASCADE,
      recommendation text CHECK (recommendation IN (
        'accept', 'minor_revision', 'major_revision', 'reject')),
      comments_to_author text NOT NULL DEFAULT '',
      comments_to_editor text NOT NULL DEFAULT '',
      submitted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE review_score (
      review_id uuid NOT NULL REFERENCES review ON DELETE CASCADE,
      criterion_id uuid NOT NULL REFERENCES rubric_criterion ON DELETE RESTRICT,
      score smallint NOT NULL,
      PRIMARY KEY (review_id, criterion_id)
    );

    -- Decisions and awards ---------------------------------------------------------
    CREATE TABLE decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      round smallint NOT NULL,
      outcome text NOT NULL CHECK (outcome IN (
        'accept', 'minor_revision', 'major_revision', 'reject', 'desk_reject')),
      letter text NOT NULL DEFAULT '',
      decided_by uuid REFERENCES person ON DELETE SET NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (submission_id, round)
    );

    CREATE TABLE award_result (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call ON DELETE CASCADE,
      category_id uuid REFERENCES call_category ON DELETE RESTRICT,
      submission_id uuid NOT NULL UNIQUE REFERENCES submission ON DELETE CASCADE,
      rank smallint CHECK (rank >= 1),
      normalised_score numeric(8, 4),
      outcome text NOT NULL CHECK (outcome IN ('winner', 'shortlisted', 'commended', 'not_placed')),
      decided_by uuid REFERENCES person ON DELETE SET NULL,
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    -- One winner per category of a call.
    CREATE UNIQUE INDEX award_result_winner_key ON award_result (call_id, category_id) NULLS NOT DISTINCT
      WHERE outcome = 'winner';

    -- Mail and jobs ------------------------------------------------------------------
    -- Every message the system sends: the outbox row and, once delivered, its log entry.
    CREATE TABLE email_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      person_id uuid REFERENCES person ON DELETE SET NULL,
      template text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'captured', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    );
    CREATE INDEX email_message_created_idx ON email_message (created_at DESC, id);
    CREATE INDEX email_message_person_idx ON email_message (person_id);

    -- Jobs written in the same transaction as the change that causes them; a relay moves them to
    -- Redis, so a request succeeds (and nothing is lost) while Redis is away.
    CREATE TABLE job_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      queue text NOT NULL,
      job_name text NOT NULL,
      job_id text NOT NULL UNIQUE,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz,
      relay_attempts integer NOT NULL DEFAULT 0,
      last_error text
    );
    CREATE INDEX job_outbox_pending_idx ON job_outbox (id) WHERE relayed_at IS NULL;

    CREATE TABLE reminder_sent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assignment_id uuid NOT NULL REFERENCES assignment ON DELETE CASCADE,
      reason text NOT NULL CHECK (reason IN (
        'invitation_unanswered', 'review_due_soon', 'review_overdue', 'editor_told_overdue')),
      sequence smallint NOT NULL CHECK (sequence >= 1),
      email_message_id uuid REFERENCES email_message ON DELETE SET NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      -- Never twice for the same reason.
      UNIQUE (assignment_id, reason, sequence)
    );

    -- Audit: append-only -----------------------------------------------------------------
    CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES person, -- people with history are never deleted (append-only)
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      ip text,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, id DESC);
    CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id);
    CREATE INDEX audit_event_actor_idx ON audit_event (actor_id);

    CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only';
    END $$;
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS audit_event, reminder_sent, job_outbox, email_message, award_result,
      decision, review_score, review, assignment, conflict, reviewer_pool, review_copy,
      manuscript_version, stored_file, application_form, submission_author, submission,
      submission_code_counter, call_category, call, rubric_criterion, rubric, role_grant, venue,
      account_token, session, person CASCADE;
    DROP FUNCTION IF EXISTS audit_event_is_append_only();
  `.execute(db);
}
