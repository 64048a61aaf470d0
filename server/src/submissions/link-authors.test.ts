// Linking author rows to accounts: no co-author slips through when saving the authors and proving
// the address happen at the same moment, and rows written before linking existed get linked.
import path from 'node:path';
import { migrationFolder } from '@gaps/db/migrator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { insertPerson } from '../accounts/person.repository.ts';
import { linkAuthorshipsOfPerson, linkAuthorsOfSubmission } from './link-authors.ts';

let t: TestApp;
let submissionId: string;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id);
  const author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  submissionId = (await author.post('/api/submissions', { callId })).json().id;
});
afterAll(async () => {
  await t.close();
});

let position = 10;
async function unverifiedPerson(email: string) {
  return insertPerson(t.db, { email, name: 'Co-author', password: 'a long enough secret', verified: false });
}
const addAuthorRow = (db: typeof t.db, email: string) =>
  db
    .insertInto('submission_author')
    .values({ submission_id: submissionId, position: position++, name: 'Co-author', email })
    .execute();
const verify = (db: typeof t.db, personId: string) =>
  db.updateTable('person').set({ email_verified_at: new Date() }).where('id', '=', personId).execute();
const linkOf = async (email: string) =>
  (
    await t.db
      .selectFrom('submission_author')
      .select('person_id')
      .where('submission_id', '=', submissionId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).person_id;

/**
 * Bounded wait until the other side of the race waits for the author-address lock. Without that
 * lock nobody ever waits: then the race is simply run as it comes, and the link check tells.
 */
async function untilSomeoneWaitsForTheLock() {
  for (let tries = 0; tries < 100; tries++) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(t.db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('saving the authors while the co-author confirms their address', () => {
  it('links when the save commits first', async () => {
    const email = 'race.save.first@example.org';
    const personId = await unverifiedPerson(email);
    let commitSave!: () => void;
    const saveMayCommit = new Promise<void>((resolve) => {
      commitSave = resolve;
    });
    let saved!: () => void;
    const saveHoldsLock = new Promise<void>((resolve) => {
      saved = resolve;
    });
    const save = t.db.transaction().execute(async (trx) => {
      await addAuthorRow(trx, email);
      await linkAuthorsOfSubmission(trx, submissionId); // not verified yet: no link
      saved();
      await saveMayCommit;
    });
    await saveHoldsLock;
    const confirm = t.db.transaction().execute(async (trx) => {
      await verify(trx, personId);
      await linkAuthorshipsOfPerson(trx, personId);
    });
    await untilSomeoneWaitsForTheLock();
    commitSave();
    await Promise.all([save, confirm]);
    expect(await linkOf(email)).toBe(personId);
  });

  it('links when the confirmation commits first', async () => {
    const email = 'race.confirm.first@example.org';
    const personId = await unverifiedPerson(email);
    let commitConfirm!: () => void;
    const confirmMayCommit = new Promise<void>((resolve) => {
      commitConfirm = resolve;
    });
    let confirmed!: () => void;
    const confirmHoldsLock = new Promise<void>((resolve) => {
      confirmed = resolve;
    });
    const confirm = t.db.transaction().execute(async (trx) => {
      await verify(trx, personId);
      await linkAuthorshipsOfPerson(trx, personId); // no row yet: nothing to link
      confirmed();
      await confirmMayCommit;
    });
    await confirmHoldsLock;
    const save = t.db.transaction().execute(async (trx) => {
      await addAuthorRow(trx, email);
      await linkAuthorsOfSubmission(trx, submissionId);
    });
    await untilSomeoneWaitsForTheLock();
    commitConfirm();
    await Promise.all([save, confirm]);
    expect(await linkOf(email)).toBe(personId);
  });
});

describe('the migration that links rows written before linking existed', () => {
  it('links rows of verified accounts and leaves the others', async () => {
    const migration = await import(path.join(migrationFolder, '2026-11-30T2031_link_verified_co_authors.ts'));
    await migration.down(t.db);
    const verifiedId = await unverifiedPerson('old.verified@example.org');
    await verify(t.db, verifiedId);
    await unverifiedPerson('old.unverified@example.org');
    // Written as the old code did: co-authors by e-mail alone.
    await addAuthorRow(t.db, 'old.verified@example.org');
    await addAuthorRow(t.db, 'old.unverified@example.org');
    await migration.up(t.db);
    expect(await linkOf('old.verified@example.org')).toBe(verifiedId);
    expect(await linkOf('old.unverified@example.org')).toBeNull();
  });
});
