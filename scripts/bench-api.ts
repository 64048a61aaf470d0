// `npm run bench:api [-- --quick]`: load-tests the editor's queue and My submissions on a real
// server process (production logging) against a bare Fastify + pg route running the same queries,
// at 10,000 and then 100,000 seeded submissions, with 50 and 200 concurrent clients on loopback.
// Prints throughput, p50, p99 and the ratio to the bare route, EXPLAIN (ANALYZE) summaries of every
// query, and how long after a 200-client burst /api/health answers 200 again. `--quick` (or
// BENCH_QUICK=1): 10,000 submissions, 50 clients, 2 s per run, for a smoke test under a minute.
// Targets (issue 8): p99 < 50 ms at 10,000 and < 100 ms at 100,000; at least half the bare
// route's throughput; no sort or scan proportional to the table in any plan.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import type { DB } from '@gaps/db';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { writeHeartbeat } from '@gaps/workers/shared';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { hashToken } from '../server/src/accounts/tokens.ts';
import { listEditorQueue, queueQuery } from '../server/src/submissions/editor-queue.ts';
import { listMySubmissions, mySubmissionsQuery } from '../server/src/submissions/my-submissions.ts';
import { projectRoot, resolvePostgres, resolveRedis } from './services.ts';

/** The bench reads My submissions as a plain author. */
const asViewer = (personId: string) => ({ personId, email: '', name: '', isAdmin: false, editorOfVenueIds: [] });

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const sizes = quick ? [10_000] : [10_000, 100_000];
const clientCounts = quick ? [50] : [50, 200];
const seconds = quick ? 2 : 5;
const burstSeconds = quick ? 3 : 10;

const work = mkdtempSync(path.join(tmpdir(), 'gaps-bench-api-'));
const postgres = await resolvePostgres('postgres');
const redisService = await resolveRedis();
const dbName = `gaps_bench_api_${process.pid}`;
const admin = createDatabase(postgres.url, { max: 1 });
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin);
const dbUrl = Object.assign(new URL(postgres.url), { pathname: `/${dbName}` }).toString();
const db = createDatabase(dbUrl, { max: 2 });
const queuePrefix = `bench-api-${process.pid}`;
const redis = new Redis(redisService.url, { maxRetriesPerRequest: 1 });
const children: ChildProcess[] = [];
let heartbeat: NodeJS.Timeout | undefined;

const line = (text = '') => process.stdout.write(`${text}\n`);
const load = () => os.loadavg()[0]!.toFixed(1);
function ms(value: number) {
  return `${value.toFixed(0)}ms`.padStart(6);
}

