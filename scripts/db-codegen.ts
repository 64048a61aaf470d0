// `npm run db:codegen`: regenerates db/src/schema.ts from a freshly migrated scratch database,
// so the types always match the migrations (not whatever a developer's database drifted into).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { sql } from 'kysely';
import { projectRoot, resolvePostgres } from './services.ts';

const postgres = await resolvePostgres('postgres');
const admin = createDatabase(postgres.url, { max: 1 });
const scratch = `gaps_codegen_${process.pid}`;
const url = new URL(postgres.url);
url.pathname = `/${scratch}`;
try {
  await sql`CREATE DATABASE ${sql.id(scratch)}`.execute(admin);
  const db = createDatabase(url.toString(), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const result = spawnSync(
    'npx',
    [
      'kysely-codegen',
      '--dialect',
      'postgres',
      '--url',
      url.toString(),
      '--exclude-pattern',
      'kysely_*',
      '--type-mapping',
      '{"int8":"number"}',
      '--out-file',
      path.join(projectRoot, 'db/src/schema.ts'),
    ],
    { stdio: 'inherit', cwd: projectRoot },
  );
  if (result.status !== 0) process.exitCode = 1;
} finally {
  await sql`DROP DATABASE IF EXISTS ${sql.id(scratch)}`.execute(admin);
  await admin.destroy();
  await postgres.stop();
}
