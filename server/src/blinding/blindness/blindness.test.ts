// The blindness suite: every GET route in /api/openapi.json, walked as each reviewer, as a
// reviewer's invitation-link session, and (the mirror) as the author and a co-author, with every
// id each has come across and some it has not; their e-mails read; then every other route sent an
// empty body, because errors are a channel too. No identity the viewer may not know may appear in
// any status line, header, body, file or e-mail. Routes added later are walked without editing this.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { hashToken } from '../../accounts/tokens.ts';
import { venueKinds } from '../../mail-templates/catalogue.ts';
import { buildWorld, knownIds, people, type World } from './fixture.ts';
import { findNeedles, needlesOf } from './fold-text.ts';
import { doubleBlindSubmissionIds, forbiddenFor } from './identities.ts';
import { pdfToolsFound } from './pdf-text.ts';
import { type ApiRoute, apiRoutes, BlindnessWalk } from './walker.ts';

let t: TestApp;
let world: World;
let routes: ApiRoute[];
const walks = new Map<string, { walk: BlindnessWalk; person: { id: string; email: string } }>();
const long = 600_000;

beforeAll(async () => {
  t = await buildTestApp({ LOG_LEVEL: 'warn' });
  world = await buildWorld(t);
  routes = await apiRoutes(t.app);
}, long);
afterAll(async () => {
  const rows = [...walks.values()].map(({ walk }) => walk.summary());
  console.info(
    `blindness walk (qpdf ${pdfToolsFound.qpdf ? 'used' : 'absent'}, pdftotext ${pdfToolsFound.pdftotext ? 'used' : 'absent'}):`,
  );
  console.table(rows);
  console.info(
    `total: ${new Set([...walks.values()].flatMap(({ walk }) => [...walk.routesWalked])).size} routes of ${routes?.length}, ${rows.reduce((n, r) => n + r.requests, 0)} requests, ${rows.reduce((n, r) => n + r.mails, 0)} e-mails read`,
  );
  await t?.close();
});

/** The viewer's session made from an invitation link: it reaches that one assignment only. */
async function invitationLinkClient(email: string, assignmentId: string): Promise<TestClient> {
  const client = await signedIn(t.app, email);
  const token = client.cookie('gaps_session')!;
  await t.db
    .updateTable('session')
    .set({ assignment_id: assignmentId })
    .where('token_hash', '=', hashToken(token))
    .execute();
  return client;
}

async function walkAs(
  label: string,
  person: { id: string; email: string },
  open: () => Promise<TestClient>,
  seedIds: string[],
  seenIds: string[] = [],
) {
  const needles = await forbiddenFor(t.db, person.id);
  const walk = new BlindnessWalk({
    app: t.app,
    client: await open(),
    viewer: label,
    needles,
    seedIds,
    // A message kind's name is public (the same catalogue for everyone): one stands for them all
    // in the mail-template routes, whose parameter accepts nothing else.
    seenIds: [...seenIds, venueKinds[0]!.key],
    restore: open,
  });
  walks.set(label, { walk, person });
  await walk.readMail(t.db, person); // links in e-mails are ids the viewer has seen
  await walk.walkReads(routes);
  await walk.readMail(t.db, person); // and what walking sent them
  return { walk, needles };
}

/**
 * Once the API has reviewer pages (routes taking an assignment), a reviewer who accepted must have
 * read at least one of them: a walk refused everywhere would pass without proving anything.
 */
function expectReviewerPagesRead(walk: BlindnessWalk) {
  const reviewerPages = routes.filter((r) => r.method === 'GET' && r.params.some((p) => p.name === 'assignmentId'));
  if (reviewerPages.length === 0) return; // not built yet in this tree: nothing a reviewer can open
  const read = reviewerPages.filter((r) => walk.answeredOk.has(`GET ${r.path}`));
  expect(read.map((r) => r.path)).not.toEqual([]);
}

const reviewers = [
  ['Reviewer 1 (review sent)', 'reviewer1'],
  ['Reviewer 2 (draft)', 'reviewer2'],
  ['Reviewer 3 (invited only)', 'reviewer3'],
] as const;

describe('double-blind: what reviewers can read', () => {
  for (const [label, key] of reviewers) {
    it(
      `${label} finds no author, co-author, upload name, application answer or other reviewer`,
      async () => {
        const person = world.persons[key];
        const { walk, needles } = await walkAs(
          label,
          person,
          () => signedIn(t.app, person.email),
          knownIds(world),
          world.tokensOf[key],
        );
        // The needles are the double-blind identities: the author's surname among them, the open call's not.
        expect(needles.map((n) => n.folded)).toContain('angstrom okonkwo');
        expect(walk.routesWalked.size).toBe(routes.filter((r) => r.method === 'GET').length);
        if (key !== 'reviewer3') expectReviewerPagesRead(walk);
        expect(walk.findings).toEqual([]);
      },
      long,
    );
  }

  it(
    'an invitation-link session of Reviewer 1 finds none of them either',
    async () => {
      const person = world.persons.reviewer1;
      const assignmentId = world.assignmentsOf.reviewer1[0]!;
      const { walk } = await walkAs(
        'Reviewer 1 (invitation link)',
        person,
        () => invitationLinkClient(person.email, assignmentId),
        knownIds(world),
        world.tokensOf.reviewer1,
      );
      expectReviewerPagesRead(walk);
      expect(walk.findings).toEqual([]);
    },
    long,
  );
});

