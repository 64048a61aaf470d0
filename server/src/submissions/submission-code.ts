// Human-readable codes per venue and year (JSWP-2027-0042) with no gaps and no duplicates:
// the counter row is incremented inside the submit transaction, so its row lock serialises
// concurrent submits and a rolled-back submit gives its number back.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';

export async function allocateCode(trx: Transaction<DB>, venueId: string, year: number) {
  const venue = await trx
    .selectFrom('venue')
    .select(['code_prefix', 'code_digits'])
    .where('id', '=', venueId)
    .executeTakeFirstOrThrow();
  const { last_number } = await trx
    .insertInto('submission_code_counter')
    .values({ venue_id: venueId, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['venue_id', 'year']).doUpdateSet({ last_number: sql`submission_code_counter.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return { code: formatCode(venue.code_prefix, year, last_number, venue.code_digits), year, number: last_number };
}

export function formatCode(prefix: string, year: number, number: number, digits: number): string {
  return `${prefix}-${year}-${String(number).padStart(digits, '0')}`;
}

/**
 * The year a code carries. An award round is named by its year ("the 2027 awards"), so its entries
 * carry the year of the call's last moment to submit in the call's zone, even when sent the year
 * before. A journal counts what it receives per calendar year, so its codes carry the sending year
 * (as does a call with no deadline).
 */
export function codeYear(call: { venueKind: string; deadlineAt: Date | null; timeZone: string }, now: Date): number {
  if (call.venueKind === 'award' && call.deadlineAt) {
    // "Midnight at the end of 31 December" is stored as 00:00 on 1 January: the round belongs to the year that ends.
    return yearIn(new Date(call.deadlineAt.getTime() - 1), call.timeZone);
  }
  return yearIn(now, call.timeZone);
}

/** The calendar year of an instant in a time zone (a submit at 00:30 on 1 January in London counts for the new year). */
export function yearIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone }).format(instant));
}
