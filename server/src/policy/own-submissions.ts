// "Is this person an author of that submission?" as a query, for lists that cannot ask the policy
// row by row: the editor's queue leaves these out, My submissions lists exactly these.
// An author is the submitter or anyone on the author list linked to the person
// (submission_author.person_id), so a co-author counts as much as the one who pressed submit.
import type { DB } from '@gaps/db';
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';

/**
 * The ids of the submissions `personId` is an author of: a UNION of two indexed lookups. (One
 * `submitter_id = $1 OR EXISTS (…)` predicate is misestimated by PostgreSQL as half the table and
 * scanned; each lookup on its own finds its handful of rows through its index.)
 */
export function submissionsAuthoredBy(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('submission')
    .select('submission.id as submission_id')
    .where('submission.submitter_id', '=', personId)
    .union(
      db
        .selectFrom('submission_author')
        .select('submission_author.submission_id')
        .where('submission_author.person_id', '=', personId),
    );
}

/**
 * The queue's "not your own" rule: editors never handle, nor see the authors of, a submission
 * they are an author of (the same rule as `submission.manage` in permissions.ts, for a whole list).
 * NOT IN over the small set of the editor's own submissions is one hash probe per row, so the
 * page can still be read in index order.
 */
export function notAuthoredBy(db: Kysely<DB>, personId: string) {
  return (eb: ExpressionBuilder<DB, 'submission'>) =>
    eb('submission.id', 'not in', submissionsAuthoredBy(db, personId));
}

/**
 * The opposite, to list or count a person's own submissions. `= ANY (ARRAY(…))` fetches the ids
 * first and then reads each by its primary key: with `IN (…)` or a join, PostgreSQL guesses an
 * average author's count of submissions and, at 100,000 submissions, scanned the whole table.
 */
export function authoredBy(db: Kysely<DB>, personId: string) {
  return () => sql<SqlBool>`submission.id = ANY (ARRAY(${submissionsAuthoredBy(db, personId)}))`;
}

/**
 * Whether the person is an author of any submission in the call: the policy's fact for reading a
 * call that is no longer open (its authors still need its rules, e.g. after an extension).
 */
export async function isAuthorInCall(db: Kysely<DB>, callId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submission')
    .select('submission.id')
    .where('submission.call_id', '=', callId)
    .where(authoredBy(db, personId))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
