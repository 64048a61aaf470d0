// E-mail in the test system is captured in the email_message table (no SMTP): tests read the
// links people would click from the stored text.
import type { Database } from '@gaps/db';
import { expect } from 'vitest';

/** The newest link to `pagePath` (e.g. "/verify-email") in mail sent to `to`. */
export async function linkFromMail(db: Database, to: string, pagePath: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = await db
          .selectFrom('email_message')
          .select(['text_body'])
          .where('to_address', '=', to)
          .orderBy('created_at', 'desc')
          .execute();
        for (const message of messages) {
          const match = message.text_body.match(
            new RegExp(`https?://\\S+${pagePath.replace('/', '\\/')}\\?token=[^\\s]+`),
          );
          if (match) {
            link = match[0];
            return true;
          }
        }
        return false;
      },
      { timeout: 10_000, message: `an e-mail to ${to} with a ${pagePath} link` },
    )
    .toBe(true);
  return link!;
}
