import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@gaps/db';
import { sql } from 'kysely';
import { inject } from 'vitest';
import './provided-context.ts';

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the template in a few ms. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const name = `${template.replace('_template', '')}_${randomBytes(4).toString('hex')}`;
  const admin = createDatabase(adminUrl, { max: 1 });
  await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), { max: 5 });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}
