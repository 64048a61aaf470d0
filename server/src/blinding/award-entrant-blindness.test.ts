// Before an award call's ranking is un-blinded, its chair (an editor of the award venue) must not
// learn who wrote an entry through any route: every GET the API describes is walked as the chair,
// with every id the chair comes across, and no entrant's or co-author's name, e-mail, upload name
// or application-form answer may appear. After the audited un-blinding they show as before; a
// journal submission's authors are never withheld from its editors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamedVenue } from '../../test/award-entrant-factories.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult, makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';
import { grantRole, insertPerson } from '../accounts/person.repository.ts';
import { findNeedles, type Needle, needlesOf } from './blindness/fold-text.ts';
import { type ApiRoute, apiRoutes, BlindnessWalk } from './blindness/walker.ts';

let t: TestApp;
let routes: ApiRoute[];
let chair: TestClient;
const ids = { awardVenue: '', awardCall: '', journalVenue: '', journalCall: '', entry: '', paper: '' };
const entrant = { name: 'Wilhelmina Thistlewood', email: 'w.thistlewood@fernbrake-mail.test' };
const coAuthor = { name: 'Barnaby Quenellstone', email: 'b.quenellstone@ashcombe-post.test' };
const journalAuthor = { name: 'Ottoline Marchbanks', email: 'o.marchbanks@larkspur-mail.test' };
const uploadName = 'Thistlewood-final-essay.pdf';
const formAnswer = 'BA Social Work at Harrowgate Polytechnic';
const long = 300_000;

const needles: Needle[] = [
  ...needlesOf("entrant's name", entrant.name, 'name'),
  ...needlesOf("entrant's e-mail", entrant.email, 'email'),
  ...needlesOf("co-author's name", coAuthor.name, 'name'),
  ...needlesOf("co-author's e-mail", coAuthor.email, 'email'),
  ...needlesOf('upload file name', uploadName, 'text'),
  ...needlesOf('application-form answer', formAnswer, 'place'),
];

async function person(name: string, email: string) {
  return insertPerson(t.db, { email, name, password: TEST_PASSWORD });
}

beforeAll(async () => {
  t = await buildTestApp({ LOG_LEVEL: 'warn' });
  routes = await apiRoutes(t.app);
  ids.awardVenue = (await makeNamedVenue(t.db, 'award', 'Clare Winnicott Essay Awards')).id;
  ids.journalVenue = (await makeNamedVenue(t.db, 'journal', 'Journal of Social Work Practice')).id;
  ids.awardCall = await makeCall(t.db, ids.awardVenue, {
    title: 'Essay Awards 2026',
    categories: [{ name: 'Student', description: '' }],
    applicationFormFields: [{ key: 'programme', label: 'Programme', type: 'text', required: true }],
  });
  ids.journalCall = await makeCall(t.db, ids.journalVenue, { title: 'Open submissions' });
  const chairId = await person('Constance Chairwoman', 'c.chair@gaps-office.test');
  await grantRole(t.db, chairId, 'editor', ids.awardVenue);
  await grantRole(t.db, chairId, 'editor', ids.journalVenue);
  chair = await signedIn(t.app, 'c.chair@gaps-office.test');

  await person(entrant.name, entrant.email);
  const client = await signedIn(t.app, entrant.email);
  const category = await t.db
    .selectFrom('call_category')
    .select('id')
    .where('call_id', '=', ids.awardCall)
    .executeTakeFirstOrThrow();
  ids.entry = await makeCompleteDraft(client, ids.awardCall, {
    categoryId: category.id,
    authors: [
      { name: entrant.name, email: entrant.email, affiliation: null },
      { name: coAuthor.name, email: coAuthor.email, affiliation: null },
    ],
    applicationForm: { programme: formAnswer },
  });
  const upload = await client.upload(`/api/submissions/${ids.entry}/manuscript`, uploadName, samplePdf());
  expect(upload.statusCode).toBe(201);
  const sent = await client.post(`/api/submissions/${ids.entry}/submit`);
  expect(sent.statusCode, sent.body).toBe(200);
  // The identity check found the entrant's name in the essay: the editor's report must not repeat it.
  await finishCopyAsWorker(t.db, ids.entry, (copy) =>
    madeCopyResult(copy.inputSha256, {
      findings: [{ kind: 'name', page: 1, text: entrant.name, context: `… written by ${entrant.name} in 2025 …` }],
    }),
  );

  await person(journalAuthor.name, journalAuthor.email);
  const author = await signedIn(t.app, journalAuthor.email);
  ids.paper = await makeCompleteDraft(author, ids.journalCall, {
    authors: [{ name: journalAuthor.name, email: journalAuthor.email, affiliation: null }],
  });
  expect((await author.post(`/api/submissions/${ids.paper}/submit`)).statusCode).toBe(200);
}, long);
afterAll(async () => {
  await t?.close();
});

