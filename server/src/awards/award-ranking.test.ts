// The chair's ranking of an award call through the API: a planted panel (lenient, harsh and fair
// judges over overlapping entries) whose raw means put the wrong essay first; entries by code and
// title only before the un-blinding; the 404 of a call that does not exist for everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwardWorld, makeJudgedAwardCall, plantedEntries, spearman } from '../../test/award-factories.ts';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { grantRole } from '../accounts/person.repository.ts';
import type { AwardRankingView } from '../blinding/project-award-ranking.ts';

let t: TestApp;
let world: AwardWorld;
let chair: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  world = await makeJudgedAwardCall(t);
  chair = await signedIn(t.app, world.chair.email);
});
afterAll(async () => {
  await t?.close();
});

const url = () => `/api/calls/${world.callId}/award-ranking`;
const category = (view: AwardRankingView, name: string) => view.categories.find((c) => c.name === name)!;

describe('the award ranking', () => {
  it('shows each entry’s marks by judge, raw mean, calibrated score, ranks and what is still missing', async () => {
    const response = await chair.get(url());
    expect(response.statusCode).toBe(200);
    const view: AwardRankingView = response.json();
    expect(view.stage).toBe('open');
    expect(view.locked).toBeNull();
    expect(view.categories.map((c) => c.name)).toEqual(['Student', 'Practitioner']);
    const s1 = category(view, 'Student').entries.find((e) => e.code === world.entries.S1!.code)!;
    expect(s1.title).toBe('The best essay');
    // One mark per submitted review: its weighted total, by the judge's name.
    expect(s1.marks.map((m) => [m.judge, m.score]).sort()).toEqual([
      ['Farid Fair', 8],
      ['Harriet Harsh', 5],
    ]);
    expect(s1.raw).toBe(6.5);
    expect(s1.judges).toBe(2);
    expect(typeof s1.calibrated).toBe('number');
    expect(typeof view.explanation).toBe('string');
    expect(view.explanation.length).toBeGreaterThan(0);
    // The harsh judge accepted P2 and has not marked it: the ranking is not final.
    expect(view.missingMarks).toEqual([
      {
        submissionId: world.entries.P2!.id,
        code: world.entries.P2!.code,
        title: 'Practice two',
        judge: 'Harriet Harsh',
        status: 'accepted',
      },
    ]);
    expect(view.announceBlockers).toEqual(['Lock the ranking first.']);
  });

  // Waits for the fitted model in calibration.ts: the foundation's stub ranks by raw mean, which
  // puts S4 first here (rank correlation 0.6), so this test fails until the real calibrate() is merged.
  it('recovers the planted order from lenient and harsh judges where the raw means put the wrong essay first', async () => {
    const view: AwardRankingView = (await chair.get(url())).json();
    const student = category(view, 'Student');
    const byKey = (key: string) => student.entries.find((e) => e.submissionId === world.entries[key]!.id)!;
    // The raw means are fooled: the lenient judges lift S4 above the better S1, S2 and S3.
    expect(byKey('S4').rawRank).toBe(1);
    expect(byKey('S1').rawRank).toBe(2);

    const truth = plantedEntries.filter((e) => e.category === 'Student');
    const trueRanks = truth.map((_, index) => index + 1); // listed best first
    const calibratedRanks = truth.map((entry) => byKey(entry.key).rank!);
    expect(spearman(trueRanks, calibratedRanks)).toBeGreaterThanOrEqual(0.9);
    expect(byKey('S1').rank).toBe(1);
    expect(byKey('S1').movement).toBe(1);
    // The panel reads how far each judge was corrected, in plain words.
    const lenient = view.judges.find((j) => j.judge === 'Lena Lenient')!;
    const harsh = view.judges.find((j) => j.judge === 'Harriet Harsh')!;
    expect(lenient.offset).toBeGreaterThan(0);
    expect(harsh.offset).toBeLessThan(0);
    expect(lenient.sentence).toMatch(
      /^Lena Lenient marks about [\d.]+ points? above the panel; their marks were lowered/,
    );
  });

  it('names no entrant and shows no application form before the un-blinding', async () => {
    const body = (await chair.get(url())).body;
    for (const entry of Object.values(world.entries)) {
      expect(body).not.toContain(entry.entrant.name);
      expect(body).not.toContain(entry.entrant.email);
    }
    expect(body).not.toContain('Ravenholm');
    expect(body).not.toContain('Quillfeather');
    const view: AwardRankingView = JSON.parse(body);
    expect(view.categories.flatMap((c) => c.entries).every((e) => e.entrant === null)).toBe(true);
  });

  it('answers 404 to other venues’ editors, judges and entrants, and 401 to nobody signed in', async () => {
    const elsewhere = await makeVenue(t.db);
    const otherEditor = await makePerson(t.db, 'author');
    await grantRole(t.db, otherEditor.id, 'editor', elsewhere.id);
    // An editor of the award who entered this call is an entrant here, not a chair.
    const editorEntrant = world.entries.P3!.entrant;
    await grantRole(t.db, editorEntrant.id, 'editor', world.venueId);
    const outsiders = [
      otherEditor.email,
      world.judges.lenient!.email,
      world.entries.S1!.entrant.email,
      editorEntrant.email,
    ];
    for (const email of outsiders) {
      const client = await signedIn(t.app, email);
      for (const response of [
        await client.get(url()),
        await client.post(`${url()}/lock`, { confirmMissing: true }),
        await client.post(`${url()}/unblind`, { confirm: true }),
        await client.put(`/api/calls/${world.callId}/award-results`, {
          outcomes: [{ submissionId: world.entries.S1!.id, outcome: 'winner' }],
        }),
        await client.post(`/api/calls/${world.callId}/award-announcement`, { confirm: true }),
      ]) {
        expect(response.statusCode, email).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
    }
    // A journal call answers as if it did not exist, even to an editor of every venue.
    const editorOfAll = await makePerson(t.db, 'editor');
    const journalCall = await t.db
      .insertInto('call')
      .values({ venue_id: elsewhere.id, slug: 'journal-call', title: 'Journal', opens_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = await signedIn(t.app, editorOfAll.email);
    expect((await editor.get(`/api/calls/${journalCall.id}/award-ranking`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(url())).statusCode).toBe(401);
    // Nothing was locked by any of them.
    expect(await t.db.selectFrom('award_ranking').selectAll().execute()).toEqual([]);
  });
});
