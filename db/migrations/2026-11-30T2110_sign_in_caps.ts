import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Caps on failed sign-ins per account (across addresses) and per address (across accounts), beside
// the per-pair lock-out. `failed_sign_in` is summed by e-mail (its primary key) and by address (the
// new index). `sign_in_address` remembers where each person has signed in successfully: above a
// cap, only those addresses are let through, so an attacker can neither guess on without limit nor
// lock a person out of the places they normally sign in from.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX failed_sign_in_ip_idx ON failed_sign_in (ip);
    CREATE TABLE sign_in_address (
      person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
      ip text NOT NULL,
      last_signed_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, ip)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE sign_in_address;
    DROP INDEX failed_sign_in_ip_idx;
  `.execute(db);
}
