import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// When an assignment's due date was last moved: its due reminders count from then, so moving a
// due date does not set off at once every "due soon" reminder the new date has already passed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE assignment ADD COLUMN due_at_set_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE assignment DROP COLUMN due_at_set_at`.execute(db);
}
