import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { z } from 'zod';

const PAGE = 100;

const cursorPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** True when the cursor's instant exists (the pattern alone accepts 30 February, which PostgreSQL refuses). */
function realInstant(cursor: string): boolean {
  const [year, month, day, hour, minute, second] = cursorPattern.exec(cursor)!.slice(1).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return (
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day! &&
    date.getUTCHours() === hour! &&
    date.getUTCMinutes() === minute! &&
    date.getUTCSeconds() === second!
  );
}
const damaged = 'this page link is damaged: go back to the first page of the mail log';
/** The page cursor, "createdAt|id" of the last message shown, exactly as nextCursor writes it. */
export const mailCursor = z
  .string()
  .max(100)
  .regex(cursorPattern, { message: damaged, abort: true })
  .refine(realInstant, { message: damaged })
  .optional();
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
  if (at && id) {
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
