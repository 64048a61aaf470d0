import type { Database } from '@gaps/db';

/** The token of the newest link to `page` e-mailed to `email` (the outbox keeps every message). */
export async function lastLinkTo(db: Database, email: string, page: string): Promise<string> {
  const message = await db
    .selectFrom('email_message')
    .select('text_body')
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const match = message.text_body.match(new RegExp(`http://localhost:3000/${page}\\?token=([^\\s&]+)`));
  if (!match) throw new Error(`no ${page} link in: ${message.text_body}`);
  return decodeURIComponent(match[1]!);
}
