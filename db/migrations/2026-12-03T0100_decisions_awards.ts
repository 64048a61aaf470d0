import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Decisions, award results and what follows them (issue 12):
// - A decision can be rescinded (with a reason) until its letter reaches the author, so a decision
//   row is kept when rescinded and only one standing decision per round is allowed. Letters wait
//   in the outbox for the venue's hold time (`send_after`), which is what makes "rescind" real.
// - Accepted papers carry a production status so the journal's own pipeline continues outside.
// - An award call's ranking is locked (a snapshot of the calibrated ranking) before the chair may
//   read the application forms (the audited un-blinding), then results are checked for
//   eligibility, announced, and a winning essay can move into the journal with its author's consent.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE decision DROP CONSTRAINT decision_submission_id_round_key;
    ALTER TABLE decision
      ADD COLUMN letter_subject text NOT NULL DEFAULT '',
      ADD COLUMN from_state text,
      ADD COLUMN email_message_id uuid REFERENCES email_message ON DELETE SET NULL,
      ADD COLUMN rescinded_at timestamptz,
      ADD COLUMN rescinded_by uuid REFERENCES person ON DELETE SET NULL,
      ADD COLUMN rescind_reason text;
    CREATE UNIQUE INDEX decision_standing_key ON decision (submission_id, round) WHERE rescinded_at IS NULL;

    ALTER TABLE venue
      ADD COLUMN decision_reviewer_mail text NOT NULL DEFAULT 'thanks_and_outcome'
        CHECK (decision_reviewer_mail IN ('none', 'thanks', 'thanks_and_outcome')),
      ADD COLUMN letter_hold_minutes smallint NOT NULL DEFAULT 10
        CHECK (letter_hold_minutes BETWEEN 0 AND 1440);

    ALTER TABLE submission
      ADD COLUMN production_status text CHECK (production_status IN ('accepted', 'ready_for_publication')),
      ADD COLUMN production_updated_at timestamptz,
      ADD COLUMN from_award_submission_id uuid REFERENCES submission ON DELETE SET NULL;

    ALTER TABLE email_message ADD COLUMN send_after timestamptz;
    ALTER TABLE job_outbox ADD COLUMN run_at timestamptz;

    CREATE TABLE award_ranking (
      call_id uuid PRIMARY KEY REFERENCES call ON DELETE CASCADE,
      ranking jsonb NOT NULL,
      locked_at timestamptz NOT NULL DEFAULT now(),
      locked_by uuid REFERENCES person ON DELETE SET NULL,
      unblinded_at timestamptz,
      unblinded_by uuid REFERENCES person ON DELETE SET NULL,
      announced_at timestamptz,
      announced_by uuid REFERENCES person ON DELETE SET NULL
    );

    ALTER TABLE award_result
      ADD COLUMN eligibility text NOT NULL DEFAULT 'unchecked'
        CHECK (eligibility IN ('unchecked', 'eligible', 'ineligible')),
      ADD COLUMN eligibility_note text,
      ADD COLUMN raw_score numeric(8, 4),
      ADD COLUMN announced_at timestamptz,
      ADD COLUMN journal_consent_at timestamptz,
      ADD COLUMN journal_submission_id uuid REFERENCES submission ON DELETE SET NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE award_result
      DROP COLUMN journal_submission_id, DROP COLUMN journal_consent_at, DROP COLUMN announced_at,
      DROP COLUMN raw_score, DROP COLUMN eligibility_note, DROP COLUMN eligibility;
    DROP TABLE award_ranking;
    ALTER TABLE job_outbox DROP COLUMN run_at;
    ALTER TABLE email_message DROP COLUMN send_after;
    ALTER TABLE submission
      DROP COLUMN from_award_submission_id, DROP COLUMN production_updated_at, DROP COLUMN production_status;
    ALTER TABLE venue DROP COLUMN letter_hold_minutes, DROP COLUMN decision_reviewer_mail;
    DROP INDEX decision_standing_key;
    ALTER TABLE decision
      DROP COLUMN rescind_reason, DROP COLUMN rescinded_by, DROP COLUMN rescinded_at,
      DROP COLUMN email_message_id, DROP COLUMN from_state, DROP COLUMN letter_subject;
    ALTER TABLE decision ADD CONSTRAINT decision_submission_id_round_key UNIQUE (submission_id, round);
  `.execute(db);
}
