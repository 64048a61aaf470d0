// The reports' numbers, counted by PostgreSQL: one aggregate query per table, each grouped by call
// with a grand total (GROUPING SETS), so a venue with 100,000 submissions is read in a few passes
// and no row about a person or a submission ever leaves the database.
import type { Database } from '@gaps/db';
import { type RawBuilder, type Sql, sql } from 'kysely';
import { overdueCondition } from '../reminders/overdue.ts';

export interface ReportScope {
  venueId: string;
  callId: string | null;
  /** "2027-03-01": the first day counted, in timeZone; null: from the beginning. */
  from: string | null;
  /** The last day counted (whole), in timeZone; null: up to now. */
  to: string | null;
  timeZone: string;
  now: Date;
}

/** Outcomes that end a submission's journey: a journal's final decisions and every award result. */
export const finalOutcomes = [
  'accept',
  'reject',
  'desk_reject',
  'winner',
  'shortlisted',
  'commended',
  'not_placed',
] as const;
/** Award results that count as placed: those announced as winners or commended (they get certificates). */
export const placedOutcomes = ['winner', 'commended'] as const;

const fromAt = (scope: ReportScope) =>
  scope.from === null
    ? sql`'-infinity'::timestamptz`
    : sql`((${scope.from}::date)::timestamp AT TIME ZONE ${scope.timeZone})`;
const toAt = (scope: ReportScope) =>
  scope.to === null
    ? sql`'infinity'::timestamptz`
    : sql`((${scope.to}::date + 1)::timestamp AT TIME ZONE ${scope.timeZone})`;
/** True when the instant lies in the chosen days. */
const inRange = (scope: ReportScope, at: RawBuilder<unknown> | Sql) =>
  sql<boolean>`(${at} >= ${fromAt(scope)} AND ${at} < ${toAt(scope)})`;
const ofCall = (scope: ReportScope, column: RawBuilder<unknown>) =>
  scope.callId === null ? sql`true` : sql`${column} = ${scope.callId}`;
const days = (later: string, earlier: string) =>
  sql<number>`(extract(epoch FROM (${sql.ref(later)} - ${sql.ref(earlier)})) / 86400.0)`;
const median = (value: RawBuilder<number>, where: RawBuilder<boolean>, fraction = 0.5) =>
  sql<number | null>`percentile_cont(${sql.lit(fraction)}) WITHIN GROUP (ORDER BY ${value}) FILTER (WHERE ${where})`;

/**
 * Every decision a submission of the venue got, one row each: the decision table's rows not
 * rescinded; a rejection without review from before decisions were recorded (the submission's state
 * says so, dated by the editor's message to the author, else by the submission's last change); and
 * an award's results once announced.
 */
function decisionEvents(scope: ReportScope) {
  return sql`(
    SELECT d.submission_id, d.outcome, d.decided_at AS at
    FROM decision d JOIN submission s ON s.id = d.submission_id
    WHERE s.venue_id = ${scope.venueId} AND d.rescinded_at IS NULL
    UNION ALL
    SELECT s.id, 'desk_reject', coalesce(
      (SELECT max(m.sent_at) FROM editor_message m WHERE m.submission_id = s.id AND m.kind = 'desk_rejected'),
      s.updated_at)
    FROM submission s
    WHERE s.venue_id = ${scope.venueId} AND s.status = 'desk_rejected' AND NOT EXISTS (
      SELECT 1 FROM decision d WHERE d.submission_id = s.id AND d.rescinded_at IS NULL AND d.outcome = 'desk_reject')
    UNION ALL
    SELECT r.submission_id, r.outcome, r.announced_at
    FROM award_result r JOIN submission s ON s.id = r.submission_id
    WHERE s.venue_id = ${scope.venueId} AND r.announced_at IS NOT NULL
  )`;
}

/** Per submission decided at least once: its first decision and its final one. */
function decidedSubmissions(scope: ReportScope) {
  const final = sql.join(finalOutcomes.map((outcome) => sql.lit(outcome)));
  return sql`(
    SELECT s.id, s.call_id, s.submitted_at,
      min(e.at) AS first_at,
      min(e.at) FILTER (WHERE e.outcome IN (${final})) AS final_at,
      (array_agg(e.outcome ORDER BY e.at) FILTER (WHERE e.outcome IN (${final})))[1] AS final_outcome
    FROM ${decisionEvents(scope)} e JOIN submission s ON s.id = e.submission_id
    WHERE ${ofCall(scope, sql.ref('s.call_id'))}
    GROUP BY s.id
  )`;
}

