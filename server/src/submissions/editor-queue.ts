// The editor's queue for a venue: filter, search, sort, keyset pagination and counts per state.
// This and the author's own pages are the only places where author names appear.
// Every page costs the page, not the venue: each sort order has an index (migration
// 2026-11-30T2032), the counts come from the kept submission_state_count, and search uses
// trigram indexes. `npm run bench:api` measures it and prints the plans.

import type { Database, DB } from '@gaps/db';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { fromAwardColumn } from '../awards/journal/from-award.ts';
import { entrantWithheldColumn } from '../blinding/award-entrant.ts';
import { type EditorQueuePage, type QueueRow, toQueueRowView } from '../blinding/project-submission-list.ts';
import { authoredBy, notAuthoredBy } from '../policy/own-submissions.ts';
import { cursorTimestampFormat, decodeCursor, encodeCursor, type PageCursor } from './page-cursor.ts';
import { type SubmissionState, submissionStates } from './submission-state.ts';

const sortKeys = {
  submitted: { column: 'submission.submitted_at', type: 'timestamp', nullable: true },
  code: { column: 'submission.code', type: 'text', nullable: true },
  title: { column: 'submission.title', type: 'text', nullable: false },
  updated: { column: 'submission.updated_at', type: 'timestamp', nullable: false },
} as const;
type SortKey = keyof typeof sortKeys;

export const queueQuery = z.object({
  status: z.enum(submissionStates).optional(),
  callId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(), // a NUL byte is refused for every field by plugins/no-nul.ts
  sort: z.enum(['submitted', 'code', 'title', 'updated']).default('submitted'),
  order: z.enum(['asc', 'desc']).default('desc'),
  after: z.string().max(1500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export async function listEditorQueue(
  db: Database,
  venueId: string,
  editorId: string,
  query: QueueQuery,
): Promise<EditorQueuePage> {
  // Drafts have no code or submission time yet: they sort by their last change.
  const sort: SortKey =
    query.status === 'draft' && (query.sort === 'submitted' || query.sort === 'code') ? 'updated' : query.sort;
  const key = sortKeys[sort];
  const cursor = decodeCursor(query.after, sort, key.type);
  const [rows, counts] = await Promise.all([
    readPage(db, venueId, editorId, query, sort, cursor),
    countPerState(db, venueId, editorId, query),
  ]);
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    submissions: shown.map(toQueueRowView),
    counts,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : null,
  };
}

function filtered(db: Database, venueId: string, editorId: string, query: QueueQuery) {
  let base = db.selectFrom('submission').where('submission.venue_id', '=', venueId).where(notAuthoredBy(db, editorId));
  if (query.callId) base = base.where('submission.call_id', '=', query.callId);
  if (query.categoryId) base = base.where('submission.category_id', '=', query.categoryId);
  if (query.q) base = base.where(matches(query.q));
  return base;
}

function matches(q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb: ExpressionBuilder<DB, 'submission'>) =>
    eb.or([eb('submission.code', 'ilike', pattern), eb('submission.title', 'ilike', pattern)]);
}

async function readPage(
  db: Database,
  venueId: string,
  editorId: string,
  query: QueueQuery,
  sort: SortKey,
  cursor: PageCursor | null,
): Promise<Array<QueueRow & { sort_value: string | null }>> {
  const key = sortKeys[sort];
  const column = sql.ref(key.column);
  const rendered =
    key.type === 'timestamp'
      ? sql<string | null>`to_char(${column} AT TIME ZONE 'UTC', ${sql.lit(cursorTimestampFormat)})`
      : sql<string | null>`${column}`;
  let page = filtered(db, venueId, editorId, query)
    .innerJoin('call', 'call.id', 'submission.call_id')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.title',
      'submission.status',
      'submission.production_status',
      'submission.submitted_at',
      'submission.updated_at',
      'call.id as call_id',
      'call.title as call_title',
      'call_category.name as category_name',
      rendered.as('sort_value'),
      fromAwardColumn.as('from_award'),
      (eb) => entrantWithheldColumn(eb).as('entrant_withheld'),
    ])
    .$narrowType<{ status: SubmissionState }>()
    .select((eb) =>
      eb
        .selectFrom('submission_author')
        .whereRef('submission_author.submission_id', '=', 'submission.id')
        .select(sql<string[]>`array_agg(name ORDER BY position)`.as('names'))
        .as('author_names'),
    )
    .orderBy(key.column, query.order)
    .orderBy('submission.id', query.order);
  page = query.status
    ? page.where('submission.status', '=', query.status)
    : page.where('submission.status', '<>', 'draft');

  // PostgreSQL sorts nulls (withdrawn drafts have no code or submission time) last when
  // ascending and first when descending, as the indexes store them. Each condition below is one
  // index range in that order; a page that crosses from one part to the other reads the next.
  const parts = cursor ? after(cursor, key.column, key.type, query.order) : [null];
  const wanted = query.limit + 1;
  const rows: Array<QueueRow & { sort_value: string | null }> = [];
  for (const part of parts) {
    const found = await (part ? page.where(part) : page).limit(wanted - rows.length).execute();
    rows.push(...found);
    if (rows.length >= wanted) break;
  }
  return rows;
}

