import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import '../server/test/provided-context.ts';
import { resolvePostgres, resolveRedis } from './services.ts';

export default async function setup(project: TestProject) {
  // `npm run test:unit` (--project unit) needs no database or Redis: start nothing.
  if (project.vitest.projects.every((each) => each.name === 'unit')) return;
  const postgres = await resolvePostgres('postgres', { throwaway: true });
  const redis = await resolveRedis();
  const adminUrl = withDatabase(postgres.url, 'postgres');
  const template = `gaps_test_template_${process.pid}`;

  const admin = createDatabase(adminUrl, { max: 1 });
  await sql`DROP DATABASE IF EXISTS ${sql.id(template)}`.execute(admin);
  await sql`CREATE DATABASE ${sql.id(template)}`.execute(admin);
  const templateDb = createDatabase(withDatabase(postgres.url, template), { max: 1 });
  await migrateToLatest(templateDb);
  await templateDb.destroy();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('redisUrl', redis.url);

  return async () => {
    // Test files drop their own databases; sweep what a crashed file left, then the template.
    const leftovers = await sql<{ datname: string }>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`gaps_test_${process.pid}_%`}`.execute(admin);
    for (const { datname } of leftovers.rows) {
      await sql`DROP DATABASE IF EXISTS ${sql.id(datname)} WITH (FORCE)`.execute(admin);
    }
    await sql`DROP DATABASE IF EXISTS ${sql.id(template)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
    await redis.stop();
    await postgres.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
