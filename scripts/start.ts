// `npm start`: the whole system on one port with the honest defaults. Finds or starts PostgreSQL
// and Redis, migrates, seeds demo data into an empty database, builds the web pages if they are
// missing or older than their sources, then runs the API (serving the pages) and the workers,
// restarting either if it crashes. Stopping takes at most STOP_LIMIT_MS, whatever happens meanwhile.
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { demoPeople, seedDemoData } from '../server/src/demo/seed-demo-data.ts';
import { runQuietly } from './run-quietly.ts';
import { dataDir, projectRoot, resolvePostgres, resolveRedis } from './services.ts';
import { type Supervisor, supervise } from './supervise.ts';

const started = Date.now();
const say = (line: string) => console.log(`[start] ${line}`);
const nodeEnv = process.env.NODE_ENV ?? 'development';
const port = process.env.PORT ?? '3000';
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const demoPassword = process.env.DEMO_PASSWORD ?? 'demo-demo-demo';
const webBuild = path.join(projectRoot, 'web', 'build');

// The API and workers get 8 s after SIGTERM (then SIGKILL); the services we started get the rest.
const STOP_LIMIT_MS = 10_000;
let supervisor: Supervisor | undefined;
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  setTimeout(() => {
    say(`not stopped within ${STOP_LIMIT_MS / 1000} s; exiting anyway`);
    process.exit(code || 1);
  }, STOP_LIMIT_MS).unref();
  await supervisor?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  const postgres = await resolvePostgres('gaps');
  cleanups.push(postgres.stop);
  say(`PostgreSQL: ${postgres.description}`);
  const redis = await resolveRedis();
  cleanups.push(redis.stop);
  say(`Redis: ${redis.description}`);

  const db = createDatabase(postgres.url, { max: 2 });
  const applied = await migrateToLatest(db);
  say(applied.length ? `database migrated (${applied.join(', ')})` : 'database schema up to date');
  if (nodeEnv !== 'production' && (await seedDemoData(db, { password: demoPassword, dataDir, publicUrl })))
    say('demo data added');
  await db.destroy();

  if (webNeedsBuild()) {
    say('building the web pages (first start only, about 10 s)…');
    const took = await runQuietly({
      command: 'npm',
      args: ['run', 'build', '--workspace', '@gaps/web'],
      cwd: projectRoot,
    });
    say(`web pages built in ${(took / 1000).toFixed(1)} s`);
  }

  if (await portInUse(Number(port))) {
    throw new Error(
      `port ${port} is already in use (is the system already running?). Stop it, or choose another: PORT=3001 npm start`,
    );
  }
  const env = {
    ...process.env,
    NODE_ENV: nodeEnv,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    PORT: port,
    PUBLIC_URL: publicUrl,
    WEB_BUILD_DIR: webBuild,
    DATA_DIR: dataDir,
  };
  supervisor = supervise(
    [
      { name: 'API', command: process.execPath, args: ['server/src/main.ts'], cwd: projectRoot, env },
      { name: 'workers', command: process.execPath, args: ['workers/src/main.ts'], cwd: projectRoot, env },
    ],
    { log: say, graceMs: 8_000 },
  );

  // Last on the screen: both processes have written their start-up lines before saying they are ready.
  await withinAMinute(Promise.all([supervisor.ready('API'), supervisor.ready('workers')]));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  GAPS Submissions is running at ${publicUrl}  (ready in ${seconds} s)
${
  nodeEnv === 'production'
    ? ''
    : `
  Demo log-ins (password: ${demoPassword}):
${demoPeople.map((p) => `    ${p.email.padEnd(24)} ${p.role}`).join('\n')}
${process.env.SMTP_URL ? '' : '\n  No SMTP_URL is set, so e-mail is not sent: read every message on the admin "Mail" page.\n'}`
}
  Press Ctrl+C to stop.
`);
} catch (error) {
  console.error(`\n[start] Could not start: ${(error as Error).message}\n`);
  await stop(1);
}

function portInUse(portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(portNumber, () => server.close(() => resolve(false)));
  });
}

function webNeedsBuild(): boolean {
  const handler = path.join(webBuild, 'handler.js');
  if (!existsSync(handler)) return true;
  const built = statSync(handler).mtimeMs;
  return newestMtime(path.join(projectRoot, 'web', 'src')) > built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function withinAMinute(ready: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the API and the workers did not report ready within 60 s; see their messages above')),
      60_000,
    );
  });
  return Promise.race([ready, late]).finally(() => clearTimeout(timer));
}
