// `npm run db:migrate`: brings the schema up to date on DATABASE_URL (or the embedded PostgreSQL).
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { resolvePostgres } from './services.ts';

const postgres = await resolvePostgres('gaps');
const db = createDatabase(postgres.url, { max: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.destroy();
  await postgres.stop();
}
