// `npm run dev`: like `npm start`, but the pages come from the SvelteKit dev server (hot reload)
// on PORT (3000), which forwards /api to the API on API_PORT (3001); API and workers restart
// when their files change.
import { type ChildProcess, spawn } from 'node:child_process';
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { seedDemoData } from '../server/src/demo/seed-demo-data.ts';
import { dataDir, projectRoot, resolvePostgres, resolveRedis } from './services.ts';

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
const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', 'server/src/main.ts'], { cwd: projectRoot, env, stdio: 'inherit' }),
  spawn(process.execPath, ['--watch', 'workers/src/main.ts'], { cwd: projectRoot, env, stdio: 'inherit' }),
  spawn('npx', ['vite', 'dev', '--port', port, '--strictPort'], { cwd: `${projectRoot}/web`, env, stdio: 'inherit' }),
];
const stop = async () => {
  for (const child of children) child.kill('SIGTERM');
  await postgres.stop();
  await redis.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
console.log(`[dev] pages with hot reload on http://localhost:${port}, API on ${apiPort}`);