/** A row per call (call_id set) and the total (call_id null). */
interface ByCall {
  call_id: string | null;
}

export interface SubmissionCountRow extends ByCall {
  received: number;
  being_screened_now: number;
  in_review_now: number;
  with_authors_now: number;
}

export async function countSubmissions(db: Database, scope: ReportScope): Promise<SubmissionCountRow[]> {
  const { rows } = await sql<SubmissionCountRow>`
    SELECT submission.call_id,
      count(*) FILTER (WHERE ${inRange(scope, sql.ref('submission.submitted_at'))})::int AS received,
      count(*) FILTER (WHERE submission.status IN ('submitted', 'screening'))::int AS being_screened_now,
      count(*) FILTER (WHERE submission.status = 'in_review')::int AS in_review_now,
      count(*) FILTER (WHERE submission.status = 'revision_requested')::int AS with_authors_now
    FROM submission
    WHERE submission.venue_id = ${scope.venueId} AND submission.submitted_at IS NOT NULL
      AND ${ofCall(scope, sql.ref('submission.call_id'))}
    GROUP BY GROUPING SETS ((submission.call_id), ())`.execute(db);
  return rows;
}

export interface DecisionCountRow extends ByCall {
  decided: number;
  accepted: number;
  placed: number;
  first_decisions: number;
  first_median: number | null;
  first_p90: number | null;
}

export async function countDecisions(db: Database, scope: ReportScope): Promise<DecisionCountRow[]> {
  const placed = sql.join(placedOutcomes.map((outcome) => sql.lit(outcome)));
  const finalInRange = inRange(scope, sql.ref('final_at'));
  const firstInRange = inRange(scope, sql.ref('first_at'));
  const { rows } = await sql<DecisionCountRow>`
    SELECT call_id,
      count(*) FILTER (WHERE ${finalInRange})::int AS decided,
      count(*) FILTER (WHERE ${finalInRange} AND final_outcome = 'accept')::int AS accepted,
      count(*) FILTER (WHERE ${finalInRange} AND final_outcome IN (${placed}))::int AS placed,
      count(*) FILTER (WHERE ${firstInRange} AND submitted_at IS NOT NULL)::int AS first_decisions,
      ${median(days('first_at', 'submitted_at'), sql`${firstInRange} AND submitted_at IS NOT NULL`)} AS first_median,
      ${median(days('first_at', 'submitted_at'), sql`${firstInRange} AND submitted_at IS NOT NULL`, 0.9)} AS first_p90
    FROM ${decidedSubmissions(scope)} decided
    GROUP BY GROUPING SETS ((call_id), ())`.execute(db);
  return rows;
}

export interface OutcomeCountRow {
  outcome: string;
  count: number;
}

/** Every decision in the days chosen, by outcome: a submission decided in two rounds counts twice. */
export async function countOutcomes(db: Database, scope: ReportScope): Promise<OutcomeCountRow[]> {
  const { rows } = await sql<OutcomeCountRow>`
    SELECT e.outcome, count(*)::int AS count
    FROM ${decisionEvents(scope)} e JOIN submission s ON s.id = e.submission_id
    WHERE ${ofCall(scope, sql.ref('s.call_id'))} AND ${inRange(scope, sql.ref('e.at'))}
    GROUP BY e.outcome`.execute(db);
  return rows;
}

export interface ReviewerTimingRow extends ByCall {
  responses: number;
  response_median: number | null;
  response_p90: number | null;
  expired: number;
  completions: number;
  completion_median: number | null;
  completion_p90: number | null;
  overdue_now: number;
}

