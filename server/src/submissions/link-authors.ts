// Co-authors are people: an author row is linked to the account with the same e-mail address once
// that address is verified, so every rule that asks "is this person an author?" (the policy, the
// editor's queue, My submissions, closed calls) reads `submission_author.person_id` and holds for
// every author, not only the submitter. Both sides call in here: saving the authors (draft, submit)
// and proving an address (sign-up verification, password reset by link, e-mail change).
//
// Only verified addresses link: anyone can register an account under a co-author's address, and
// such an account must not read the submission. A link, once made, stays when the person changes
// their address (they remain the author); an unlinked row waits for its address to be proven.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';

/**
 * Serialises linking per address. Saving authors and verifying an address can run at the same time;
 * without this each would miss the other's uncommitted rows and the co-author would stay unlinked.
 * Whoever takes the lock second sees the other's committed work (READ COMMITTED: each statement
 * takes a fresh snapshot). Keys are taken in one order, so two savers cannot deadlock.
 * Call it before deleting or inserting author rows, so a verifier never waits on a row we hold.
 */
export async function lockAuthorEmails(db: Database, emails: readonly string[]): Promise<void> {
  if (!emails.length) return;
  await sql`
    SELECT pg_advisory_xact_lock(key)
    FROM (SELECT DISTINCT hashtextextended('submission_author.email:' || email, 0) AS key
          FROM unnest(${[...emails]}::text[]) AS email) AS keys
    ORDER BY key`.execute(db);
}

/** Links the submission's unlinked author rows whose address belongs to a verified account. */
export async function linkAuthorsOfSubmission(db: Database, submissionId: string): Promise<void> {
  const rows = await db
    .selectFrom('submission_author')
    .select('email')
    .where('submission_id', '=', submissionId)
    .execute();
  await lockAuthorEmails(
    db,
    rows.map((row) => row.email),
  );
  await linkLockedAuthors(db, submissionId);
}

/** The linking itself, for a caller that already holds the locks of the submission's addresses. */
export async function linkLockedAuthors(db: Database, submissionId: string): Promise<void> {
  await db
    .updateTable('submission_author')
    .from('person')
    .set((eb) => ({ person_id: eb.ref('person.id') }))
    .whereRef('person.email', '=', 'submission_author.email')
    .where('person.email_verified_at', 'is not', null)
    .where('submission_author.person_id', 'is', null)
    .where('submission_author.submission_id', '=', submissionId)
    .execute();
}

/** Links every unlinked author row that names this person's address, if that address is verified. */
export async function linkAuthorshipsOfPerson(db: Database, personId: string): Promise<void> {
  const person = await db
    .selectFrom('person')
    .select(['email', 'email_verified_at'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  if (!person.email_verified_at) return;
  await lockAuthorEmails(db, [person.email]);
  await db
    .updateTable('submission_author')
    .set({ person_id: personId })
    .where('email', '=', person.email)
    .where('person_id', 'is', null)
    .execute();
}
