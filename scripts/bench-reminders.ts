// `npm run bench:reminders`: one reminder sweep over 100,000 open assignments, and 1,000 messages
// delivered through the real outbox relay and mail worker to an SMTP server in this process.
// Targets (issue 11): the sweep under 2 s; the 1,000 messages under 30 s. Prints the figures.
//
// The data, in a scratch database (generate_series): 20,000 reviewers in five zones, 50,000
// submissions under review with two assignments each, 30% still invited (sent in the last 14 days),
// 70% accepted with due dates from 30 days ago to 30 days ahead, 1% paused. Each has the reminders
// the previous sweep (15 minutes earlier) would have written, found by the sweep's own rule, so the
// timed sweep does what a real one does: reads everything, writes the few that fell due since.
import os from 'node:os';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { queueMail } from '@gaps/workers/shared';
import { startWorkers } from '@gaps/workers/start-workers';
import { startSmtpServer, testConfig } from '@gaps/workers/testing';
import { sql } from 'kysely';
import pino from 'pino';
import { loadReminderSubjects } from '../server/src/reminders/assignment-facts.ts';
import { reminderDue } from '../server/src/reminders/schedule.ts';
import { runSweep } from '../server/src/reminders/sweep.ts';
import { resolvePostgres, resolveRedis } from './services.ts';

const ASSIGNMENTS = 100_000;
const MESSAGES = 1_000;
const line = (text = '') => process.stdout.write(`${text}\n`);

const postgres = await resolvePostgres('postgres');
const redisService = await resolveRedis();
const dbName = `gaps_bench_reminders_${process.pid}`;
const admin = createDatabase(postgres.url, { max: 1 });
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin);
const dbUrl = Object.assign(new URL(postgres.url), { pathname: `/${dbName}` }).toString();
const db = createDatabase(dbUrl, { max: 4 });
const now = new Date();

try {
  line(`bench:reminders: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
  await migrateToLatest(db);
  let started = Date.now();
  await seed();
  line(`seeded ${ASSIGNMENTS.toLocaleString('en-GB')} open assignments in ${Date.now() - started} ms`);

  // The previous sweep, 15 minutes ago: its keys, found by the same rule (no messages needed).
  started = Date.now();
  const before = new Date(now.getTime() - 15 * 60_000);
  const keys = (await loadReminderSubjects(db)).flatMap((s) => {
    const slot = reminderDue(s.facts, s.policy, [], before);
    return slot
      ? [
          {
            assignment_id: s.facts.id,
            reason: slot.kind,
            sequence: slot.occurrence,
            anchor_at: slot.anchor,
            sent_at: before,
          },
        ]
      : [];
  });
  for (let i = 0; i < keys.length; i += 5_000)
    await db
      .insertInto('reminder_sent')
      .values(keys.slice(i, i + 5_000))
      .execute();
  await sql`ANALYZE`.execute(db);
  line(`the previous sweep's ${keys.length.toLocaleString('en-GB')} reminders recorded in ${Date.now() - started} ms`);

  started = Date.now();
  const summary = await runSweep(db, { now, publicUrl: 'http://localhost:3000' });
  const sweepMs = Date.now() - started;
  const written =
    summary.invitation_reminder + summary.invitation_expired + summary.due_soon + summary.overdue + summary.escalation;
  line(
    `sweep: ${summary.read.toLocaleString('en-GB')} rows read, ${summary.due} due, ${written} reminders written ` +
      `(${summary.invitation_reminder} to answer, ${summary.invitation_expired} expiries, ${summary.due_soon} due soon, ` +
      `${summary.overdue} overdue, ${summary.escalation} escalations) in ${sweepMs} ms (target < 2000 ms)`,
  );
  started = Date.now();
  const again = await runSweep(db, { now, publicUrl: 'http://localhost:3000' });
  line(
    `the same sweep again (nothing left to write): ${again.read.toLocaleString('en-GB')} rows read in ${Date.now() - started} ms`,
  );

  // Fill the outbox to 1,000 reminder messages, then let the real relay and mail worker send them.
  const pending = Number(
    (
      await db
        .selectFrom('email_message')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ).n,
  );
  for (let i = pending; i < MESSAGES; i += 1) {
    await queueMail(db, {
      to: `reader-${i}@bench.example.org`,
      template: 'reminder.due_soon',
      subject: `Reminder: your review of BR-${i} is due on 1 January 2032 at 09:00 (Europe/London time)`,
      text: `Dear Reviewer,\n\nA reminder that your review is due.\n\nhttp://localhost:3000/invitations/${'x'.repeat(43)}\n`,
    });
  }
  const smtp = await startSmtpServer();
  const queuePrefix = `bench-reminders-${process.pid}`;
  started = Date.now();
  const workers = await startWorkers(
    testConfig({
      DATABASE_URL: dbUrl,
      REDIS_URL: redisService.url,
      QUEUE_PREFIX: queuePrefix,
      SMTP_URL: smtp.url,
      WORKER_CONCURRENCY: '8',
    }),
    { logger: pino({ level: 'silent' }) },
  );
  for (;;) {
    const left = await db
      .selectFrom('email_message')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', 'not in', ['sent', 'failed', 'skipped'])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    if (Date.now() - started > 300_000) throw new Error(`${left.n} messages still not delivered after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const mailMs = Date.now() - started;
  line(
    `mail: ${smtp.received.length} messages delivered to the local SMTP server in ${(mailMs / 1000).toFixed(1)} s ` +
      `(target < 30 s; relay poll 50 ms, WORKER_CONCURRENCY 8)`,
  );
  await workers.stop();
  await smtp.close();
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisService.url);
  const queueKeys = await redis.keys(`${queuePrefix}:*`);
  if (queueKeys.length) await redis.del(...queueKeys);
  redis.disconnect();
} finally {
  await db.destroy();
  await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin);
  await admin.destroy();
  await postgres.stop();
  await redisService.stop();
}

