// Work done by the system rather than a person (the review-copy worker, the demo seed) is audited
// under a named system actor, so the audit log never shows an anonymous change to a review copy.
// Frozen in time: later changes get a new migration.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_event
      ADD COLUMN system_actor text CHECK (system_actor IN ('review_copy_worker', 'demo_seed')),
      ADD CONSTRAINT audit_event_one_actor CHECK (actor_id IS NULL OR system_actor IS NULL);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_one_actor, DROP COLUMN system_actor;
  `.execute(db);
}
