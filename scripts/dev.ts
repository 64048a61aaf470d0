// `npm run dev`: like `npm start`, but the pages come from the SvelteKit dev server (hot reload)
// on PORT (3000), which forwards /api to the API on API_PORT (3001). The same supervisor as
// `npm start` keeps the API, the workers and the dev server running: a crash is restarted with
// back-off while the others keep serving, and stopping is bounded. The API and the workers are
// restarted at once when their source files change.
import { watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { seedDemoData } from '../server/src/demo/seed-demo-data.ts';
import { dataDir, projectRoot, resolvePostgres, resolveRedis } from './services.ts';
import { supervise } from './supervise.ts';

const say = (line: string) => console.log(`[dev] ${line}`);
const port = process.env.PORT ?? '3000';
const apiPort = process.env.API_PORT ?? '3001';
const postgres = await resolvePostgres('gaps');
const redis = await resolveRedis();
const db = createDatabase(postgres.url, { max: 1 });
await migrateToLatest(db);
await seedDemoData(db, { password: process.env.DEMO_PASSWORD ?? 'demo-demo-demo', dataDir });
await db.destroy();

const env = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: postgres.url,
  REDIS_URL: redis.url,
  PORT: apiPort,
  API_PORT: apiPort,
  DATA_DIR: dataDir,
  PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
};
const supervisor = supervise(
  [
    { name: 'API', command: process.execPath, args: ['server/src/main.ts'], cwd: projectRoot, env },
    { name: 'workers', command: process.execPath, args: ['workers/src/main.ts'], cwd: projectRoot, env },
    {
      // Vite itself, not through npx: npx does not pass SIGTERM on, and Vite would outlive us.
      name: 'pages',
      command: process.execPath,
      args: [viteBin(), 'dev', '--port', port, '--strictPort'],
      cwd: path.join(projectRoot, 'web'),
      env,
    },
  ],
  { log: say, graceMs: 8_000 },
);

// What `node --watch` did, which cannot be supervised (after a crash it waits for a file change
// instead of exiting). The server imports the db package and the workers' shared surface.
const restartsFor: Record<string, string[]> = {
  'server/src': ['API'],
  'workers/src': ['API', 'workers'],
  'db/src': ['API', 'workers'],
};
const pending = new Set<string>();
let debounce: NodeJS.Timeout | undefined;
const watchers = Object.entries(restartsFor).map(([folder, names]) =>
  watch(path.join(projectRoot, folder), { recursive: true }, (_event, file) => {
    if (!file?.endsWith('.ts') || file.endsWith('.test.ts')) return;
    for (const name of names) pending.add(name);
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      say(`files changed; restarting ${[...pending].join(' and ')}`);
      for (const name of pending) supervisor.restart(name);
      pending.clear();
    }, 200);
  }),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  setTimeout(() => process.exit(1), 10_000).unref();
  for (const watcher of watchers) watcher.close();
  clearTimeout(debounce);
  await supervisor.stop();
  await postgres.stop();
  await redis.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
await Promise.all([supervisor.ready('API'), supervisor.ready('workers')]).catch(() => {});
say(`pages with hot reload on http://localhost:${port}, API on ${apiPort}`);

function viteBin(): string {
  const packageJson = createRequire(path.join(projectRoot, 'web', 'package.json')).resolve('vite/package.json');
  return path.join(path.dirname(packageJson), 'bin', 'vite.js');
}