/** The routes that show an entry to its editors, each probed directly. */
const probes = () => [
  `/api/submissions/${ids.entry}`,
  `/api/venues/${ids.awardVenue}/submissions`,
  `/api/venues/${ids.awardVenue}/submissions?q=Thistlewood`,
  `/api/calls/${ids.awardCall}/award-ranking`,
];

async function unblind() {
  await t.db
    .insertInto('award_ranking')
    .values({
      call_id: ids.awardCall,
      ranking: JSON.stringify({ explanation: '', noise: 0, judges: [], categories: [], missing: [] }),
      locked_at: new Date(),
      unblinded_at: new Date(),
    })
    .execute();
}

describe("an award call's entrants, before the un-blinding", () => {
  it(
    'no GET route shows the chair an entrant’s name, e-mail, upload name or form answer',
    async () => {
      const walk = new BlindnessWalk({
        app: t.app,
        client: chair,
        viewer: 'the award chair',
        needles,
        seedIds: [ids.awardVenue, ids.awardCall, ids.entry],
        restore: () => signedIn(t.app, 'c.chair@gaps-office.test'),
      });
      await walk.walkReads(routes);
      // It really read the entry and its queue, and reached the entry's file.
      expect(walk.answeredOk).toContain('GET /api/submissions/{submissionId}');
      expect(walk.answeredOk).toContain('GET /api/venues/{venueId}/submissions');
      expect(walk.routesWalked).toContain('GET /api/submissions/{submissionId}/manuscripts/{versionId}/file');
      // Identities only: the chair knows the entry exists, so a 404 that differs is no leak here.
      expect(walk.findings.filter((finding) => finding.includes(': shows '))).toEqual([]);
    },
    long,
  );

  it('says what is withheld, so the pages can say why', async () => {
    const answer = (await chair.get(`/api/submissions/${ids.entry}`)).json();
    expect(answer.submission.entrantWithheld).toBe(true);
    expect(answer.submission.authors).toEqual([]);
    expect(answer.submission.applicationForm).toBeNull();
    expect(answer.submission.reviewCopy.leakReport.findings).toEqual([
      { kind: 'name', page: 1, text: 'Entrant’s details hidden until the ranking is un-blinded', context: '' },
    ]);
    expect(answer.submission.manuscripts.map((m: { uploadedName: string }) => m.uploadedName)).not.toContain(
      uploadName,
    );
    const queue = (await chair.get(`/api/venues/${ids.awardVenue}/submissions`)).json();
    expect(queue.submissions[0]).toMatchObject({ id: ids.entry, authors: [], entrantWithheld: true });
    const version = answer.submission.manuscripts.at(-1);
    const file = await chair.get(`/api/submissions/${ids.entry}/manuscripts/${version.id}/file`);
    expect(file.statusCode).toBe(409);
    expect(file.json().error.code).toBe('entrant_withheld');
    // The entrant still reads their own file.
    const own = await signedIn(t.app, entrant.email);
    expect((await own.get(`/api/submissions/${ids.entry}/manuscripts/${version.id}/file`)).statusCode).toBe(200);
  });

  it('a journal submission shows its authors to its editors as before', async () => {
    const body = (await chair.get(`/api/submissions/${ids.paper}`)).body;
    expect(findNeedles(body, needlesOf('author', journalAuthor.name, 'name'))).not.toEqual([]);
    const queue = (await chair.get(`/api/venues/${ids.journalVenue}/submissions`)).json();
    expect(queue.submissions[0].authors).toEqual([journalAuthor.name]);
  });
});

describe('after the un-blinding', () => {
  it('every one of those routes shows the entrant again', async () => {
    await unblind();
    const entry = (await chair.get(`/api/submissions/${ids.entry}`)).json().submission;
    expect(entry.entrantWithheld).toBe(false);
    expect(entry.authors.map((a: { name: string }) => a.name)).toEqual([entrant.name, coAuthor.name]);
    expect(entry.authors[0].email).toBe(entrant.email);
    expect(entry.applicationForm).toEqual({ programme: formAnswer });
    expect(entry.reviewCopy.leakReport.findings[0].text).toBe(entrant.name);
    expect(entry.manuscripts.map((m: { uploadedName: string }) => m.uploadedName)).toContain(uploadName);
    const queue = (await chair.get(`/api/venues/${ids.awardVenue}/submissions`)).json();
    expect(queue.submissions[0].authors).toEqual([entrant.name, coAuthor.name]);
    const latest = entry.manuscripts.at(-1);
    const file = await chair.get(`/api/submissions/${ids.entry}/manuscripts/${latest.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).not.toContain('Thistlewood');
    for (const url of probes()) expect((await chair.get(url)).statusCode, url).toBe(200);
  });
});
