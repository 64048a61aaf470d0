// Runs one deliverMail in a process of its own, so a test can kill it while the mail server answers.
// env: DATABASE_URL, SMTP_URL, EMAIL_MESSAGE_ID.
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import pino from 'pino';
import { createMailTransport, deliverMail } from '../src/mail/deliver.ts';

const db = createDatabase(process.env.DATABASE_URL!, { max: 2 });
const transport = createMailTransport(process.env.SMTP_URL);
const outcome = await deliverMail(
  {
    db,
    transport,
    from: 'GAPS Test <no-reply@test.example>',
    messageIdDomain: 'submit.test.example',
    logger: pino({ level: 'silent' }),
  },
  process.env.EMAIL_MESSAGE_ID!,
);
process.stdout.write(`${outcome}\n`);
transport?.close();
await db.destroy();
