import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { eventSentence } from '../audit/event-sentences.ts';
import { containing } from './log-filters.ts';

const PAGE = 100;

/** The page cursor: the id of the last event shown (at most 15 digits: a whole number JavaScript holds exactly). */
export const auditCursor = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'this page link is damaged: go back to the first page of the audit log' })
  .optional();

export interface AuditFilter {
  action?: string;
  objectType?: string;
  objectId?: string;
  /** A fragment of the name or e-mail address of who did it, or of whom it was about. */
  person?: string;
  /** A submission's code: its events, from the draft onwards. */
  code?: string;
  before?: string;
}

// Each event is joined once to what it names, so a page is one query however many rows it has.
// The uuid casts sit inside CASE so a row about another kind of object never reaches them.
const objectUuid = (type: string) =>
  sql<string>`(CASE WHEN audit_event.object_type = ${type} THEN audit_event.object_id END)::uuid`;
const detailUuid = (key: string) =>
  sql<string>`(CASE WHEN audit_event.details ? ${key} THEN audit_event.details->>${key} END)::uuid`;

export async function listAuditEvents(db: Database, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_event')
    .leftJoin('person as actor', 'actor.id', 'audit_event.actor_id')
    // An assignment's events (and a review's, a trace code's) carry their submission in the details.
    .leftJoin('submission', (join) =>
      join.on('submission.id', '=', sql<string>`coalesce(${objectUuid('submission')}, ${detailUuid('submissionId')})`),
    )
    .leftJoin('person as subject', (join) =>
      join.on('subject.id', '=', sql<string>`coalesce(${objectUuid('person')}, ${detailUuid('personId')})`),
    )
    .leftJoin('call', (join) =>
      join.on(
        'call.id',
        '=',
        sql<string>`coalesce(${objectUuid('call')}, ${detailUuid('callId')}, submission.call_id)`,
      ),
    )
    .leftJoin('venue', (join) =>
      join.on(
        'venue.id',
        '=',
        sql<string>`coalesce(${objectUuid('venue')}, ${detailUuid('venueId')}, submission.venue_id, call.venue_id)`,
      ),
    )
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.action',
      'audit_event.object_type',
      'audit_event.object_id',
      'audit_event.system_actor',
      'audit_event.ip',
      'audit_event.request_id',
      'audit_event.details',
      'actor.id as actor_id',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'subject.id as subject_id',
      'subject.name as subject_name',
      'subject.email as subject_email',
      'submission.code as submission_code',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'call.title as call_title',
    ])
    .orderBy('audit_event.id', 'desc')
    .limit(PAGE + 1);
  if (filter.action)
    query = query.where('audit_event.action', 'like', `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.objectType) query = query.where('audit_event.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_event.object_id', '=', filter.objectId);
  if (filter.person) {
    const fragment = containing(filter.person);
    query = query.where((eb) =>
      eb.or([
        eb('actor.name', 'ilike', fragment),
        eb('actor.email', 'ilike', fragment),
        eb('subject.name', 'ilike', fragment),
        eb('subject.email', 'ilike', fragment),
        // A failed sign-in names only the address typed (there may be no account).
        eb(sql<string>`audit_event.details->>'email'`, 'ilike', fragment),
      ]),
    );
  }
  if (filter.code) {
    // The submission's own events, and those of its assignments (through the object index both ways).
    const coded = db.selectFrom('submission as coded').where('coded.code', '=', filter.code);
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('audit_event.object_type', '=', 'submission'),
          eb('audit_event.object_id', '=', coded.select(sql<string>`coded.id::text`.as('id'))),
        ]),
        eb.and([
          eb('audit_event.object_type', '=', 'assignment'),
          eb(
            'audit_event.object_id',
            'in',
            coded
              .innerJoin('assignment as coded_assignment', 'coded_assignment.submission_id', 'coded.id')
              .select(sql<string>`coded_assignment.id::text`.as('id')),
          ),
        ]),
      ]),
    );
  }
  if (filter.before) query = query.where('audit_event.id', '<', Number(filter.before));
  const rows = await query.execute();
  const page = rows.slice(0, PAGE);
  return {
    events: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name!, email: row.actor_email! } : null,
      systemActor: row.system_actor,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      subject: row.subject_id ? { id: row.subject_id, name: row.subject_name!, email: row.subject_email! } : null,
      submissionCode: row.submission_code,
      venueName: row.venue_name,
      callTitle: row.call_title,
      sentence: eventSentence({
        action: row.action,
        details: row.details,
        actorName: row.actor_name,
        systemActor: row.system_actor,
        subjectName: row.subject_name,
        submissionCode: row.submission_code,
        venueName: row.venue_name,
        venueKind: row.venue_kind,
        callTitle: row.call_title,
      }),
      ip: row.ip,
      requestId: row.request_id,
      details: row.details,
    })),
    nextCursor: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}