try {
  const startedAt = Date.now();
  line(
    `bench:api${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await migrateToLatest(db);
  const fixture = await seedPeople();
  // The API's health needs the workers' heartbeat; no workers run here, so the bench keeps it fresh.
  await writeHeartbeat(redis, queuePrefix);
  heartbeat = setInterval(() => void writeHeartbeat(redis, queuePrefix).catch(() => {}), 5_000);

  const appPort = await freePort();
  const barePort = await freePort();
  children.push(
    spawn(process.execPath, ['server/src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: dbUrl,
        REDIS_URL: redisService.url,
        PORT: String(appPort),
        HOST: '127.0.0.1',
        DATA_DIR: work,
        QUEUE_PREFIX: queuePrefix,
      },
      // Production writes its JSON log lines somewhere; /dev/null keeps the disk out of the figures.
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
    spawn(process.execPath, ['scripts/bench-api-bare.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: String(barePort),
        VENUE_ID: fixture.venueId,
        EDITOR_ID: fixture.editorId,
        PERSON_ID: fixture.authorId,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const app = `http://127.0.0.1:${appPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  await waitFor(async () => (await fetch(`${app}/api/health`).catch(() => null))?.status === 200);
  await waitFor(async () => (await fetch(`${bare}/mine`).catch(() => null))?.ok ?? false);

  let seeded = 0;
  for (const size of sizes) {
    const began = Date.now();
    await seedSubmissions(fixture, seeded + 1, size);
    seeded = size;
    await sql`ANALYZE`.execute(db);
    line();
    line(`== ${size.toLocaleString('en-GB')} submissions (seeded in ${((Date.now() - began) / 1000).toFixed(1)} s)`);

    const editorCookie = { cookie: `gaps_session=${fixture.editorToken}` };
    const authorCookie = { cookie: `gaps_session=${fixture.authorToken}` };
    const deepCursor = await cursorAtDepth(app, fixture.venueId, editorCookie, 40);
    const filter = `status=screening&categoryId=${fixture.categoryIds[0]}`;
    const endpoints = [
      {
        name: 'queue: first page',
        app: `/api/venues/${fixture.venueId}/submissions`,
        bare: '/queue',
        headers: editorCookie,
      },
      {
        name: 'queue: state + category',
        app: `/api/venues/${fixture.venueId}/submissions?${filter}`,
        bare: `/queue?${filter}`,
        headers: editorCookie,
      },
      {
        name: 'queue: page 41 (keyset)',
        app: `/api/venues/${fixture.venueId}/submissions?after=${deepCursor}`,
        bare: `/queue?after=${deepCursor}`,
        headers: editorCookie,
      },
      { name: 'My submissions', app: '/api/me/submissions', bare: '/mine', headers: authorCookie },
    ];

    line(
      `${'endpoint'.padEnd(26)}${'clients'.padStart(8)} | ${'app req/s'.padStart(9)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'non-2xx'.padStart(8)} | ${'bare req/s'.padStart(10)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} | ratio  load`,
    );
    for (const clients of clientCounts) {
      for (const endpoint of endpoints) {
        const loadBefore = load();
        const ours = await hammer(`${app}${endpoint.app}`, clients, seconds, endpoint.headers);
        const theirs = await hammer(`${bare}${endpoint.bare}`, clients, seconds, {});
        const ratio = theirs.perSecond ? ours.perSecond / theirs.perSecond : 0;
        line(
          `${endpoint.name.padEnd(26)}${String(clients).padStart(8)} | ${ours.perSecond.toFixed(0).padStart(9)} ${ms(ours.p50)} ${ms(ours.p99)} ${String(ours.non2xx).padStart(8)} | ${theirs.perSecond.toFixed(0).padStart(10)} ${ms(theirs.p50)} ${ms(theirs.p99)} | ${ratio.toFixed(2).padStart(5)}  ${loadBefore}→${load()}`,
        );
      }
    }

    line();
    line('query plans (EXPLAIN ANALYZE, the same queries the routes run):');
    await explainAll(dbUrl, fixture, deepCursor);
  }

  line();
  const biggest = sizes.at(-1)!.toLocaleString('en-GB');
  line(
    `recovery: ${burstSeconds} s burst of 200 clients on the queue at ${biggest} submissions, then polling /api/health`,
  );
  const burst = await hammer(`${app}/api/venues/${fixture.venueId}/submissions`, 200, burstSeconds, {
    cookie: `gaps_session=${fixture.editorToken}`,
  });
  const stopped = Date.now();
  line(
    `  during the burst: ${burst.perSecond.toFixed(0)} req/s answered 2xx, p99 ${burst.p99} ms, ${burst.non2xx} non-2xx (503 busy), ${burst.errors} errors; load ${load()}`,
  );
  await waitFor(
    async () =>
      (await fetch(`${app}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.status === 200,
    100,
  );
  line(`  /api/health answered 200 ${((Date.now() - stopped) / 1000).toFixed(2)} s after the burst ended`);
  line();
  line(
    `done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  if (heartbeat) clearInterval(heartbeat);
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
    ),
  );
  redis.disconnect();
  await db.destroy();
  await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin);
  await admin.destroy();
  await postgres.stop();
  await redisService.stop();
  rmSync(work, { recursive: true, force: true });
}

interface Fixture {
  venueId: string;
  callId: string;
  categoryIds: [string, string];
  editorId: string;
  editorToken: string;
  authorId: string;
  authorToken: string;
}

/**
 * One venue and call, an editor and an author with sessions, and 20,000 other authors: about as
 * many submissions per author as a real journal sees (so PostgreSQL's estimates per person are
 * realistic; 200 authors with 500 submissions each would not be).
 */
async function seedPeople(): Promise<Fixture> {
  const venue = await db
    .insertInto('venue')
    .values({ slug: 'bench', name: 'Bench journal', kind: 'journal', code_prefix: 'BNCH' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = await db
    .insertInto('call')
    .values({ venue_id: venue.id, slug: 'open', title: 'Open call' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const categories = await db
    .insertInto('call_category')
    .values([
      { call_id: call.id, position: 1, name: 'Practitioner' },
      { call_id: call.id, position: 2, name: 'Student' },
    ])
    .returning('id')
    .execute();
  await sql`
    INSERT INTO person (email, name, password_hash, email_verified_at)
    SELECT 'author-' || lpad(i::text, 5, '0') || '@bench.example.org', 'Author ' || i, 'not-a-password', now()
    FROM generate_series(1, 20000) i`.execute(db);
  const person = (email: string, name: string) =>
    db
      .insertInto('person')
      .values({ email, name, password_hash: 'not-a-password', email_verified_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
  const editor = await person('editor@bench.example.org', 'Bench editor');
  const author = await person('me@bench.example.org', 'Bench author');
  await db.insertInto('role_grant').values({ person_id: editor.id, role: 'editor', venue_id: venue.id }).execute();
  const session = async (personId: string) => {
    const token = `bench-${personId}`;
    await db
      .insertInto('session')
      .values({ token_hash: hashToken(token), person_id: personId, expires_at: sql`now() + interval '1 day'` })
      .execute();
    return token;
  };
  return {
    venueId: venue.id,
    callId: call.id,
    categoryIds: [categories[0]!.id, categories[1]!.id],
    editorId: editor.id,
    editorToken: await session(editor.id),
    authorId: author.id,
    authorToken: await session(author.id),
  };
}

/**
 * Submissions number `from` to `to`, in SQL: 5 % drafts, 5 % withdrawn, 10 % screening, 5 % in
 * review, the rest submitted; the bench author submits every 500th and co-writes every 700th
 * (linked), the editor co-writes every 10,000th (so the queue must leave it out).
 */
async function seedSubmissions(fixture: Fixture, from: number, to: number) {
  await sql`
    INSERT INTO submission (call_id, venue_id, category_id, submitter_id, status, code, code_year, code_number,
      title, abstract, submitted_at, created_at, updated_at)
    SELECT ${fixture.callId}::uuid, ${fixture.venueId}::uuid,
      CASE WHEN i % 2 = 0 THEN ${fixture.categoryIds[0]}::uuid ELSE ${fixture.categoryIds[1]}::uuid END,
      CASE WHEN i % 500 = 7 THEN ${fixture.authorId}::uuid ELSE authors.ids[1 + i % 20000] END,
      status,
      CASE WHEN status = 'draft' THEN NULL ELSE 'BNCH-2026-' || lpad(i::text, 6, '0') END,
      CASE WHEN status = 'draft' THEN NULL ELSE 2026 END,
      CASE WHEN status = 'draft' THEN NULL ELSE i END,
      'Paper ' || i || ' on ' || (ARRAY['relationship-based practice', 'supervision', 'child protection',
        'reflective practice', 'adult safeguarding', 'community care'])[1 + i % 6],
      'An abstract about practice.',
      CASE WHEN status = 'draft' THEN NULL ELSE timestamptz '2026-01-01' + i * interval '1 minute' END,
      timestamptz '2026-01-01' + i * interval '1 minute',
      timestamptz '2026-01-01' + i * interval '1 minute' + interval '1 hour'
    FROM (
      SELECT i, CASE WHEN i % 20 = 0 THEN 'draft' WHEN i % 20 = 1 THEN 'withdrawn'
        WHEN i % 20 IN (2, 3) THEN 'screening' WHEN i % 20 = 4 THEN 'in_review' ELSE 'submitted' END AS status
      FROM generate_series(${from}::int, ${to}::int) i
    ) numbered,
    (SELECT array_agg(id ORDER BY email) AS ids FROM person WHERE email LIKE 'author-%@bench.example.org') authors
  `.execute(db);
  const since = sql`timestamptz '2026-01-01' + ${from}::int * interval '1 minute'`;
  await sql`
    INSERT INTO submission_author (submission_id, person_id, position, name, email, is_corresponding)
    SELECT s.id, s.submitter_id, 1, p.name, p.email, true
    FROM submission s JOIN person p ON p.id = s.submitter_id
    WHERE s.created_at >= ${since}
  `.execute(db);
  await sql`
    INSERT INTO submission_author (submission_id, person_id, position, name, email)
    SELECT s.id,
      CASE WHEN n.i % 700 = 11 THEN ${fixture.authorId}::uuid WHEN n.i % 10000 = 13 THEN ${fixture.editorId}::uuid END,
      2, 'Co-author ' || n.i,
      CASE WHEN n.i % 700 = 11 THEN 'me@bench.example.org' WHEN n.i % 10000 = 13 THEN 'editor@bench.example.org'
        ELSE 'co-author-' || n.i || '@bench.example.org' END
    FROM submission s,
      LATERAL (SELECT (extract(epoch FROM s.created_at - timestamptz '2026-01-01') / 60)::int AS i) n
    WHERE s.created_at >= ${since} AND (n.i % 3 = 0 OR n.i % 700 = 11 OR n.i % 10000 = 13)
  `.execute(db);
}

async function cursorAtDepth(app: string, venueId: string, headers: Record<string, string>, pages: number) {
  let after = '';
  for (let page = 0; page < pages; page++) {
    const answer = await fetch(`${app}/api/venues/${venueId}/submissions${after ? `?after=${after}` : ''}`, {
      headers,
    });
    const body = (await answer.json()) as { nextCursor: string | null };
    if (!body.nextCursor) break;
    after = body.nextCursor;
  }
  return after;
}

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function hammer(
  url: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
): Promise<Measured> {
  const result = await autocannon({ url, connections, duration, headers, timeout: 10 });
  return {
    perSecond: result['2xx'] / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Runs each route's queries through EXPLAIN (ANALYZE) and prints what they read and sort. */
async function explainAll(url: string, fixture: Fixture, deepCursor: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c jit=off' });
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const capturing = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const scenarios: Array<[string, () => Promise<unknown>]> = [
    ['queue: first page', () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({}))],
    [
      'queue: state + category',
      () =>
        listEditorQueue(
          capturing,
          fixture.venueId,
          fixture.editorId,
          queueQuery.parse({ status: 'screening', categoryId: fixture.categoryIds[0] }),
        ),
    ],
    [
      'queue: page 41 (keyset)',
      () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({ after: deepCursor })),
    ],
    [
      'queue: sorted by title, asc',
      () =>
        listEditorQueue(
          capturing,
          fixture.venueId,
          fixture.editorId,
          queueQuery.parse({ sort: 'title', order: 'asc' }),
        ),
    ],
    [
      'queue: search a code "004321"',
      () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({ q: '004321' })),
    ],
    ['My submissions', () => listMySubmissions(capturing, asViewer(fixture.authorId), mySubmissionsQuery.parse({}))],
  ];
  try {
    for (const [name, run] of scenarios) {
      captured.length = 0;
      await run();
      for (const [index, query] of captured.entries()) {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]);
        const plan = rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number };
        const nodes: PlanNode[] = [];
        const walk = (node: PlanNode) => {
          nodes.push(node);
          for (const child of node.Plans ?? []) walk(child);
        };
        walk(plan.Plan);
        const read = nodes
          .filter((n) => n['Index Name'] || n['Relation Name'])
          .map(
            (n) =>
              `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']} (${n['Actual Rows'] * n['Actual Loops']} rows)`,
          );
        const sorts = nodes.filter((n) => n['Node Type'] === 'Sort');
        const seqScans = nodes.filter(
          (n) =>
            n['Node Type'] === 'Seq Scan' && ['submission', 'submission_author'].includes(n['Relation Name'] ?? ''),
        );
        const most = Math.max(
          0,
          ...nodes.filter((n) => n['Relation Name']).map((n) => n['Actual Rows'] * n['Actual Loops']),
        );
        const verdict = seqScans.length || most > 2_000 ? 'LOOK: reads a large part of the table' : 'ok';
        line(
          `  ${`${name} #${index + 1}`.padEnd(32)} ${plan['Execution Time'].toFixed(2).padStart(7)} ms  ${verdict}; sorts: ${sorts.length ? sorts.map((s) => `${s['Actual Rows']} rows`).join(', ') : 'none'}`,
        );
        line(`      reads: ${read.join('; ')}`);
      }
    }
  } finally {
    await capturing.destroy();
  }
}

async function waitFor(check: () => Promise<boolean>, intervalMs = 250, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error('gave up waiting');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
