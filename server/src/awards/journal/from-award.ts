// Where a journal submission came from, when an editor moved it in from the award (journal-move.ts).
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import type { FromAwardRow } from '../../blinding/project-award.ts';

export async function loadFromAward(db: Database, submissionId: string): Promise<FromAwardRow | null> {
  const row = await db
    .selectFrom('submission')
    .innerJoin('submission as entry', 'entry.id', 'submission.from_award_submission_id')
    .innerJoin('venue', 'venue.id', 'entry.venue_id')
    .innerJoin('award_result', 'award_result.submission_id', 'entry.id')
    .select([
      'entry.id',
      'entry.code',
      'venue.name',
      'award_result.outcome',
      sql<number>`coalesce(entry.code_year, extract(year from entry.submitted_at)::int)`.as('year'),
    ])
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
  return row
    ? { submissionId: row.id, code: row.code, venueName: row.name, year: row.year, outcome: row.outcome }
    : null;
}

/** The same as a subquery for lists (the editor queue): a JSON object, or null. */
export const fromAwardColumn = sql<FromAwardRow | null>`(
  SELECT jsonb_build_object(
    'submissionId', entry.id, 'code', entry.code, 'venueName', award_venue.name, 'outcome', award_result.outcome,
    'year', coalesce(entry.code_year, extract(year from entry.submitted_at)::int))
  FROM submission entry
  JOIN venue award_venue ON award_venue.id = entry.venue_id
  JOIN award_result ON award_result.submission_id = entry.id
  WHERE entry.id = submission.from_award_submission_id)`;
