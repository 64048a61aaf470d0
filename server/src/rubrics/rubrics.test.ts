// Rubrics per venue: only its editors make and change them, the input is checked, and once a
// reviewer has scored with one its criteria and scales are fixed (the words still change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { awardRubric } from '../../test/review-factories.ts';

let t: TestApp;
let venueId: string;
let otherVenueId: string;
let editor: TestClient;
let author: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  const editorEmail = (await makePerson(t.db, 'editor')).email;
  otherVenueId = (await makeVenue(t.db)).id; // made after the editor: not theirs
  editor = await signedIn(t.app, editorEmail);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
});
afterAll(async () => {
  await t.close();
});

const rubricsOf = (venue: string) => `/api/venues/${venue}/rubrics`;

describe('rubrics', () => {
  it('are made and read by the venue’s editors, with descriptors per scale point, and audited', async () => {
    const made = await editor.post(rubricsOf(venueId), awardRubric({ name: 'Essay awards 2027' }));
    expect(made.statusCode).toBe(201);
    const rubric = made.json();
    expect(rubric).toMatchObject({ name: 'Essay awards 2027', asksRecommendation: true, inUse: false });
    expect(rubric.criteria.map((c: { label: string }) => c.label)).toEqual([
      'Relevance to relationship-based practice',
      'Clarity of writing',
    ]);
    expect(rubric.criteria[0]).toMatchObject({ minScore: 1, maxScore: 5, weight: 2 });
    expect(rubric.criteria[0].descriptors).toEqual([
      { score: 1, text: 'Not addressed' },
      { score: 5, text: 'Central and well argued' },
    ]);
    expect((await editor.get(`${rubricsOf(venueId)}/${rubric.id}`)).json().id).toBe(rubric.id);
    expect((await editor.get(rubricsOf(venueId))).json().rubrics.map((r: { id: string }) => r.id)).toContain(rubric.id);
    // The call form's rubric choice lists it.
    expect((await editor.get(`/api/venues/${venueId}/calls`)).json().rubrics).toContainEqual({
      id: rubric.id,
      name: 'Essay awards 2027',
    });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', rubric.id)
      .execute();
    expect(audit).toEqual([{ action: 'rubric.created', details: { venueId, name: 'Essay awards 2027', criteria: 2 } }]);
  });

  it('answer 404 to anyone but the venue’s editors, and 401 to nobody signed in', async () => {
    const rubric = (await editor.post(rubricsOf(venueId), awardRubric())).json();
    expect((await author.get(rubricsOf(venueId))).statusCode).toBe(404);
    expect((await author.post(rubricsOf(venueId), awardRubric())).statusCode).toBe(404);
    expect((await author.get(`${rubricsOf(venueId)}/${rubric.id}`)).statusCode).toBe(404);
    expect((await author.put(`${rubricsOf(venueId)}/${rubric.id}`, awardRubric())).statusCode).toBe(404);
    expect((await editor.get(rubricsOf(otherVenueId))).statusCode).toBe(404);
    // A rubric of this venue asked for under another venue's address does not exist there.
    const unknown = await editor.get(`${rubricsOf(otherVenueId)}/${rubric.id}`);
    expect(unknown.statusCode).toBe(404);
    const response = await t.app.inject({ method: 'GET', url: rubricsOf(venueId) });
    expect(response.statusCode).toBe(401);
  });

  it('refuse a scale the wrong way round, descriptors off the scale, no criteria, and a name taken', async () => {
    const upsideDown = awardRubric();
    upsideDown.criteria[0] = { ...upsideDown.criteria[0]!, minScore: 5, maxScore: 1 };
    const refused = await editor.post(rubricsOf(venueId), upsideDown);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('criteria.0.maxScore');

    const offScale = awardRubric();
    offScale.criteria[1] = { ...offScale.criteria[1]!, descriptors: [{ score: 7, text: 'Beyond the scale' }] };
    const off = await editor.post(rubricsOf(venueId), offScale);
    expect(off.statusCode).toBe(400);
    expect(off.json().error.message).toContain('from 0 to 3');

    expect((await editor.post(rubricsOf(venueId), awardRubric({ criteria: [] }))).statusCode).toBe(400);
    expect(
      (
        await editor.post(rubricsOf(venueId), {
          ...awardRubric(),
          criteria: [{ label: 'Scale', minScore: 0, maxScore: 40 }],
        })
      ).statusCode,
    ).toBe(400);

    await editor.post(rubricsOf(venueId), awardRubric({ name: 'Taken' }));
    const taken = await editor.post(rubricsOf(venueId), awardRubric({ name: 'Taken' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('rubric_name_taken');
  });

  it('change freely while unused: criteria reordered, added, removed', async () => {
    const rubric = (await editor.post(rubricsOf(venueId), awardRubric())).json();
    const [relevance, clarity] = rubric.criteria;
    const changed = await editor.put(`${rubricsOf(venueId)}/${rubric.id}`, {
      name: rubric.name,
      asksRecommendation: false,
      criteria: [
        { ...clarity, maxScore: 4 },
        { label: 'Use of theory', minScore: 1, maxScore: 5 },
      ],
    });
    expect(changed.statusCode).toBe(200);
    const after = changed.json();
    expect(after.asksRecommendation).toBe(false);
    expect(after.criteria.map((c: { label: string }) => c.label)).toEqual(['Clarity of writing', 'Use of theory']);
    expect(after.criteria[0]).toMatchObject({ id: clarity.id, maxScore: 4 });
    expect(after.criteria.map((c: { id: string }) => c.id)).not.toContain(relevance.id);
  });

  it('once scored, refuse changes to criteria and scales with 409, but take new words and weights', async () => {
    const rubric = (await editor.post(rubricsOf(venueId), awardRubric())).json();
    await scoreWith(rubric.criteria[0].id);
    const url = `${rubricsOf(venueId)}/${rubric.id}`;
    const read = (await editor.get(url)).json();
    expect(read.inUse).toBe(true);

    const rescaled = await editor.put(url, {
      ...rubric,
      criteria: [{ ...rubric.criteria[0], maxScore: 10 }, rubric.criteria[1]],
    });
    expect(rescaled.statusCode).toBe(409);
    expect(rescaled.json().error).toMatchObject({ code: 'rubric_in_use' });
    expect(rescaled.json().error.message).toContain('make a new rubric');
    const added = await editor.put(url, {
      ...rubric,
      criteria: [...rubric.criteria, { label: 'Reflection', minScore: 1, maxScore: 5 }],
    });
    expect(added.statusCode).toBe(409);
    const removed = await editor.put(url, { ...rubric, criteria: [rubric.criteria[0]] });
    expect(removed.statusCode).toBe(409);
    expect((await editor.get(url)).json().criteria).toEqual(rubric.criteria);

    const reworded = await editor.put(url, {
      ...rubric,
      name: `${rubric.name} (reworded)`,
      criteria: [
        { ...rubric.criteria[1], label: 'Clarity', weight: 1.5 },
        { ...rubric.criteria[0], descriptors: [{ score: 3, text: 'Present but thin' }] },
      ],
    });
    expect(reworded.statusCode).toBe(200);
    expect(reworded.json().criteria.map((c: { label: string; weight: number }) => [c.label, c.weight])).toEqual([
      ['Clarity', 1.5],
      ['Relevance to relationship-based practice', 2],
    ]);
    const actions = await t.db.selectFrom('audit_event').select('action').where('object_id', '=', rubric.id).execute();
    expect(actions.map((a) => a.action)).toEqual(['rubric.created', 'rubric.updated']);
  });
});

/** A score given with the criterion, as a reviewer's draft leaves it (the review's own tests cover how). */
async function scoreWith(criterionId: string) {
  const venue = await t.db.selectFrom('venue').select('id').where('id', '=', venueId).executeTakeFirstOrThrow();
  const person = await makePerson(t.db, 'author');
  const call = await t.db
    .insertInto('call')
    .values({ venue_id: venue.id, slug: `c-${criterionId.slice(0, 8)}`, title: 'Scored call' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const submission = await t.db
    .insertInto('submission')
    .values({ venue_id: venue.id, call_id: call.id, submitter_id: person.id, title: 'Scored' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const assignment = await t.db
    .insertInto('assignment')
    .values({ submission_id: submission.id, round: 1, reviewer_id: person.id, reviewer_number: 1, status: 'accepted' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const review = await t.db
    .insertInto('review')
    .values({ assignment_id: assignment.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('review_score').values({ review_id: review.id, criterion_id: criterionId, score: 3 }).execute();
}
