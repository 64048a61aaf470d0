// The subject-access log: every request for a copy of one's data or for erasure, when it arrived,
// when the month to answer it ends, and when it was answered. The charity shows this page to prove
// it answered within the month (UK GDPR art. 12(3)); the rows are never deleted, and an erased
// person stays in it as "Erased account" with the request's dates.
import type { Database } from '@gaps/db';
import { z } from 'zod';

const instant = z.iso.datetime();

export const subjectAccessEntrySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['export', 'erasure']),
    /** Who asked: the person on the site, or an admin on their request (a letter, a call). */
    onRequestOf: z.enum(['self', 'admin']),
    person: z.object({ id: z.uuid(), name: z.string(), email: z.string(), erased: z.boolean() }),
    requestedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    requestedAt: instant,
    dueBy: instant,
    /** received (recorded by an admin), awaiting_confirmation, queued, working, done, failed, cancelled, expired. */
    status: z.string(),
    completedAt: instant.nullable(),
    /** Answered by the due date (done in time), late, or still open and past it. */
    timeliness: z.enum(['in_time', 'late', 'open', 'overdue', 'closed_unanswered']),
    adminNote: z.string().nullable(),
    /** How a recorded request was answered outside the system, or why it was cancelled. */
    answerNote: z.string().nullable(),
    failure: z.string().nullable(),
  })
  .meta({ id: 'SubjectAccessEntry' });
export type SubjectAccessEntry = z.infer<typeof subjectAccessEntrySchema>;

export const subjectAccessLogSchema = z.object({
  entries: z.array(subjectAccessEntrySchema),
  summary: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    answeredInTime: z.number().int(),
    answeredLate: z.number().int(),
  }),
});

export const subjectAccessLogQuery = z.object({
  kind: z.enum(['export', 'erasure']).optional(),
  /** Requests received in this calendar year; all years when absent. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const openStatuses = new Set(['received', 'awaiting_confirmation', 'queued', 'working', 'failed']);

export function timeliness(
  row: { status: string; due_by: Date; completed_at: Date | null },
  now: Date,
): SubjectAccessEntry['timeliness'] {
  // An export whose file was deleted after its days (expired) was answered all the same.
  if ((row.status === 'done' || row.status === 'expired') && row.completed_at) {
    return row.completed_at <= row.due_by ? 'in_time' : 'late';
  }
  if (openStatuses.has(row.status)) return now > row.due_by ? 'overdue' : 'open';
  // Cancelled by the person, or a confirmation link never used: nothing was owed.
  return 'closed_unanswered';
}

function entriesQuery(db: Database) {
  return db
    .selectFrom('subject_access_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('person as by', 'by.id', 'r.requested_by')
    .select([
      'r.id',
      'r.kind',
      'r.on_request_of',
      'r.requested_at',
      'r.due_by',
      'r.status',
      'r.completed_at',
      'r.admin_note',
      'r.answer_note',
      'r.failure',
      'p.id as person_id',
      'p.name as person_name',
      'p.email as person_email',
      'p.erased_at',
      'by.id as by_id',
      'by.name as by_name',
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['executeTakeFirstOrThrow']>>;

function toEntry(row: EntryRow, now: Date): SubjectAccessEntry {
  return {
    id: row.id,
    kind: row.kind as SubjectAccessEntry['kind'],
    onRequestOf: row.on_request_of as SubjectAccessEntry['onRequestOf'],
    person: { id: row.person_id, name: row.person_name, email: row.person_email, erased: row.erased_at !== null },
    requestedBy: row.by_id && row.by_name !== null ? { id: row.by_id, name: row.by_name } : null,
    requestedAt: row.requested_at.toISOString(),
    dueBy: row.due_by.toISOString(),
    status: row.status,
    completedAt: row.completed_at?.toISOString() ?? null,
    timeliness: timeliness(row, now),
    adminNote: row.admin_note,
    answerNote: row.answer_note,
    failure: row.failure,
  };
}

/** One entry of the log, as the list shows it; undefined when there is no such request. */
export async function findSubjectAccessEntry(
  db: Database,
  requestId: string,
  now: Date,
): Promise<SubjectAccessEntry | undefined> {
  const row = await entriesQuery(db).where('r.id', '=', requestId).executeTakeFirst();
  return row ? toEntry(row, now) : undefined;
}

export async function listSubjectAccessRequests(
  db: Database,
  filter: z.infer<typeof subjectAccessLogQuery>,
  now: Date,
): Promise<z.infer<typeof subjectAccessLogSchema>> {
  let query = entriesQuery(db).orderBy('r.requested_at', 'desc').orderBy('r.id');
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  if (filter.year) {
    query = query
      .where('r.requested_at', '>=', new Date(Date.UTC(filter.year, 0, 1)))
      .where('r.requested_at', '<', new Date(Date.UTC(filter.year + 1, 0, 1)));
  }
  const entries = (await query.execute()).map((row) => toEntry(row, now));
  const count = (t: SubjectAccessEntry['timeliness']) => entries.filter((e) => e.timeliness === t).length;
  return {
    entries,
    summary: {
      open: count('open') + count('overdue'),
      overdue: count('overdue'),
      answeredInTime: count('in_time'),
      answeredLate: count('late'),
    },
  };
}
