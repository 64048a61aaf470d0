import type { Database } from '@gaps/db';
import { z } from 'zod';

const PAGE = 100;

/** The page cursor: the id of the last event shown (at most 15 digits: a whole number JavaScript holds exactly). */
export const auditCursor = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'this page link is damaged: go back to the first page of the audit log' })
  .optional();

export async function listAuditEvents(
  db: Database,
  filter: { action?: string; objectType?: string; objectId?: string; actor?: string; before?: string },
) {
  let query = db
    .selectFrom('audit_event')
    .leftJoin('person', 'person.id', 'audit_event.actor_id')
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.action',
      'audit_event.object_type',
      'audit_event.object_id',
      'audit_event.ip',
      'audit_event.request_id',
      'audit_event.details',
      'person.id as actor_id',
      'person.name as actor_name',
      'person.email as actor_email',
    ])
    .orderBy('audit_event.id', 'desc')
    .limit(PAGE + 1);
  if (filter.action)
    query = query.where('audit_event.action', 'like', `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.objectType) query = query.where('audit_event.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_event.object_id', '=', filter.objectId);
  if (filter.actor) query = query.where('person.email', '=', filter.actor.trim().toLowerCase());
  if (filter.before) query = query.where('audit_event.id', '<', Number(filter.before));
  const rows = await query.execute();
  const page = rows.slice(0, PAGE);
  return {
    events: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name!, email: row.actor_email! } : null,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      ip: row.ip,
      requestId: row.request_id,
      details: row.details,
    })),
    nextCursor: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}
