// Someone else's assignment must answer exactly like one that does not exist, for every kind of
// viewer, or the 404 itself tells a reviewer or an author that the assignment is there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import type { HttpError } from '../plugins/errors.ts';
import type { Viewer } from '../policy/permissions.ts';
import { requireReviewer } from './assignment-access.ts';

let t: TestApp;
let assignmentId: string;
let reviewer: Viewer;
let stranger: Viewer;

const viewerOf = (person: { id: string; email: string }, assignmentScope: string | null = null): Viewer => ({
  personId: person.id,
  email: person.email,
  name: 'Test',
  isAdmin: false,
  editorOfVenueIds: [],
  assignmentScope,
});

beforeAll(async () => {
  t = await buildTestApp({ LOG_LEVEL: 'warn' });
  const venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id);
  const author = await makePerson(t.db, 'author');
  const submissionId = await makeCompleteDraft(await signedIn(t.app, author.email), callId);
  const reviewerPerson = await makePerson(t.db, 'author');
  reviewer = viewerOf(reviewerPerson);
  stranger = viewerOf(await makePerson(t.db, 'author'));
  assignmentId = (
    await t.db
      .insertInto('assignment')
      .values({ submission_id: submissionId, round: 1, reviewer_id: reviewerPerson.id, reviewer_number: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const refusal = (viewer: Viewer | null, id: string) =>
  requireReviewer(t.db, viewer, id).then(
    () => null,
    (error: HttpError) => ({ status: error.statusCode, code: error.code, message: error.message }),
  );

describe('requireReviewer', () => {
  it('lets the assignment’s reviewer in', async () => {
    expect(await refusal(reviewer, assignmentId)).toBeNull();
  });

  it('refuses someone else’s assignment exactly as a missing one', async () => {
    const missing = randomUUID();
    expect(await refusal(stranger, assignmentId)).toEqual(await refusal(stranger, missing));
    expect(await refusal(stranger, missing)).toMatchObject({ status: 404 });
    // An invitation-link session for another assignment of the same reviewer, and nobody signed in.
    const scoped = { ...reviewer, assignmentScope: randomUUID() };
    expect(await refusal(scoped, assignmentId)).toEqual(await refusal(scoped, missing));
    expect(await refusal(null, assignmentId)).toEqual(await refusal(null, missing));
    expect(await refusal(null, missing)).toMatchObject({ status: 401 });
  });
});
