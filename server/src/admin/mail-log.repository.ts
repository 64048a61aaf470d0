import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { mailKind } from '../mail-templates/catalogue.ts';
import { containing } from './log-filters.ts';

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
/**
 * The mail log's "show" filter, in the office's words: delivered (sent, or kept here when no mail
 * server is set up), failed (refused, or interrupted so nobody knows), not sent (a reminder that no
 * longer applied when its turn came). No filter: all.
 */
export const mailShownStates = {
  delivered: ['sent', 'captured'],
  failed: ['failed', 'unknown'],
  not_sent: ['skipped'],
} as const;
export const mailShown = z.enum(['all', 'delivered', 'failed', 'not_sent'], {
  message: 'show one of: all, delivered, failed, not_sent',
});

const listColumns = [
  'email_message.id',
  'email_message.to_address',
  'email_message.template',
  'email_message.subject',
  'email_message.status',
  'email_message.attempts',
  'email_message.last_error',
  'email_message.created_at',
  'email_message.delivered_at',
  'person.name as to_name',
  'submission.code as submission_code',
] as const;

// A code as submission-code.ts writes it. E-mails carry no submission id, but every e-mail about a
// submission quotes its code (in the subject, else in the text); the join keeps only real codes.
const quotedCode = sql<string>`coalesce(
  substring(email_message.subject from '[A-Z]{2,8}-[0-9]{4}-[0-9]{3,6}'),
  substring(email_message.text_body from '[A-Z]{2,8}-[0-9]{4}-[0-9]{3,6}'))`;

const withNames = (db: Database) =>
  db
    .selectFrom('email_message')
    .leftJoin('person', 'person.id', 'email_message.person_id')
    .leftJoin('submission', (join) => join.on('submission.code', '=', quotedCode));

type Row = {
  id: string;
  to_address: string;
  to_name: string | null;
  submission_code: string | null;
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
  toName: row.to_name,
  submissionCode: row.submission_code,
  template: row.template,
  kind: mailKind(row.template)?.title ?? null,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  deliveredAt: row.delivered_at?.toISOString() ?? null,
});

/** Newest first; the cursor is "createdAt|id" of the last row shown. */
export async function listMailMessages(
  db: Database,
  filter: { to?: string; code?: string; show?: z.infer<typeof mailShown>; before?: string },
) {
  // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and skip rows.
  let query = withNames(db)
    .select(listColumns)
    .select(
      sql<string>`to_char(email_message.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'cursor_at',
      ),
    )
    .orderBy('email_message.created_at', 'desc')
    .orderBy('email_message.id', 'desc')
    .limit(PAGE + 1);
  if (filter.to) {
    const fragment = containing(filter.to);
    query = query.where((eb) =>
      eb.or([eb('email_message.to_address', 'ilike', fragment), eb('person.name', 'ilike', fragment)]),
    );
  }
  if (filter.code) {
    // Every e-mail quoting the code, not only those whose first code it is; the code (validated:
    // letters, digits, hyphens) must stand alone, so CWEA-2027-017 does not find CWEA-2027-0171.
    const standalone = `(^|[^A-Z0-9-])${filter.code}($|[^0-9-])`;
    query = query.where((eb) =>
      eb.or([eb('email_message.subject', '~', standalone), eb('email_message.text_body', '~', standalone)]),
    );
  }
  if (filter.show && filter.show !== 'all') {
    query = query.where('email_message.status', 'in', mailShownStates[filter.show]);
  }
  const [at, id] = filter.before?.split('|') ?? [];
  if (at && id) {
    query = query.where((eb) =>
      eb.or([
        eb('email_message.created_at', '<', sql<Date>`${at}::timestamptz`),
        eb.and([eb('email_message.created_at', '=', sql<Date>`${at}::timestamptz`), eb('email_message.id', '<', id)]),
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

/**
 * A delivered message's single-use links (an invitation, a password reset, an address to verify,
 * an authorship to confirm) work for whoever holds them, so once the recipient has the message
 * the log shows them masked. A captured one (no SMTP server, as in the demo) keeps them: the log is
 * then the only way to follow them.
 */
export function maskDeliveredLinks(text: string, status: string): string {
  if (status !== 'sent') return text;
  return text
    .replace(/\/invitations\/[^\s/?#]+/g, '/invitations/[link hidden once delivered]')
    .replace(/([?&]token=)[^\s&#]+/g, '$1[hidden once delivered]');
}

export async function getMailMessage(db: Database, id: string) {
  const row = await withNames(db)
    .select([...listColumns, 'email_message.text_body'])
    .where('email_message.id', '=', id)
    .executeTakeFirst();
  return row ? { ...toListed(row), text: maskDeliveredLinks(row.text_body, row.status) } : null;
}
