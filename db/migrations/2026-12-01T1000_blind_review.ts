import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Blind review: what the venue knows of each reviewer (for conflicts and suggestions), invitations
// answered through a signed link, alternates, rubrics with descriptors, and sessions that reach one
// assignment only (a reviewer who keeps using the invitation link is signed in to nothing else).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE reviewer_pool
      ADD COLUMN employer text CHECK (length(employer) <= 300),
      ADD COLUMN email_domains text[] NOT NULL DEFAULT '{}',
      ADD COLUMN orcid text CHECK (orcid ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
      ADD COLUMN declared_conflicts text[] NOT NULL DEFAULT '{}',
      ADD COLUMN availability text CHECK (length(availability) <= 300),
      ADD COLUMN available_from date;

    ALTER TABLE conflict DROP CONSTRAINT conflict_reason_check;
    ALTER TABLE conflict ADD CONSTRAINT conflict_reason_check CHECK (reason IN (
      'author', 'co_author', 'same_institution', 'same_email_domain', 'declared',
      'co_authored', 'declared_by_reviewer', 'declared_by_author'));

    ALTER TABLE call
      ADD COLUMN invite_alternates boolean NOT NULL DEFAULT true,
      ADD COLUMN review_days smallint NOT NULL DEFAULT 28 CHECK (review_days BETWEEN 1 AND 365),
      ADD COLUMN invitation_days smallint NOT NULL DEFAULT 14 CHECK (invitation_days BETWEEN 1 AND 90);

    ALTER TABLE assignment DROP CONSTRAINT assignment_status_check;
    ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN (
      'invited', 'accepted', 'declined', 'expired', 'submitted', 'cancelled'));
    ALTER TABLE assignment
      ADD COLUMN invitation_token_hash text UNIQUE,
      ADD COLUMN invitation_expires_at timestamptz,
      ADD COLUMN decline_reason text CHECK (length(decline_reason) <= 2000),
      ADD COLUMN suggested_reviewer text CHECK (length(suggested_reviewer) <= 500),
      ADD COLUMN conflict_override text CHECK (length(conflict_override) <= 2000),
      ADD COLUMN cancel_reason text CHECK (length(cancel_reason) <= 2000),
      ADD COLUMN expired_at timestamptz,
      -- Printed in the footer of this reviewer's download, so a leaked copy can be traced.
      ADD COLUMN trace_code text UNIQUE CHECK (trace_code ~ '^[A-Z0-9]{8}$');
    DROP INDEX assignment_active_key;
    CREATE UNIQUE INDEX assignment_active_key ON assignment (submission_id, round, reviewer_id)
      WHERE status NOT IN ('declined', 'cancelled', 'expired');
    CREATE INDEX assignment_submission_idx ON assignment (submission_id, round);

    -- People lined up to be invited, in order, when an invitation is declined or expires.
    CREATE TABLE review_alternate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submission ON DELETE CASCADE,
      round smallint NOT NULL,
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      position smallint NOT NULL,
      conflict_override text CHECK (length(conflict_override) <= 2000),
      added_by uuid REFERENCES person ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      -- Set when invited (or skipped); the queue is the rows where this is null.
      used_at timestamptz,
      assignment_id uuid REFERENCES assignment ON DELETE SET NULL,
      UNIQUE (submission_id, round, person_id)
    );

    ALTER TABLE rubric
      ADD COLUMN asks_recommendation boolean NOT NULL DEFAULT false,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    -- One descriptor per point of the scale, e.g. [{"score": 1, "text": "Not addressed"}, ...].
    ALTER TABLE rubric_criterion
      ADD COLUMN descriptors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(descriptors) = 'array');

    ALTER TABLE review
      ADD COLUMN reopened_at timestamptz,
      ADD COLUMN reopened_by uuid REFERENCES person ON DELETE SET NULL;

    -- A session made from an invitation link reaches that one assignment and nothing else.
    ALTER TABLE session ADD COLUMN assignment_id uuid REFERENCES assignment ON DELETE CASCADE;
    -- Accounts made on accepting an invitation have no password until the person sets one.
    ALTER TABLE person ALTER COLUMN password_hash DROP NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM person WHERE password_hash IS NULL;
    ALTER TABLE person ALTER COLUMN password_hash SET NOT NULL;
    ALTER TABLE session DROP COLUMN assignment_id;
    ALTER TABLE review DROP COLUMN reopened_at, DROP COLUMN reopened_by;
    ALTER TABLE rubric_criterion DROP COLUMN descriptors;
    ALTER TABLE rubric DROP COLUMN asks_recommendation, DROP COLUMN updated_at;
    DROP TABLE review_alternate;
    DROP INDEX assignment_submission_idx;
    DROP INDEX assignment_active_key;
    UPDATE assignment SET status = 'cancelled', cancelled_at = coalesce(expired_at, now()) WHERE status = 'expired';
    ALTER TABLE assignment
      DROP COLUMN invitation_token_hash, DROP COLUMN invitation_expires_at, DROP COLUMN decline_reason,
      DROP COLUMN suggested_reviewer, DROP COLUMN conflict_override, DROP COLUMN cancel_reason,
      DROP COLUMN expired_at, DROP COLUMN trace_code;
    CREATE UNIQUE INDEX assignment_active_key ON assignment (submission_id, round, reviewer_id)
      WHERE status NOT IN ('declined', 'cancelled');
    ALTER TABLE assignment DROP CONSTRAINT assignment_status_check;
    ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN (
      'invited', 'accepted', 'declined', 'submitted', 'cancelled'));
    ALTER TABLE call DROP COLUMN invite_alternates, DROP COLUMN review_days, DROP COLUMN invitation_days;
    DELETE FROM conflict WHERE reason IN ('co_authored', 'declared_by_reviewer', 'declared_by_author');
    ALTER TABLE conflict DROP CONSTRAINT conflict_reason_check;
    ALTER TABLE conflict ADD CONSTRAINT conflict_reason_check CHECK (reason IN (
      'author', 'co_author', 'same_institution', 'same_email_domain', 'declared'));
    ALTER TABLE reviewer_pool
      DROP COLUMN employer, DROP COLUMN email_domains, DROP COLUMN orcid,
      DROP COLUMN declared_conflicts, DROP COLUMN availability, DROP COLUMN available_from;
  `.execute(db);
}
