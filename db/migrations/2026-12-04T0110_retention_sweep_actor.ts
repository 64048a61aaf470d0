// The scheduled retention sweep deletes what the venues' retention periods say is due, with nobody
// signed in: the audit log names the system as its actor instead of "someone not signed in".
// Frozen in time: later changes get a new migration.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_system_actor_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_system_actor_check
      CHECK (system_actor IN ('review_copy_worker', 'demo_seed', 'invitation_sweep', 'retention_sweep'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE audit_event SET system_actor = NULL WHERE system_actor = 'retention_sweep';
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_system_actor_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_system_actor_check
      CHECK (system_actor IN ('review_copy_worker', 'demo_seed', 'invitation_sweep'));
  `.execute(db);
}
