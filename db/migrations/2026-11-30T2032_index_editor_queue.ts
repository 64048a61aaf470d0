import { type Kysely, sql } from 'kysely';

// The editor's queue and My submissions must cost the page, not the table: an index per sort
// order of the queue, trigram indexes for its search, per-state counts kept up to date instead of
// counted, and an index that returns one person's submissions newest change first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- Everything sent (the queue without a state filter), one index per sort order. Partial, so
    -- that drafts (no code, no submission time) never sit in front of the first page.
    CREATE INDEX submission_queue_submitted_idx ON submission (venue_id, submitted_at DESC, id DESC)
      WHERE status <> 'draft';
    CREATE INDEX submission_queue_updated_idx ON submission (venue_id, updated_at DESC, id DESC)
      WHERE status <> 'draft';
    CREATE INDEX submission_queue_code_idx ON submission (venue_id, code, id) WHERE status <> 'draft';
    CREATE INDEX submission_queue_title_idx ON submission (venue_id, title, id) WHERE status <> 'draft';
    -- One state (the state filter, and drafts, which sort by their last change).
    CREATE INDEX submission_queue_state_submitted_idx ON submission (venue_id, status, submitted_at DESC, id DESC);
    CREATE INDEX submission_queue_state_updated_idx ON submission (venue_id, status, updated_at DESC, id DESC);
    -- Search by any part of the code or title (ILIKE '%…%').
    CREATE INDEX submission_title_trgm_idx ON submission USING gin (title gin_trgm_ops);
    CREATE INDEX submission_code_trgm_idx ON submission USING gin (code gin_trgm_ops);
    -- My submissions, newest change first; it also serves every lookup by submitter.
    CREATE INDEX submission_submitter_updated_idx ON submission (submitter_id, updated_at DESC, id DESC);
    DROP INDEX submission_submitter_idx;

    -- Submissions per venue, call, category and state, kept by the trigger below, so that the
    -- queue's counts read a few rows instead of counting the venue's submissions on every page.
    CREATE TABLE submission_state_count (
      venue_id uuid NOT NULL REFERENCES venue ON DELETE CASCADE,
      call_id uuid NOT NULL REFERENCES call ON DELETE CASCADE,
      category_id uuid REFERENCES call_category ON DELETE CASCADE,
      status text NOT NULL,
      n integer NOT NULL,
      UNIQUE NULLS NOT DISTINCT (venue_id, call_id, category_id, status)
    );

    -- Statement-level with transition tables: a bulk insert adds one delta per group, not one
    -- upsert per row. Deltas are applied in key order so that two moves never deadlock.
    CREATE FUNCTION submission_state_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO submission_state_count AS c (venue_id, call_id, category_id, status, n)
        SELECT venue_id, call_id, category_id, status, count(*) FROM new_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (venue_id, call_id, category_id, status) DO UPDATE SET n = c.n + excluded.n;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO submission_state_count AS c (venue_id, call_id, category_id, status, n)
        SELECT venue_id, call_id, category_id, status, -count(*) FROM old_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (venue_id, call_id, category_id, status) DO UPDATE SET n = c.n + excluded.n;
      ELSE
        INSERT INTO submission_state_count AS c (venue_id, call_id, category_id, status, n)
        SELECT venue_id, call_id, category_id, status, sum(delta) FROM (
          SELECT o.venue_id, o.call_id, o.category_id, o.status, -1 AS delta
          FROM old_rows o JOIN new_rows n USING (id)
          WHERE (o.venue_id, o.call_id, o.category_id, o.status)
            IS DISTINCT FROM (n.venue_id, n.call_id, n.category_id, n.status)
          UNION ALL
          SELECT n.venue_id, n.call_id, n.category_id, n.status, 1
          FROM old_rows o JOIN new_rows n USING (id)
          WHERE (o.venue_id, o.call_id, o.category_id, o.status)
            IS DISTINCT FROM (n.venue_id, n.call_id, n.category_id, n.status)
        ) moved
        GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (venue_id, call_id, category_id, status) DO UPDATE SET n = c.n + excluded.n;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER submission_state_count_insert AFTER INSERT ON submission
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_state_count_apply();
    CREATE TRIGGER submission_state_count_update AFTER UPDATE ON submission
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION submission_state_count_apply();
    CREATE TRIGGER submission_state_count_delete AFTER DELETE ON submission
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_state_count_apply();

    INSERT INTO submission_state_count (venue_id, call_id, category_id, status, n)
    SELECT venue_id, call_id, category_id, status, count(*) FROM submission GROUP BY 1, 2, 3, 4;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER submission_state_count_insert ON submission;
    DROP TRIGGER submission_state_count_update ON submission;
    DROP TRIGGER submission_state_count_delete ON submission;
    DROP FUNCTION submission_state_count_apply();
    DROP TABLE submission_state_count;
    CREATE INDEX submission_submitter_idx ON submission (submitter_id);
    DROP INDEX submission_submitter_updated_idx, submission_code_trgm_idx, submission_title_trgm_idx,
      submission_queue_state_updated_idx, submission_queue_state_submitted_idx, submission_queue_title_idx,
      submission_queue_code_idx, submission_queue_updated_idx, submission_queue_submitted_idx;
  `.execute(db);
}
