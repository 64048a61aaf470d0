// Appends to the audit log. The server's event union (server/src/audit/events.ts) types what is
// written; this is the one insert, here so the workers can audit their own moves (a review copy's
// status) in the transaction that makes them.
import type { Database, DB } from '@gaps/db';
import type { Transaction } from 'kysely';

/** Who acts when no person does: stored in `audit_event.system_actor` (see its migration). */
export type SystemActor = 'review_copy_worker' | 'demo_seed' | 'invitation_sweep' | 'retention_sweep';

export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
  /** Set instead of `actorId` when the system itself makes the change. */
  systemActor?: SystemActor;
}

export interface AuditRecord {
  action: string;
  objectType: string;
  objectId: string | null;
  details: object;
}

/** The audit context of a change the system makes on its own. */
export const systemActor = (actor: SystemActor, requestId: string | null = null): AuditContext => ({
  actorId: null,
  ip: null,
  requestId,
  systemActor: actor,
});

/** Append one event; call it inside the transaction that makes the change. */
export async function appendAuditEvent(
  db: Database | Transaction<DB>,
  context: AuditContext,
  event: AuditRecord,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      actor_id: context.actorId,
      system_actor: context.systemActor ?? null,
      ip: context.ip,
      request_id: context.requestId,
      action: event.action,
      object_type: event.objectType,
      object_id: event.objectId,
      details: JSON.stringify(event.details),
    })
    .execute();
}
