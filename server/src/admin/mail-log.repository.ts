import type { Database } from '@gaps/db';
import { sql } from 'kysely';

const PAGE = 100;
const listColumns = [
  'id',
  'to_address',
  'template',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'delivered_at',
] as const;

type Row = {
  id: string;
  to_address: string;
  template: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
};

const toListed = (row: Row) => ({
  id: row.id,
  to: row.to_address,
  template: row.template,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  deliveredAt: row.delivered_at?.toISOString() ?? null,
});

/** Newest first; the cursor is "createdAt|id" of the last row shown. */
export async function listMailMessages(db: Database, filter: { to?: string; before?: string }) {
  // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and skip rows.
  let query = db
    .selectFrom('email_message')
    .select(listColumns)
    .select(sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE + 1);
  if (filter.to) query = query.where('to_address', 'ilike', `%${filter.to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [at, id] = filter.before?.split('|') ?? [];
  if (at && id && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/.test(id)) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', sql<Date>`${at}::timestamptz`),
        eb.and([eb('created_at', '=', sql<Date>`${at}::timestamptz`), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    messages: page.map(toListed),
    nextCursor: rows.length > PAGE && last ? `${last.cursor_at}|${last.id}` : null,
  };
}

export async function getMailMessage(db: Database, id: string) {
  const row = await db
    .selectFrom('email_message')
    .select([...listColumns, 'text_body'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...toListed(row), text: row.text_body } : null;
}
