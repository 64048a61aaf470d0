// Conflicts between reviewers and authors, computed from what the system knows of both, and the
// editor's ranked suggestions built on them. Real PostgreSQL; submissions made through the API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { projectPersonalExport } from '../blinding/project-personal-export.ts';
import { collectPersonalData } from '../data-protection/export/collect-personal-data.ts';
import { findConflicts } from './find-conflicts.ts';

let t: TestApp;
let venueId: string;
let callId: string;
let submitter: { id: string; email: string };
let author: TestClient;
let editor: TestClient;

const unique = () => randomUUID().slice(0, 8);

/** A person with an account, their name and affiliation set as their profile would. */
async function person(email: string, profile: { name?: string; affiliation?: string } = {}) {
  const made = await makePerson(t.db, 'author', email);
  if (profile.name || profile.affiliation) {
    await t.db
      .updateTable('person')
      .set({
        ...(profile.name && { name: profile.name }),
        ...(profile.affiliation && { affiliation: profile.affiliation }),
      })
      .where('id', '=', made.id)
      .execute();
  }
  return made;
}

/** A draft by the submitter with these co-authors after them. */
async function submissionBy(
  coAuthors: Array<{ name: string; email: string; affiliation?: string | null }>,
  patch: Record<string, unknown> = {},
) {
  return makeCompleteDraft(author, callId, {
    authors: [
      { name: 'Sam Submitter', email: submitter.email, affiliation: 'Kirkby Community Trust' },
      ...coAuthors.map((coAuthor) => ({ affiliation: null, ...coAuthor })),
    ],
    ...patch,
  });
}

const reasonsFor = async (submissionId: string, personId: string) =>
  (await findConflicts(t.db, submissionId, [personId])).map((conflict) => conflict.reason);