async function seed() {
  await sql`
    WITH venue AS (
      INSERT INTO venue (slug, name, kind, code_prefix, contact_email)
      VALUES ('bench', 'Bench journal', 'journal', 'BR', 'editors@bench.example.org') RETURNING id
    ), call AS (
      INSERT INTO call (venue_id, slug, title) SELECT id, 'open', 'Open call' FROM venue RETURNING id, venue_id
    ), author AS (
      INSERT INTO person (email, name, email_verified_at) VALUES ('author@bench.example.org', 'Bench author', now())
      RETURNING id
    )
    INSERT INTO submission (call_id, venue_id, submitter_id, status, title, code, code_number, code_year, submitted_at)
    SELECT call.id, call.venue_id, author.id, 'in_review', 'A paper ' || i, 'BR-' || i, i, 2031, now() - interval '40 days'
    FROM call, author, generate_series(1, ${ASSIGNMENTS / 2}) i`.execute(db);
  await sql`
    INSERT INTO person (email, name, time_zone, email_verified_at)
    SELECT 'reviewer-' || i || '@bench.example.org', 'Reviewer ' || i,
      (ARRAY['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Auckland'])[1 + i % 5],
      now()
    FROM generate_series(1, 20000) i`.execute(db);
  await sql`
    WITH reviewers AS (
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM person WHERE email LIKE 'reviewer-%'
    ), spread AS (
      SELECT i, (hashtext(i::text) & 2147483647) / 2147483647.0 AS r FROM generate_series(0, ${ASSIGNMENTS - 1}) i
    )
    INSERT INTO assignment (submission_id, reviewer_id, round, reviewer_number, status, invited_at, responded_at, due_at,
      reminders_paused_from, reminders_paused_until)
    SELECT s.id, reviewers.id, 1, 1 + spread.i % 2,
      CASE WHEN spread.i % 10 < 3 THEN 'invited' ELSE 'accepted' END,
      CASE WHEN spread.i % 10 < 3 THEN ${now}::timestamptz - spread.r * interval '14 days'
           ELSE ${now}::timestamptz - interval '70 days' + spread.r * interval '40 days' END,
      CASE WHEN spread.i % 10 < 3 THEN NULL
           ELSE ${now}::timestamptz - interval '69 days' + spread.r * interval '40 days' END,
      ${now}::timestamptz - interval '30 days' + spread.r * interval '60 days',
      CASE WHEN spread.i % 100 = 7 THEN ${now}::timestamptz - interval '2 days' END,
      CASE WHEN spread.i % 100 = 7 THEN ${now}::timestamptz + interval '5 days' END
    FROM spread
    JOIN submission s ON s.code_number = 1 + spread.i / 2
    JOIN reviewers ON reviewers.n = spread.i % 20000`.execute(db);
}
