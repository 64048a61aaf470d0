// Unanswered invitations are expired (and alternates invited) by the system, not by a person:
// the audit log names that actor instead of showing an anonymous change.
// Frozen in time: later changes get a new migration.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_system_actor_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_system_actor_check
      CHECK (system_actor IN ('review_copy_worker', 'demo_seed', 'invitation_sweep'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE audit_event SET system_actor = NULL WHERE system_actor = 'invitation_sweep';
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_system_actor_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_system_actor_check
      CHECK (system_actor IN ('review_copy_worker', 'demo_seed'));
  `.execute(db);
}
