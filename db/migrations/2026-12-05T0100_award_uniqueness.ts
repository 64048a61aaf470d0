import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// One journal submission per award essay, both ways: an award result points at the journal
// submission made from it at most once, and a journal submission comes from at most one award
// entry. The move into the journal checks this in its transaction; these indexes hold the line
// when two editors press "Move into the journal" at the same moment.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE UNIQUE INDEX award_result_journal_submission_unique
      ON award_result (journal_submission_id) WHERE journal_submission_id IS NOT NULL
  `.execute(db);
  await sql`
    CREATE UNIQUE INDEX submission_from_award_unique
      ON submission (from_award_submission_id) WHERE from_award_submission_id IS NOT NULL
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX submission_from_award_unique`.execute(db);
  await sql`DROP INDEX award_result_journal_submission_unique`.execute(db);
}