describe('the mirror: what authors can read', () => {
  for (const [label, key] of [
    ['the author', 'author'],
    ['the co-author', 'coAuthor'],
  ] as const) {
    it(
      `${label} finds no reviewer's name, e-mail or affiliation, and no confidential comment`,
      async () => {
        const person = world.persons[key];
        const { walk, needles } = await walkAs(label, person, () => signedIn(t.app, person.email), knownIds(world));
        expect(needles.map((n) => n.label)).toContain("Reviewer 1's confidential comment");
        // It reached the submission and both its files (the original and the review copy): the walk read real pages.
        expect(walk.seen).toContain(world.paperId);
        expect(walk.filesRead).toBeGreaterThanOrEqual(2);
        expect(walk.findings).toEqual([]);
      },
      long,
    );
  }

  it('the author’s timeline, after reviewers accepted and sent reviews, names no reviewer', async () => {
    // The reviewers' moves are audited with the reviewer as actor: a timeline that showed actors would name them.
    const actors = await t.db
      .selectFrom('audit_event')
      .select('actor_id')
      .where('action', '=', 'assignment.status_changed')
      .execute();
    expect(actors.map((a) => a.actor_id)).toContain(world.persons.reviewer1.id);
    const author = await signedIn(t.app, world.persons.author.email);
    const answer = await author.get(`/api/submissions/${world.paperId}`);
    expect(answer.statusCode).toBe(200);
    const timeline = answer.json().submission.timeline as Array<{ what: string }>;
    expect(timeline.length).toBeGreaterThan(0);
    const reviewerNeedles = (['reviewer1', 'reviewer2', 'reviewer3'] as const).flatMap((key) => [
      ...needlesOf(key, people[key].name, 'name'),
      ...needlesOf(key, people[key].email, 'email'),
      ...needlesOf(key, people[key].affiliation, 'place'),
    ]);
    expect(findNeedles(JSON.stringify(timeline), reviewerNeedles)).toEqual([]);
  });
});

describe('the walk would see a leak', () => {
  it('its needles match what the server really serves (the author sees their own name)', async () => {
    const author = await signedIn(t.app, world.persons.author.email);
    const body = (await author.get(`/api/submissions/${world.paperId}`)).body;
    const reviewerNeedles = await forbiddenFor(t.db, world.persons.reviewer1.id);
    // What a reviewer may not read is exactly what the author's own page shows.
    expect(findNeedles(body, reviewerNeedles)).toEqual(
      expect.arrayContaining([expect.stringContaining("author's name"), expect.stringContaining('upload file name')]),
    );
  });

  it('single-blind and open calls are left to their mode, not held to the double-blind promise', async () => {
    const double = await doubleBlindSubmissionIds(t.db);
    expect(double).toEqual(expect.arrayContaining([world.paperId, world.entryId]));
    expect(double).not.toContain(world.openId);
    expect(double).not.toContain(world.singleId);
    const first = (key: keyof typeof people) => needlesOf(key, people[key].name, 'name')[0]!.folded;
    const forbidden = async (key: keyof World['persons']) =>
      (await forbiddenFor(t.db, world.persons[key].id)).map((n) => n.folded);
    // Open: Reviewer 1 reviews it, so may see its author; Reviewer 2 has no part in it.
    expect(await forbidden('reviewer1')).not.toContain(first('openAuthor'));
    expect(await forbidden('reviewer2')).toContain(first('openAuthor'));
    // Single-blind: its reviewer (Reviewer 2) sees the author; the author does not see the reviewer.
    expect(await forbidden('reviewer2')).not.toContain(first('singleAuthor'));
    expect(await forbidden('reviewer1')).toContain(first('singleAuthor'));
    expect(await forbidden('singleAuthor')).toContain(first('reviewer2'));
    expect(await forbidden('openAuthor')).not.toContain(first('reviewer1'));
  });
});

describe('errors are a channel too: every other route, sent an empty body', () => {
  // Last, because these may change things (a withdrawal, an answered invitation): the reads above
  // saw everything first. Each walk goes on with the ids it collected while reading.
  it(
    'answers every viewer without a server error and without an identity',
    async () => {
      expect(walks.size).toBe(6);
      for (const { walk } of walks.values()) await walk.walkChanges(routes);
      // Only now: one viewer's change (an author withdrawing) may have mailed another.
      for (const { walk, person } of walks.values()) await walk.readMail(t.db, person);
      const findings = [...walks.values()].flatMap(({ walk }) => walk.findings);
      expect(findings).toEqual([]);
      expect([...walks.values()][0]!.walk.routesWalked.size).toBe(routes.length);
    },
    long,
  );
});
