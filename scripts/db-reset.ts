// `npm run db:reset`: development only. Empties the database, migrates and seeds the demo data.
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { sql } from 'kysely';
import { seedDemoData } from '../server/src/demo/seed-demo-data.ts';
import { dataDir, resolvePostgres } from './services.ts';

if (process.env.NODE_ENV === 'production') {
  console.error('db:reset deletes every row; it refuses to run with NODE_ENV=production.');
  process.exit(1);
}
const postgres = await resolvePostgres('gaps');
const db = createDatabase(postgres.url, { max: 1 });
try {
  await sql`DROP SCHEMA public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
  await migrateToLatest(db);
  await seedDemoData(db, { password: process.env.DEMO_PASSWORD ?? 'demo-demo-demo', dataDir });
  console.log(`Database reset: migrated and seeded (${postgres.description}).`);
} finally {
  await db.destroy();
  await postgres.stop();
}
