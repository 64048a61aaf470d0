// The editor's queue for a venue: filter, search, sort, keyset pagination and counts per state.
// This and the author's own pages are the only places where author names appear.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { type SubmissionState, submissionStates } from './submission-state.ts';

const sortKeys = {
  submitted: 'submission.submitted_at',
  code: 'submission.code',
  title: 'submission.title',
  updated: 'submission.updated_at',
} as const;

export const queueQuery = z.object({
  status: z.enum(submissionStates).optional(),
  callId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['submitted', 'code', 'title', 'updated']).default('submitted'),
  order: z.enum(['asc', 'desc']).default('desc'),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.infer<typeof queueQuery>;

type Cursor = { v: string | null; id: string };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    return typeof parsed.id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export async function listEditorQueue(db: Database, venueId: string, editorId: string, query: QueueQuery) {
  // Drafts have no code or submission time yet: they sort by their last change.
  const sort =
    query.status === 'draft' && (query.sort === 'submitted' || query.sort === 'code') ? 'updated' : query.sort;
  const sortColumn = sortKeys[sort];
  const sortType = sort === 'submitted' || sort === 'updated' ? sql.raw('timestamptz') : sql.raw('text');
  // Drafts appear only when asked for (to grant an extension); submissions the editor is an
  // author of never appear, because editors do not handle their own work.
  let base = db
    .selectFrom('submission')
    .where('submission.venue_id', '=', venueId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('submission_author')
            .whereRef('submission_author.submission_id', '=', 'submission.id')
            .where('submission_author.person_id', '=', editorId),
        ),
      ),
    )
    .where('submission.submitter_id', '<>', editorId);
  if (query.callId) base = base.where('submission.call_id', '=', query.callId);
  if (query.categoryId) base = base.where('submission.category_id', '=', query.categoryId);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([eb('submission.code', 'ilike', pattern), eb('submission.title', 'ilike', pattern)]),
    );
  }

  const counts = await base
    .select(['submission.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('submission.status')
    .execute();

  let page = base
    .innerJoin('call', 'call.id', 'submission.call_id')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.title',
      'submission.status',
      'submission.submitted_at',
      'submission.updated_at',
      'call.id as call_id',
      'call.title as call_title',
      'call_category.name as category_name',
      sql<string | null>`${sql.ref(sortColumn)}::text`.as('sort_value'),
    ])
    .$narrowType<{ status: SubmissionState }>()
    .select((eb) =>
      eb
        .selectFrom('submission_author')
        .whereRef('submission_author.submission_id', '=', 'submission.id')
        .select(sql<string[]>`array_agg(name ORDER BY position)`.as('names'))
        .as('author_names'),
    )
    .orderBy(sortColumn, query.order)
    .orderBy('submission.id', query.order)
    .limit(query.limit + 1);
  page = query.status
    ? page.where('submission.status', '=', query.status)
    : page.where('submission.status', '<>', 'draft');

  const cursor = decodeCursor(query.after);
  if (cursor) {
    const op = query.order === 'desc' ? '<' : '>';
    // Row comparison keeps the order stable when many rows share a sort value.
    page = page.where(
      sql<boolean>`(${sql.ref(sortColumn)}, submission.id) ${sql.raw(op)} (${cursor.v}::${sortType}, ${cursor.id}::uuid)`,
    );
  }
  const rows = await page.execute();
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    submissions: shown.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status,
      call: { id: r.call_id, title: r.call_title },
      category: r.category_name,
      authors: r.author_names ?? [],
      submittedAt: r.submitted_at?.toISOString() ?? null,
      updatedAt: r.updated_at.toISOString(),
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<SubmissionState, number>>,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
  };
}
