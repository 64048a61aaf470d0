// What every test file of the mail worker sets up: a database of its own, in-process SMTP servers
// and deliveries, each closed after its test.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/test/database.ts';
import { createMailTransport, type MailDelivery } from '../src/mail/deliver.ts';
import { memoryLogger } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export function mailTestBed() {
  let t: TestDatabase;
  const closers: Array<() => Promise<void> | void> = [];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    // Newest first: a delivery's pooled connections close before the SMTP server waits them out.
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await t.drop();
  });
  return {
    get db() {
      return t.db;
    },
    get url() {
      return t.url;
    },
    async smtp(options?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
      const server = await startSmtpServer(options);
      closers.push(() => server.close());
      return server;
    },
    /** A delivery through `smtpUrl` (none: captured), its log lines kept; `now` fixes its clock. */
    delivery(smtpUrl: string | undefined, now?: Date): MailDelivery & { lines: string[] } {
      const transport = createMailTransport(smtpUrl);
      closers.push(() => transport?.close());
      const { logger, lines } = memoryLogger();
      return {
        db: t.db,
        transport,
        from: 'GAPS Test <no-reply@test.example>',
        messageIdDomain: 'submit.test.example',
        logger,
        lines,
        ...(now ? { now: () => now } : {}),
      };
    },
    /** The message as stored now. */
    message(id: string) {
      return t.db.selectFrom('email_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
  };
}
