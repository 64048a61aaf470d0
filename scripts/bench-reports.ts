// `npm run bench:reports`: a venue's report over 100,000 submissions, timed as the page asks for it
// (all calls, one call, one year). Prints the figures. Target: each report under 1 s on 2 cores.
//
// The data, in a scratch database (generate_series): one journal with five calls, 100,000
// submissions sent over three years in every state, 200,000 assignments (answered, declined,
// expired, completed, some overdue), a decision for most of those decided (one in twenty
// rescinded and decided again), and 5,000 rejections without review from before decisions were
// recorded. A second venue of the same size shares the tables, as the charity's would.
import os from 'node:os';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { sql } from 'kysely';
import { buildReport } from '../server/src/reports/report.service.ts';
import { resolvePostgres } from './services.ts';

const SUBMISSIONS = 100_000;
const line = (text = '') => process.stdout.write(`${text}\n`);

const postgres = await resolvePostgres('postgres');
const dbName = `gaps_bench_reports_${process.pid}`;
const admin = createDatabase(postgres.url, { max: 1 });
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin);
const dbUrl = Object.assign(new URL(postgres.url), { pathname: `/${dbName}` }).toString();
const db = createDatabase(dbUrl, { max: 8 });
const now = new Date();

try {
  line(`bench:reports: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
  await migrateToLatest(db);
  let started = Date.now();
  const venues = [await seed('bench', 'BR'), await seed('other', 'OT')];
  await sql`ANALYZE`.execute(db);
  line(`seeded 2 venues × ${SUBMISSIONS.toLocaleString('en-GB')} submissions in ${Date.now() - started} ms`);
  const venue = venues[0]!;
  const calls = await db.selectFrom('call').select('id').where('venue_id', '=', venue.id).execute();
  const year = now.getUTCFullYear() - 1;
  const cases = [
    { label: 'all calls, all time', callId: null, from: null, to: null },
    { label: 'one call, all time', callId: calls[0]!.id, from: null, to: null },
    { label: `all calls, ${year}`, callId: null, from: `${year}-01-01`, to: `${year}-12-31` },
  ];
  for (const scope of cases) {
    const times: number[] = [];
    let report: Awaited<ReturnType<typeof buildReport>> | null = null;
    for (let run = 0; run < 3; run += 1) {
      started = performance.now();
      report = await buildReport(db, venue, { venueId: venue.id, timeZone: 'Europe/London', now, ...scope });
      times.push(performance.now() - started);
    }
    const t = report!.total;
    line(
      `${scope.label}: ${Math.min(...times).toFixed(0)} ms (best of 3; first ${times[0]!.toFixed(0)} ms, target < 1000 ms) — ` +
        `received ${t.received}, decided ${t.decided}, acceptance ${t.acceptanceRate}, first decision median ` +
        `${t.firstDecision.medianDays} d, answer median ${t.reviewerResponse.medianDays} d (p90 ${t.reviewerResponse.p90Days}), ` +
        `completion median ${t.reviewCompletion.medianDays} d, overdue now ${t.overdueNow}, ${report!.months.length} months`,
    );
  }
} finally {
  await db.destroy();
  await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin);
  await admin.destroy();
  await postgres.stop();
}

async function seed(slug: string, prefix: string) {
  const venue = await db
    .insertInto('venue')
    .values({ slug, name: `Bench ${slug}`, kind: 'journal', code_prefix: prefix })
    .returning(['id', 'name', 'kind'])
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO call (venue_id, slug, title) SELECT ${venue.id}, 'call-' || i, 'Call ' || i FROM generate_series(1, 5) i`.execute(
    db,
  );
  await sql`
    INSERT INTO person (email, name, email_verified_at)
    VALUES (${`author@${slug}.example.org`}, 'Bench author', now()) ON CONFLICT DO NOTHING`.execute(db);
  // States by i % 20: 0–9 decided, 10–11 desk rejected, 12–14 in review, 15 screening, 16 submitted,
  // 17 revision requested, 18 withdrawn, 19 draft.
  await sql`
    WITH calls AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM call WHERE venue_id = ${venue.id}),
    author AS (SELECT id FROM person WHERE email = ${`author@${slug}.example.org`})
    INSERT INTO submission (call_id, venue_id, submitter_id, status, title, code, code_number, code_year, submitted_at, updated_at)
    SELECT calls.id, ${venue.id}, author.id,
      (ARRAY['decided','decided','decided','decided','decided','decided','decided','decided','decided','decided',
        'desk_rejected','desk_rejected','in_review','in_review','in_review','screening','submitted',
        'revision_requested','withdrawn','draft'])[1 + i % 20],
      'A paper ' || i, ${prefix} || '-' || i, i, 2031,
      CASE WHEN i % 20 = 19 THEN NULL ELSE ${now}::timestamptz - ((hashtext(i::text) & 1023) * interval '1 day') END,
      ${now}::timestamptz
    FROM author, generate_series(1, ${SUBMISSIONS}) i JOIN calls ON calls.n = i % 5`.execute(db);
  await sql`
    INSERT INTO decision (submission_id, round, outcome, decided_at, rescinded_at)
    SELECT s.id, 1, (ARRAY['accept','reject','reject','minor_revision','major_revision'])[1 + s.code_number % 5],
      s.submitted_at + ((s.code_number % 90) + 5) * interval '1 day',
      CASE WHEN s.code_number % 20 = 0 THEN s.submitted_at + interval '100 days' END
    FROM submission s WHERE s.venue_id = ${venue.id} AND s.status IN ('decided', 'revision_requested')`.execute(db);
  await sql`
    INSERT INTO decision (submission_id, round, outcome, decided_at)
    SELECT s.id, 1, 'reject', s.submitted_at + interval '101 days'
    FROM submission s WHERE s.venue_id = ${venue.id} AND s.status = 'decided' AND s.code_number % 20 = 0`.execute(db);
  await sql`
    INSERT INTO decision (submission_id, round, outcome, decided_at)
    SELECT s.id, 1, 'desk_reject', s.submitted_at + interval '3 days'
    FROM submission s WHERE s.venue_id = ${venue.id} AND s.status = 'desk_rejected' AND s.code_number % 20 = 10`.execute(
    db,
  );
  await sql`
    INSERT INTO editor_message (submission_id, kind, message, sent_at)
    SELECT s.id, 'desk_rejected', 'Out of scope.', s.submitted_at + interval '2 days'
    FROM submission s WHERE s.venue_id = ${venue.id} AND s.status = 'desk_rejected'`.execute(db);
  await sql`
    INSERT INTO person (email, name, email_verified_at)
    SELECT 'reviewer-' || i || ${`@${slug}.example.org`}, 'Reviewer ' || i, now() FROM generate_series(1, 2000) i`.execute(
    db,
  );
  await sql`
    WITH reviewers AS (
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM person WHERE email LIKE ${`reviewer-%@${slug}.example.org`}
    )
    INSERT INTO assignment (submission_id, reviewer_id, round, reviewer_number, status, invited_at, responded_at,
      submitted_at, due_at, expired_at)
    SELECT s.id, reviewers.id, 1, k,
      (ARRAY['submitted','submitted','declined','expired','accepted'])[1 + (s.code_number + k) % 5],
      s.submitted_at + interval '3 days',
      CASE WHEN (s.code_number + k) % 5 <> 3 THEN s.submitted_at + ((3 + (s.code_number + k) % 11) * interval '1 day') END,
      CASE WHEN (s.code_number + k) % 5 < 2 THEN s.submitted_at + ((20 + (s.code_number * k) % 40) * interval '1 day') END,
      s.submitted_at + interval '45 days',
      CASE WHEN (s.code_number + k) % 5 = 3 THEN s.submitted_at + interval '17 days' END
    FROM submission s CROSS JOIN generate_series(1, 2) k
    JOIN reviewers ON reviewers.n = (s.code_number * 2 + k) % 2000
    WHERE s.venue_id = ${venue.id} AND s.submitted_at IS NOT NULL`.execute(db);
  return venue;
}
