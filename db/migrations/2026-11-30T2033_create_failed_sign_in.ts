import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Failed sign-ins per account and address, counted in PostgreSQL (they were counted in Redis, and
// the lock-out stopped working whenever Redis was away). One row per pair; the window restarts
// with the first failure after it has passed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE failed_sign_in (
      email text NOT NULL,
      ip text NOT NULL,
      failures integer NOT NULL CHECK (failures > 0),
      window_started_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (email, ip)
    );
    CREATE INDEX failed_sign_in_window_idx ON failed_sign_in (window_started_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE failed_sign_in`.execute(db);
}
