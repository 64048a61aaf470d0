// Lock → un-blind → results and eligibility → announce, through the API on a planted award call.
// Written against the ranking's own answers (whatever order the calibration gives), so it holds
// for any fair model: the rules under test are the steps', not the numbers'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwardWorld, makeJudgedAwardCall } from '../../test/award-factories.ts';
import { buildTestApp, makePerson, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { grantRole } from '../accounts/person.repository.ts';
import type { AwardRankingView } from '../blinding/project-award-ranking.ts';

let t: TestApp;
let world: AwardWorld;
let chair: TestClient;
let secondChair: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  world = await makeJudgedAwardCall(t);
  chair = await signedIn(t.app, world.chair.email);
  const second = await makePerson(t.db, 'author');
  await t.db.updateTable('person').set({ name: 'Sasha Second-Chair' }).where('id', '=', second.id).execute();
  await grantRole(t.db, second.id, 'editor', world.venueId);
  secondChair = await signedIn(t.app, second.email);
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/calls/${world.callId}`;
const entryOf = (view: AwardRankingView, submissionId: string) =>
  view.categories.flatMap((c) => c.entries).find((e) => e.submissionId === submissionId)!;
const student = (view: AwardRankingView) => view.categories.find((c) => c.name === 'Student')!;
const actions = async (action: string) =>
  t.db.selectFrom('audit_event').select(['action', 'object_id', 'details']).where('action', '=', action).execute();

describe('locking, un-blinding, results and the announcement', () => {
  it('asks before locking with marks missing, stores nothing until confirmed, and lets one of two chairs lock', async () => {
    const refused = await chair.post(`${base()}/award-ranking/lock`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('marks_missing');
    expect(refused.json().error.message).toContain('1 mark is still missing');
    expect(await t.db.selectFrom('award_ranking').select('call_id').execute()).toEqual([]);
    expect(await t.db.selectFrom('award_result').select('id').execute()).toEqual([]);

    const before: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const [first, second] = await Promise.all([
      chair.post(`${base()}/award-ranking/lock`, { confirmMissing: true }),
      secondChair.post(`${base()}/award-ranking/lock`, { confirmMissing: true }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().error.code).toBe('already_locked');
    expect(loser.json().error.message).toMatch(/locked this ranking on .+\. Reload the page/);

    const locked: AwardRankingView = (first.statusCode === 200 ? first : second).json();
    expect(locked.stage).toBe('locked');
    expect(locked.locked?.by).toMatch(/Test author|Sasha Second-Chair/);
    // The snapshot is what the chair saw; one result row per entry, with its locked scores.
    expect(locked.categories.map((c) => c.entries.map((e) => [e.submissionId, e.rank, e.calibrated]))).toEqual(
      before.categories.map((c) => c.entries.map((e) => [e.submissionId, e.rank, e.calibrated])),
    );
    const results = await t.db.selectFrom('award_result').selectAll().where('call_id', '=', world.callId).execute();
    expect(results).toHaveLength(Object.keys(world.entries).length);
    const s1 = results.find((r) => r.submission_id === world.entries.S1!.id)!;
    const s1View = entryOf(locked, world.entries.S1!.id);
    expect(Number(s1.normalised_score)).toBeCloseTo(s1View.calibrated!, 3);
    expect(Number(s1.raw_score)).toBe(6.5);
    expect(s1.rank).toBe(s1View.rank);
    expect(s1.outcome).toBe('not_placed');
    expect(s1.category_id).toBe(world.categories.Student);
    expect(await actions('award.ranking_locked')).toEqual([
      { action: 'award.ranking_locked', object_id: world.callId, details: { entries: 9, missingMarks: 1 } },
    ]);
    // A mark that comes in after the lock changes nothing.
    const again = await chair.post(`${base()}/award-ranking/lock`, { confirmMissing: true });
    expect(again.json().error.code).toBe('already_locked');
  });

  it('keeps the application form from editors until the un-blinding, and shows it after', async () => {
    const id = world.entries.S1!.id;
    const asEditor = await chair.get(`/api/submissions/${id}`);
    expect(asEditor.json().relation).toBe('editor');
    expect(asEditor.json().submission.applicationForm).toBeNull();
    expect(asEditor.body).not.toContain('Ravenholm');
    // The entrant always sees their own.
    const entrant = await signedIn(t.app, world.entries.S1!.entrant.email);
    expect((await entrant.get(`/api/submissions/${id}`)).json().submission.applicationForm).toEqual({
      programme: 'Programme of S1 at Ravenholm',
    });
    // Eligibility waits for the un-blinding too.
    const early = await chair.post(`${base()}/award-results/${id}/eligibility`, { eligibility: 'eligible' });
    expect(early.json().error.code).toBe('not_unblinded');
    const announceEarly = await chair.post(`${base()}/award-announcement`, { confirm: true });
    expect(announceEarly.json().error.code).toBe('not_unblinded');

    expect((await chair.post(`${base()}/award-ranking/unblind`, {})).statusCode).toBe(400);
    const unblinded = await chair.post(`${base()}/award-ranking/unblind`, { confirm: true });
    expect(unblinded.statusCode).toBe(200);
    const view: AwardRankingView = unblinded.json();
    expect(view.stage).toBe('unblinded');
    expect(entryOf(view, id).entrant).toEqual({
      name: world.entries.S1!.entrant.name,
      email: world.entries.S1!.entrant.email,
      applicationForm: [{ label: 'Programme or qualification', value: 'Programme of S1 at Ravenholm' }],
    });
    expect((await chair.get(`/api/submissions/${id}`)).json().submission.applicationForm).toEqual({
      programme: 'Programme of S1 at Ravenholm',
    });
    const twice = await secondChair.post(`${base()}/award-ranking/unblind`, { confirm: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_unblinded');
    expect(await actions('award.unblinded')).toHaveLength(1);
  });

  it('takes one winner per category, and moves the next entry up when the winner is ineligible', async () => {
    const view: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const [top, second, third] = student(view).entries;
    const twoWinners = await chair.put(`${base()}/award-results`, {
      outcomes: [
        { submissionId: top!.submissionId, outcome: 'winner' },
        { submissionId: second!.submissionId, outcome: 'winner' },
      ],
    });
    expect(twoWinners.statusCode).toBe(400);
    expect(twoWinners.json().error.code).toBe('one_winner');
    expect(twoWinners.json().error.message).toContain('Student');

    const saved = await chair.put(`${base()}/award-results`, {
      outcomes: [
        { submissionId: top!.submissionId, outcome: 'winner' },
        { submissionId: second!.submissionId, outcome: 'shortlisted' },
        { submissionId: third!.submissionId, outcome: 'commended' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    expect(entryOf(saved.json(), top!.submissionId).result?.outcome).toBe('winner');

    const noNote = await chair.post(`${base()}/award-results/${top!.submissionId}/eligibility`, {
      eligibility: 'ineligible',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('note_required');

    const moved = await chair.post(`${base()}/award-results/${top!.submissionId}/eligibility`, {
      eligibility: 'ineligible',
      note: 'Already qualified: should have entered as a practitioner.',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().message).toContain(`${top!.code} is ineligible`);
    expect(moved.json().message).toContain(
      `${second!.code}, next by calibrated rank (${second!.rank}), moved up to winner in Student`,
    );
    const after: AwardRankingView = moved.json().ranking;
    expect(entryOf(after, top!.submissionId).result).toMatchObject({
      outcome: 'not_placed',
      eligibility: 'ineligible',
    });
    expect(entryOf(after, second!.submissionId).result?.outcome).toBe('winner');
    expect(student(after).notes).toEqual([
      `${top!.code} was found ineligible, so ${second!.code}, next by calibrated rank, moved up to winner.`,
    ]);
    expect(await actions('award.winner_moved_up')).toEqual([
      {
        action: 'award.winner_moved_up',
        object_id: second!.submissionId,
        details: { callId: world.callId, replacedSubmissionId: top!.submissionId, replacedCode: top!.code },
      },
    ]);
    const ineligibleWins = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: top!.submissionId, outcome: 'winner' }],
    });
    expect(ineligibleWins.json().error.code).toBe('ineligible_winner');
  });

  it('announces once, when every winner is eligible: each entrant told only of their own entry', async () => {
    const view: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const winner = student(view).entries.find((e) => e.result?.outcome === 'winner')!;
    expect(view.announceBlockers).toEqual([`Check the eligibility of ${winner.code}, the winner in Student.`]);
    const unchecked = await chair.post(`${base()}/award-announcement`, { confirm: true });
    expect(unchecked.statusCode).toBe(409);
    expect(unchecked.json().error.code).toBe('eligibility_unchecked');
    expect(await t.db.selectFrom('email_message').select('id').where('template', 'like', 'award.%').execute()).toEqual(
      [],
    );

    await chair.post(`${base()}/award-results/${winner.submissionId}/eligibility`, { eligibility: 'eligible' });
    const announced = await chair.post(`${base()}/award-announcement`, { confirm: true });
    expect(announced.statusCode).toBe(200);
    expect(announced.json().message).toBe(
      'Announced. 1 winner, 1 commended and 7 other entrants are being told by e-mail.',
    );
    expect(announced.json().ranking.stage).toBe('announced');

    const mails = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'template', 'subject', 'text_body'])
      .where('template', 'like', 'award.%')
      .execute();
    expect(mails).toHaveLength(9);
    const everyone = Object.values(world.entries);
    for (const entry of everyone) {
      const own = mails.filter((m) => m.to_address === entry.entrant.email);
      expect(own, entry.code).toHaveLength(1);
      const mail = own[0]!;
      expect(mail.text_body).toContain(entry.code);
      for (const other of everyone.filter((e) => e !== entry)) {
        expect(mail.text_body).not.toContain(other.entrant.name);
        expect(mail.text_body).not.toContain(other.code);
      }
      // No marks, ranks or scores of anyone.
      expect(mail.text_body).not.toMatch(/\b\d+\.\d+\b|rank/i);
    }
    const byTemplate = (template: string) => mails.filter((m) => m.template === template).map((m) => m.to_address);
    const winnerEntry = everyone.find((e) => e.id === winner.submissionId)!;
    expect(byTemplate('award.winner')).toEqual([winnerEntry.entrant.email]);
    expect(byTemplate('award.commended')).toHaveLength(1);
    expect(byTemplate('award.not_placed')).toHaveLength(7);
    const shortlistedMail = mails.find((m) => m.template === 'award.not_placed' && m.text_body.includes('shortlisted'));
    expect(shortlistedMail).toBeUndefined(); // the shortlisted entry moved up to winner

    // Every entry decided; the judge who never marked P2 is released (and told).
    const statuses = await t.db.selectFrom('submission').select('status').where('call_id', '=', world.callId).execute();
    expect(statuses.every((s) => s.status === 'decided')).toBe(true);
    const owed = await t.db
      .selectFrom('assignment')
      .select(['status', 'cancel_reason'])
      .where('id', 'in', world.owed.P2!)
      .execute();
    expect(owed).toEqual([{ status: 'cancelled', cancel_reason: 'decided' }]);
    const results = await t.db
      .selectFrom('award_result')
      .select('announced_at')
      .where('call_id', '=', world.callId)
      .execute();
    expect(results.every((r) => r.announced_at !== null)).toBe(true);

    const twice = await secondChair.post(`${base()}/award-announcement`, { confirm: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_announced');
    expect(twice.json().error.message).toContain('announced these results on');
    expect(
      (await t.db.selectFrom('email_message').select('id').where('template', 'like', 'award.%').execute()).length,
    ).toBe(9);
    const frozen = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: winner.submissionId, outcome: 'commended' }],
    });
    expect(frozen.json().error.code).toBe('already_announced');
    expect(await actions('award.announced')).toHaveLength(1);
  });
});