async function addToPool(email: string, details: Record<string, unknown> = {}) {
  const added = await editor.post(`/api/venues/${venueId}/reviewer-pool`, { email, ...details });
  if (added.statusCode !== 201) throw new Error(`pool failed: ${added.body}`);
  return added.json().personId as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  submitter = await person(`sam-${unique()}@kirkby-trust.org.uk`, { name: 'Sam Submitter' });
  author = await signedIn(t.app, submitter.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

describe('conflicts', () => {
  it('finds a shared institutional e-mail domain, subdomains included', async () => {
    const submission = await submissionBy([{ name: 'Ann Author', email: `ann-${unique()}@socialwork.essex.ac.uk` }]);
    const reviewer = await person(`rev-${unique()}@essex.ac.uk`);
    const conflicts = await findConflicts(t.db, submission, [reviewer.id]);
    expect(conflicts).toEqual([
      { personId: reviewer.id, reason: 'same_email_domain', detail: 'Same e-mail domain as Ann Author: essex.ac.uk' },
    ]);
  });

  it('finds none for a public or shared domain such as gmail.com or nhs.net', async () => {
    const submission = await submissionBy([
      { name: 'Gita Gmail', email: `gita-${unique()}@gmail.com` },
      { name: 'Nia Nurse', email: `nia-${unique()}@nhs.net` },
    ]);
    const onGmail = await person(`rob-${unique()}@gmail.com`);
    const onNhsNet = await person(`rob-${unique()}@nhs.net`);
    expect(await findConflicts(t.db, submission, [onGmail.id, onNhsNet.id])).toEqual([]);
  });

  it('finds the same affiliation spelled differently', async () => {
    const submission = await submissionBy([
      { name: 'Ann Author', email: `ann-${unique()}@example.org`, affiliation: 'Univ. of Essex' },
    ]);
    const reviewer = await person(`rev-${unique()}@example.net`, { affiliation: 'The University of Essex' });
    expect(await reasonsFor(submission, reviewer.id)).toEqual(['same_affiliation']);
    // The employer the editor records counts too.
    const practitioner = await person(`pat-${unique()}@example.com`);
    await addToPool(practitioner.email, { employer: 'University of ESSEX' });
    expect(await reasonsFor(submission, practitioner.id)).toEqual(['same_affiliation']);
  });

  it('finds co-authorship on another submission, by account or by address', async () => {
    const colleague = await person(`col-${unique()}@example.org`, { name: 'Cal Colleague' });
    const earlier = await submissionBy([{ name: 'Cal Colleague', email: colleague.email }]);
    const now = await submissionBy([]);
    expect(await reasonsFor(now, colleague.id)).toEqual(['co_authored']);
    // An author row that was never linked to the account still names the person by address.
    await t.db.updateTable('submission_author').set({ person_id: null }).where('submission_id', '=', earlier).execute();
    expect(await reasonsFor(now, colleague.id)).toEqual(['co_authored']);
    const stranger = await person(`str-${unique()}@example.org`);
    expect(await reasonsFor(now, stranger.id)).toEqual([]);
  });

  it('finds an employer the reviewer declared, such as a local authority', async () => {
    const submission = await submissionBy([
      { name: 'Lee Local', email: `lee-${unique()}@example.org`, affiliation: 'Essex County Council' },
    ]);
    const reviewer = await person(`rev-${unique()}@example.net`, { affiliation: 'University of Kent' });
    await addToPool(reviewer.email, { declaredConflicts: ['essex county council'] });
    const conflicts = await findConflicts(t.db, submission, [reviewer.id]);
    expect(conflicts).toEqual([
      {
        personId: reviewer.id,
        reason: 'declared_by_reviewer',
        detail: 'Declared by the reviewer: “essex county council” (Lee Local)',
      },
    ]);
  });

  it('finds a conflict an author declared in the pool, naming the reviewer’s employer', async () => {
    const poolAuthor = await person(`pa-${unique()}@example.org`, { name: 'Pia Author' });
    await addToPool(poolAuthor.email, { declaredConflicts: ['Thurrock Council'] });
    const submission = await submissionBy([{ name: 'Pia Author', email: poolAuthor.email }]);
    const reviewer = await person(`rev-${unique()}@example.net`);
    await addToPool(reviewer.email, { employer: 'Thurrock Council' });
    expect(await findConflicts(t.db, submission, [reviewer.id])).toEqual([
      { personId: reviewer.id, reason: 'declared_by_author', detail: 'Declared by Pia Author: “Thurrock Council”' },
    ]);
  });

  it('finds a reviewer who is a co-author, and the submitter', async () => {
    const coAuthor = await person(`co-${unique()}@example.org`);
    const submission = await submissionBy([{ name: 'Co Author', email: coAuthor.email }]);
    expect(await reasonsFor(submission, coAuthor.id)).toEqual(['author']);
    expect(await reasonsFor(submission, submitter.id)).toEqual(['author']);
  });

  it('records a conflict the editor declares, with its note, and audits it', async () => {
    const submission = await submissionBy([]);
    const reviewer = await person(`rev-${unique()}@example.org`);
    const declared = await editor.post(`/api/submissions/${submission}/conflicts`, {
      personId: reviewer.id,
      note: 'Supervised the author’s doctorate',
    });
    expect(declared.statusCode).toBe(201);
    expect(declared.json()).toEqual({
      personId: reviewer.id,
      conflicts: [{ reason: 'declared', detail: 'Recorded by an editor: Supervised the author’s doctorate' }],
    });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', submission)
      .where('action', '=', 'conflict.declared')
      .execute();
    expect(audit).toEqual([{ action: 'conflict.declared', details: { personId: reviewer.id } }]);
    // A conflict an author asked for is read the same way.
    await t.db
      .insertInto('conflict')
      .values({ submission_id: submission, person_id: reviewer.id, reason: 'declared_by_author' })
      .execute();
    expect(await reasonsFor(submission, reviewer.id)).toEqual(['declared_by_author', 'declared']);
  });
});

describe('reviewer suggestions', () => {
  it('rank by keyword match, then by lower load, with conflicted people last and their reasons', async () => {
    const rankVenue = (await makeVenue(t.db)).id;
    const rankCall = await makeCall(t.db, rankVenue);
    const rankEditor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const submission = await makeCompleteDraft(author, rankCall, {
      title: 'Staying in touch with care leavers',
      keywords: ['Child protection', 'care leavers'],
      authors: [{ name: 'Sam Submitter', email: submitter.email, affiliation: null }],
    });
    const busy = await person(`busy-${unique()}@example.org`, { name: 'Bea Busy' });
    const free = await person(`free-${unique()}@example.org`, { name: 'Fay Free' });
    const other = await person(`other-${unique()}@example.org`, { name: 'Ola Other' });
    const conflicted = await person(`conf-${unique()}@kirkby-trust.org.uk`, { name: 'Cy Conflicted' });
    const resting = await person(`rest-${unique()}@example.org`, { name: 'Ray Resting' });
    for (const [who, expertise] of [
      [busy, ['child protection', 'care leavers']],
      [free, ['Child-protection', 'Care leaver']],
      [other, ['ageing']],
      [conflicted, ['child protection', 'care leavers']],
      [resting, ['child protection']],
    ] as const) {
      const added = await rankEditor.post(`/api/venues/${rankVenue}/reviewer-pool`, {
        email: who.email,
        expertise,
        availability: who === free ? 'not before March' : '',
        availableFrom: who === free ? '2027-03-01' : '',
      });
      expect(added.statusCode).toBe(201);
    }
    await rankEditor.patch(`/api/venues/${rankVenue}/reviewer-pool/${resting.id}`, { active: false });
    // Bea has two open assignments in this venue (and a declined one, which is not load).
    const elsewhere = await makeCompleteDraft(author, rankCall, {});
    await t.db
      .insertInto('assignment')
      .values([
        { submission_id: elsewhere, round: 1, reviewer_id: busy.id, reviewer_number: 1, status: 'invited' },
        { submission_id: submission, round: 1, reviewer_id: busy.id, reviewer_number: 1, status: 'accepted' },
        { submission_id: submission, round: 1, reviewer_id: free.id, reviewer_number: 2, status: 'declined' },
      ])
      .execute();

    const response = await rankEditor.get(`/api/submissions/${submission}/reviewer-suggestions`);
    expect(response.statusCode).toBe(200);
    const { suggestions } = response.json();
    expect(suggestions.map((s: { name: string }) => s.name)).toEqual([
      'Fay Free',
      'Bea Busy',
      'Ola Other',
      'Cy Conflicted',
    ]);
    expect(suggestions[0]).toEqual({
      personId: free.id,
      name: 'Fay Free',
      email: free.email,
      affiliation: null,
      expertise: ['Child-protection', 'Care leaver'],
      matchedKeywords: ['Child-protection', 'Care leaver'],
      load: 0,
      availability: 'not before March (free from 2027-03-01)',
      conflicts: [],
    });
    expect(suggestions[1]).toMatchObject({ load: 2, matchedKeywords: ['child protection', 'care leavers'] });
    expect(suggestions[2]).toMatchObject({ matchedKeywords: [], conflicts: [] });
    expect(suggestions[3].conflicts).toEqual([
      { reason: 'same_email_domain', detail: 'Same e-mail domain as Sam Submitter: kirkby-trust.org.uk' },
    ]);
    // The pool page shows the same load.
    const pool = (await rankEditor.get(`/api/venues/${rankVenue}/reviewer-pool`)).json();
    expect(pool.reviewers.find((r: { personId: string }) => r.personId === busy.id).load).toBe(2);
  });

  it('answer 404 to anyone but an editor of the venue who is not an author', async () => {
    const coEditor = await makePerson(t.db, 'editor');
    const submission = await submissionBy([{ name: 'Ed Itor', email: coEditor.email }]);
    const outsider = await signedIn(t.app, (await person(`out-${unique()}@example.org`)).email);
    const missing = randomUUID();
    const notFound = (await editor.get(`/api/submissions/${missing}/reviewer-suggestions`)).json();
    for (const client of [author, outsider, await signedIn(t.app, coEditor.email)]) {
      const suggestions = await client.get(`/api/submissions/${submission}/reviewer-suggestions`);
      expect(suggestions.statusCode).toBe(404);
      expect({ ...suggestions.json(), requestId: null }).toEqual({ ...notFound, requestId: null });
      const declared = await client.post(`/api/submissions/${submission}/conflicts`, { personId: submitter.id });
      expect(declared.statusCode).toBe(404);
    }
    expect(await t.db.selectFrom('conflict').select('id').where('submission_id', '=', submission).execute()).toEqual(
      [],
    );
    expect((await editor.get(`/api/submissions/${submission}/reviewer-suggestions`)).statusCode).toBe(200);
  });
});

describe('the reviewer pool', () => {
  it('keeps every detail an editor records, and audits the change by field name', async () => {
    const reviewer = await person(`pool-${unique()}@example.org`);
    await addToPool(reviewer.email, { expertise: ['ageing'] });
    const changed = await editor.patch(`/api/venues/${venueId}/reviewer-pool/${reviewer.id}`, {
      employer: ' Mid and South Essex NHS Foundation Trust ',
      emailDomains: ['MSE.nhs.uk'],
      orcid: '0000-0002-1825-009x',
      declaredConflicts: ['Essex County Council', 'dana@example.org'],
      availability: 'not before March',
      availableFrom: '2027-03-01',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      expertise: ['ageing'],
      employer: 'Mid and South Essex NHS Foundation Trust',
      emailDomains: ['mse.nhs.uk'],
      orcid: '0000-0002-1825-009X',
      declaredConflicts: ['Essex County Council', 'dana@example.org'],
      availability: 'not before March',
      availableFrom: '2027-03-01',
      active: true,
      load: 0,
    });
    const audit = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'reviewer_pool.updated')
      .where('object_id', '=', venueId)
      .execute();
    expect(audit).toContainEqual({
      details: {
        personId: reviewer.id,
        fields: ['availability', 'availableFrom', 'declaredConflicts', 'emailDomains', 'employer', 'orcid'],
      },
    });
    // What the editors recorded is the reviewer's data too: it is in their own export.
    const exported = projectPersonalExport(await collectPersonalData(t.db, reviewer.id), new Date()).data;
    expect(exported.profile.reviewerPools).toMatchObject([
      {
        employer: 'Mid and South Essex NHS Foundation Trust',
        declaredConflicts: ['Essex County Council', 'dana@example.org'],
      },
    ]);
    // Emptying a text field clears it.
    const cleared = await editor.patch(`/api/venues/${venueId}/reviewer-pool/${reviewer.id}`, { availability: '' });
    expect(cleared.json().availability).toBeNull();
  });

  it('refuses a mistake with a message tied to the field, and changes nothing', async () => {
    const reviewer = await person(`pool-${unique()}@example.org`);
    await addToPool(reviewer.email, { expertise: ['ageing'], availability: 'any time' });
    const stored = () =>
      t.db.selectFrom('reviewer_pool').selectAll().where('person_id', '=', reviewer.id).executeTakeFirstOrThrow();
    const auditCount = async () =>
      (await t.db.selectFrom('audit_event').select('id').where('object_id', '=', venueId).execute()).length;
    const before = await stored();
    const eventsBefore = await auditCount();
    const mistakes: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ orcid: '1234', availability: 'March' }, 'orcid', /ORCID iD like/],
      [{ availableFrom: '1 March 2027' }, 'availableFrom', /date like 2027-03-01/],
      [{ availableFrom: '2027-02-30' }, 'availableFrom', /date like/],
      [{ emailDomains: ['not a domain'] }, 'emailDomains.0', /domains like/],
      [{ declaredConflicts: ['  '] }, 'declaredConflicts.0', /empty/],
      [{ employer: 'x'.repeat(301) }, 'employer', /300 characters/],
      [{ expertise: Array.from({ length: 21 }, (_, i) => `area ${i}`) }, 'expertise', /at most 20/],
      [{}, '', /at least one/],
    ];
    for (const [body, path, message] of mistakes) {
      const refused = await editor.patch(`/api/venues/${venueId}/reviewer-pool/${reviewer.id}`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.fields).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    expect(await stored()).toEqual(before);
    expect(await auditCount()).toBe(eventsBefore);
    // Someone not in this venue's pool: 404, as for anything else out of reach.
    const stranger = await person(`str-${unique()}@example.org`);
    expect(
      (await editor.patch(`/api/venues/${venueId}/reviewer-pool/${stranger.id}`, { active: false })).statusCode,
    ).toBe(404);
  });
});
