// The assignments the sweep looks at, read from the database as schedule.ts wants them: open ones
// (invited or accepted) with their call's policy and the reminders already written. One query, so
// a sweep over 100,000 assignments reads them in one pass (bench:reminders).
import type { DB } from '@gaps/db';
import { closedSubmissionStates } from '@gaps/workers/contracts';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { callReminderPolicy, type ReminderPolicy } from './policy.ts';
import type { AssignmentFacts, SentKey } from './schedule.ts';

/**
 * A time as milliseconds since 1970 (a float8, which pg hands over as a number): at 100,000 rows,
 * parsing six timestamp strings a row was most of a sweep's reading (bench:reminders).
 */
const epochMs = (column: RawBuilder<unknown>) => sql<number | null>`(extract(epoch FROM ${column}) * 1000)::float8`;
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export interface ReminderSubject {
  facts: AssignmentFacts;
  policy: ReminderPolicy;
  sent: SentKey[];
  callId: string;
  venueId: string;
  submissionId: string;
  reviewerId: string;
}

interface Filter {
  callId?: string;
  assignmentIds?: readonly string[];
  /** Inside a transaction: lock the rows (SKIP LOCKED), so two sweeps never hold the same one. */
  lockSkipLocked?: boolean;
}

export async function loadReminderSubjects(
  db: Kysely<DB> | Transaction<DB>,
  filter: Filter = {},
): Promise<ReminderSubject[]> {
  if (filter.assignmentIds && filter.assignmentIds.length === 0) return [];
  let query = db
    .selectFrom('assignment')
    .$if(!filter.assignmentIds, (q) =>
      q.leftJoin(
        sql<{ assignment_id: string; keys: unknown }>`(
          SELECT assignment_id, jsonb_agg(jsonb_build_array(reason, sequence, extract(epoch FROM anchor_at) * 1000)) AS keys
          FROM reminder_sent WHERE reason <> 'manual' GROUP BY assignment_id
        )`.as('sent'),
        (join) => join.onRef(sql.ref('sent.assignment_id'), '=', 'assignment.id'),
      ),
    )
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    // A review the editor reopened counts as accepted anew from then: its due reminders start over
    // from the reopening, not with an escalation for a date long past.
    .leftJoin('review', 'review.assignment_id', 'assignment.id')
    .select([
      'assignment.id',
      'assignment.status',
      epochMs(sql.ref('assignment.invited_at')).as('invited_at'),
      epochMs(sql`greatest(assignment.responded_at, review.reopened_at)`).as('responded_at'),
      epochMs(sql.ref('assignment.due_at')).as('due_at'),
      epochMs(sql.ref('assignment.invitation_expires_at')).as('invitation_expires_at'),
      epochMs(sql.ref('assignment.reminders_paused_from')).as('reminders_paused_from'),
      epochMs(sql.ref('assignment.reminders_paused_until')).as('reminders_paused_until'),
      epochMs(sql.ref('assignment.due_at_set_at')).as('due_at_set_at'),
      'assignment.round',
      'assignment.reviewer_id',
      'submission.id as submission_id',
      'submission.status as submission_status',
      'submission.round as submission_round',
      'submission.venue_id',
      'call.id as call_id',
      'call.reminder_policy',
      'call.invitation_days',
      // A sweep's first reading takes every open assignment: one pass over reminder_sent, joined by
      // hash (a lookup per row took a second more at 100,000). A batch's few rows: a lookup each.
      filter.assignmentIds
        ? sql<Array<[string, number, number]>>`(
        SELECT coalesce(jsonb_agg(jsonb_build_array(r.reason, r.sequence, extract(epoch FROM r.anchor_at) * 1000)), '[]')
        FROM reminder_sent r WHERE r.assignment_id = assignment.id AND r.reason <> 'manual'
      )`.as('sent')
        : sql<Array<[string, number, number]>>`coalesce(sent.keys, '[]')`.as('sent'),
    ])
    .where('assignment.status', 'in', ['invited', 'accepted']);
  if (filter.callId) query = query.where('call.id', '=', filter.callId);
  if (filter.assignmentIds) query = query.where('assignment.id', 'in', filter.assignmentIds);
  if (filter.lockSkipLocked) query = query.forUpdate('assignment').skipLocked();
  const rows = await query.execute();
  const policies = new Map<string, ReminderPolicy>();
  return rows.map((row) => {
    let policy = policies.get(row.call_id);
    if (!policy) {
      policy = callReminderPolicy(row.reminder_policy, row.invitation_days);
      policies.set(row.call_id, policy);
    }
    return {
      facts: {
        id: row.id,
        status: row.status as AssignmentFacts['status'],
        invitedAt: new Date(row.invited_at!),
        acceptedAt: row.status === 'accepted' ? date(row.responded_at) : null,
        dueAt: date(row.due_at),
        invitationExpiresAt: date(row.invitation_expires_at),
        pausedFrom: date(row.reminders_paused_from),
        pausedUntil: date(row.reminders_paused_until),
        dueSetAt: date(row.due_at_set_at),
        submissionClosed:
          Object.hasOwn(closedSubmissionStates, row.submission_status) || row.round < row.submission_round,
      },
      policy,
      sent: row.sent.map(([kind, occurrence, anchor]) => ({ kind, occurrence, anchor: new Date(anchor) })),
      callId: row.call_id,
      venueId: row.venue_id,
      submissionId: row.submission_id,
      reviewerId: row.reviewer_id,
    };
  });
}
