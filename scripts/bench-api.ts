// `npm run bench:api [-- --quick]`: load-tests the editor's queue, My submissions, the reviewer's
// home and review page on a real server process (production logging) against a bare Fastify + pg
// route running the same queries, at 10,000 and then 100,000 seeded submissions (with 40,000 review
// assignments from the start), with 50 and 200 concurrent clients on loopback.
// Prints throughput, p50, p99 and the ratio to the bare route, EXPLAIN (ANALYZE) summaries of every
// query, and how long after a 200-client burst /api/health answers 200 again. `--quick` (or
// BENCH_QUICK=1): 10,000 submissions, 50 clients, 2 s per run, for a smoke test under a minute.
// Targets (issue 8): p99 < 50 ms at 10,000 and < 100 ms at 100,000; at least half the bare
// route's throughput; no sort or scan proportional to the table in any plan. Issue 10: the
// reviewer's routes p99 < 50 ms at 200 clients, at least half the bare route's throughput.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { writeHeartbeat } from '@gaps/workers/shared';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { explainAll } from './bench-api-plans.ts';
import { seedAssignments, seedPeople, seedSubmissions } from './bench-api-seed.ts';
import { projectRoot, resolvePostgres, resolveRedis } from './services.ts';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const sizes = quick ? [10_000] : [10_000, 100_000];
const clientCounts = quick ? [50] : [50, 200];
const seconds = quick ? 2 : 5;
const warmUpSeconds = quick ? 0 : 1;
const burstSeconds = quick ? 3 : 10;
const assignmentCount = 40_000;

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
const seconds1 = (elapsed: number) => (elapsed / 1000).toFixed(1);
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
  const fixture = await seedPeople(db);
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
        REVIEWER_ID: fixture.reviewerId,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const app = `http://127.0.0.1:${appPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  await waitFor(async () => (await fetch(`${app}/api/health`).catch(() => null))?.status === 200);
  await waitFor(async () => (await fetch(`${bare}/mine`).catch(() => null))?.ok ?? false);

  let seeded = 0;
  let reviewAssignmentId = '';
  for (const size of sizes) {
    const began = Date.now();
    await seedSubmissions(db, fixture, seeded + 1, size);
    // The assignments go onto the first submissions seeded, once: 40,000 at every size.
    const assigning = Date.now();
    if (!seeded) reviewAssignmentId = await seedAssignments(db, fixture, assignmentCount);
    const assigned = seeded
      ? ''
      : `; ${assignmentCount.toLocaleString('en-GB')} assignments in ${seconds1(Date.now() - assigning)} s`;
    seeded = size;
    await sql`ANALYZE`.execute(db);
    const counts = await sql<{ assignments: number; mine: number; reviews: number; scores: number }>`
      SELECT (SELECT count(*)::int FROM assignment) AS assignments,
        (SELECT count(*)::int FROM assignment WHERE reviewer_id = ${fixture.reviewerId}::uuid) AS mine,
        (SELECT count(*)::int FROM review) AS reviews, (SELECT count(*)::int FROM review_score) AS scores`.execute(db);
    const count = counts.rows[0]!;
    line();
    line(
      `== ${size.toLocaleString('en-GB')} submissions (seeded in ${seconds1(Date.now() - began)} s${assigned}); ${count.assignments.toLocaleString('en-GB')} assignments (${count.mine} the bench reviewer's), ${count.reviews.toLocaleString('en-GB')} reviews, ${count.scores.toLocaleString('en-GB')} scores`,
    );

    const editorCookie = { cookie: `gaps_session=${fixture.editorToken}` };
    const authorCookie = { cookie: `gaps_session=${fixture.authorToken}` };
    const reviewerCookie = { cookie: `gaps_session=${fixture.reviewerToken}` };
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
      { name: "reviewer's home", app: '/api/me/reviews', bare: '/home', headers: reviewerCookie },
      {
        name: 'review page (draft)',
        app: `/api/assignments/${reviewAssignmentId}/review`,
        bare: `/review/${reviewAssignmentId}`,
        headers: reviewerCookie,
      },
    ];

    // A route that answers 4xx would measure its refusal: each must answer 200 before it is hammered.
    for (const endpoint of endpoints) {
      for (const [base, route, headers] of [
        [app, endpoint.app, endpoint.headers],
        [bare, endpoint.bare, {}],
      ] as const) {
        const answer = await fetch(`${base}${route}`, { headers });
        if (answer.status !== 200) throw new Error(`${endpoint.name}: ${route} answered ${answer.status}`);
      }
    }
    line(
      `${'endpoint'.padEnd(26)}${'clients'.padStart(8)} | ${'app req/s'.padStart(9)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'non-2xx'.padStart(8)} | ${'bare req/s'.padStart(10)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} | ratio  load`,
    );
    for (const [round, clients] of clientCounts.entries()) {
      for (const endpoint of endpoints) {
        // Unmeasured, both sides alike: a route's first requests at a size compile its code and
        // bring its rows into the cache. The quick smoke run skips it.
        if (round === 0 && warmUpSeconds) {
          await hammer(`${app}${endpoint.app}`, clients, warmUpSeconds, endpoint.headers);
          await hammer(`${bare}${endpoint.bare}`, clients, warmUpSeconds, {});
        }
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
    await explainAll(dbUrl, fixture, deepCursor, reviewAssignmentId);
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
