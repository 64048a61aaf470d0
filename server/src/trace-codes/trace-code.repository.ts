import type { Database } from '@gaps/db';
import type { TraceCodeRow } from '../blinding/project-trace-code.ts';

/** The assignment a trace code belongs to, if it is of a submission in this venue. */
export async function findTraceCode(db: Database, venueId: string, code: string): Promise<TraceCodeRow | undefined> {
  return db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select((eb) => [
      'assignment.trace_code as trace_code',
      'assignment.id as assignment_id',
      'assignment.reviewer_number',
      'assignment.round',
      'assignment.status',
      eb
        .selectFrom('traced_copy')
        .select((inner) => inner.fn.min('traced_copy.created_at').as('first'))
        .whereRef('traced_copy.assignment_id', '=', 'assignment.id')
        .as('issued_at'),
      'person.id as reviewer_id',
      'person.name as reviewer_name',
      'person.email as reviewer_email',
      'submission.id as submission_id',
      'submission.code as submission_code',
      'submission.title as submission_title',
    ])
    .where('assignment.trace_code', '=', code)
    .where('submission.venue_id', '=', venueId)
    .executeTakeFirst() as Promise<TraceCodeRow | undefined>;
}