export async function countReviewerTimes(db: Database, scope: ReportScope): Promise<ReviewerTimingRow[]> {
  const answered = sql<boolean>`assignment.responded_at IS NOT NULL AND ${inRange(scope, sql.ref('assignment.responded_at'))}`;
  const completed = sql<boolean>`assignment.submitted_at IS NOT NULL AND assignment.responded_at IS NOT NULL
    AND ${inRange(scope, sql.ref('assignment.submitted_at'))}`;
  const response = days('assignment.responded_at', 'assignment.invited_at');
  const completion = days('assignment.submitted_at', 'assignment.responded_at');
  const { rows } = await sql<ReviewerTimingRow>`
    SELECT submission.call_id,
      count(*) FILTER (WHERE ${answered})::int AS responses,
      ${median(response, answered)} AS response_median,
      ${median(response, answered, 0.9)} AS response_p90,
      count(*) FILTER (WHERE assignment.status = 'expired'
        AND ${inRange(scope, sql`coalesce(assignment.expired_at, assignment.invitation_expires_at)`)})::int AS expired,
      count(*) FILTER (WHERE ${completed})::int AS completions,
      ${median(completion, completed)} AS completion_median,
      ${median(completion, completed, 0.9)} AS completion_p90,
      count(*) FILTER (WHERE ${overdueCondition(scope.now)})::int AS overdue_now
    FROM assignment JOIN submission ON submission.id = assignment.submission_id
    WHERE submission.venue_id = ${scope.venueId} AND ${ofCall(scope, sql.ref('submission.call_id'))}
    GROUP BY GROUPING SETS ((submission.call_id), ())`.execute(db);
  return rows;
}

export interface MonthRow {
  month: string;
  received: number;
  decided: number;
}

/**
 * Received and decided (finally) per calendar month in the report's zone, every month of the days
 * chosen, empty ones included. Without a start: from the first submission's month, ten years at most.
 */
export async function countMonths(db: Database, scope: ReportScope): Promise<MonthRow[]> {
  const zone = scope.timeZone;
  const localMonth = (at: RawBuilder<unknown>) => sql`date_trunc('month', ${at} AT TIME ZONE ${zone})`;
  const last = scope.to === null ? sql`${scope.now}::timestamptz` : sql`(${toAt(scope)} - interval '1 second')`;
  const first =
    scope.from === null
      ? sql`greatest(
          (SELECT min(submitted_at) FROM submission
           WHERE venue_id = ${scope.venueId} AND ${ofCall(scope, sql.ref('call_id'))}),
          ${last} - interval '10 years')`
      : fromAt(scope);
  const { rows } = await sql<MonthRow>`
    WITH months AS (
      SELECT generate_series(${localMonth(first)}, ${localMonth(last)}, interval '1 month') AS month
    ),
    received AS (
      SELECT ${localMonth(sql.ref('submitted_at'))} AS month, count(*)::int AS n
      FROM submission
      WHERE venue_id = ${scope.venueId} AND submitted_at IS NOT NULL AND ${ofCall(scope, sql.ref('call_id'))}
        AND ${inRange(scope, sql.ref('submitted_at'))}
      GROUP BY 1
    ),
    decided AS (
      SELECT ${localMonth(sql.ref('final_at'))} AS month, count(*)::int AS n
      FROM ${decidedSubmissions(scope)} d
      WHERE final_at IS NOT NULL AND ${inRange(scope, sql.ref('final_at'))}
      GROUP BY 1
    )
    SELECT to_char(months.month, 'YYYY-MM') AS month,
      coalesce(received.n, 0)::int AS received, coalesce(decided.n, 0)::int AS decided
    FROM months
      LEFT JOIN received ON received.month = months.month
      LEFT JOIN decided ON decided.month = months.month
    WHERE months.month IS NOT NULL
    ORDER BY months.month`.execute(db);
  return rows;
}

/** The venue's calls, oldest first, for the filter and the rows' titles. */
export async function loadVenueCalls(db: Database, venueId: string) {
  return db
    .selectFrom('call')
    .select(['id', 'title'])
    .where('venue_id', '=', venueId)
    .orderBy('opens_at')
    .orderBy('title')
    .execute();
}

export async function loadVenue(db: Database, venueId: string) {
  return db.selectFrom('venue').select(['id', 'name', 'kind', 'slug']).where('id', '=', venueId).executeTakeFirst();
}

/** The call's venue, to tell "another venue's call" from this venue's (both answer 404). */
export async function loadCallVenue(db: Database, callId: string) {
  return db.selectFrom('call').select(['id', 'venue_id']).where('id', '=', callId).executeTakeFirst();
}

export async function loadPersonTimeZone(db: Database, personId: string): Promise<string> {
  const row = await db.selectFrom('person').select('time_zone').where('id', '=', personId).executeTakeFirst();
  return row?.time_zone ?? 'Europe/London';
}