/** The conditions, in order, that select the rows after `cursor`. */
function after(
  cursor: PageCursor,
  column: string,
  type: 'timestamp' | 'text',
  order: 'asc' | 'desc',
): Expression<SqlBool>[] {
  const ref = sql.ref(column);
  const op = sql.raw(order === 'desc' ? '<' : '>');
  const id = sql`${cursor.id}::uuid`;
  if (cursor.value === null) {
    const restOfNulls = sql<SqlBool>`${ref} IS NULL AND submission.id ${op} ${id}`;
    return order === 'desc' ? [restOfNulls, sql<SqlBool>`${ref} IS NOT NULL`] : [restOfNulls];
  }
  const value = type === 'timestamp' ? sql`${cursor.value}::timestamptz` : sql`${cursor.value}::text`;
  // Row comparison keeps the order stable when many rows share a sort value.
  const rest = sql<SqlBool>`(${ref}, submission.id) ${op} (${value}, ${id})`;
  return order === 'asc' ? [rest, sql<SqlBool>`${ref} IS NULL`] : [rest];
}

/**
 * Submissions per state under the call, category and search filters. Without a search they come
 * from the kept counts (a few rows) less the editor's own submissions (a few index lookups);
 * a search counts its matches through the trigram indexes.
 */
async function countPerState(db: Database, venueId: string, editorId: string, query: QueueQuery) {
  let rows: Array<{ status: string; n: number }>;
  if (query.q) {
    rows = await filtered(db, venueId, editorId, query)
      .select(['submission.status', sql<number>`count(*)::int`.as('n')])
      .groupBy('submission.status')
      .execute();
  } else {
    let kept = db
      .selectFrom('submission_state_count')
      .select(['status', sql<number>`n`.as('n')])
      .where('venue_id', '=', venueId);
    let own = db
      .selectFrom('submission')
      .select(['submission.status', sql<number>`-count(*)`.as('n')])
      .where(authoredBy(db, editorId))
      .where('submission.venue_id', '=', venueId)
      .groupBy('submission.status');
    if (query.callId) {
      kept = kept.where('call_id', '=', query.callId);
      own = own.where('submission.call_id', '=', query.callId);
    }
    if (query.categoryId) {
      kept = kept.where('category_id', '=', query.categoryId);
      own = own.where('submission.category_id', '=', query.categoryId);
    }
    rows = await db
      .selectFrom(kept.unionAll(own).as('counted'))
      .select(['counted.status', sql<number>`sum(counted.n)::int`.as('n')])
      .groupBy('counted.status')
      .having(sql<number>`sum(counted.n)`, '>', 0)
      .execute();
  }
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.status, r.n])) as EditorQueuePage['counts'];
}
