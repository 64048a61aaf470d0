// Lock → un-blind → eligibility → results → announce, through the API on a planted award call.
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
    // The judge still owing P2's mark is released, so the reminders stop, and told so.
    const owed = await t.db
      .selectFrom('assignment')
      .select(['status', 'cancel_reason'])
      .where('id', 'in', world.owed.P2!)
      .execute();
    expect(owed).toEqual([{ status: 'cancelled', cancel_reason: 'ranking locked' }]);
    const released = await t.db
      .selectFrom('email_message')
      .select('to_address')
      .where('template', '=', 'assignment.cancelled')
      .execute();
    expect(released.map((m) => m.to_address)).toEqual([world.judges.harsh!.email]);
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
    // So do the results: they are set on entries found eligible.
    const resultEarly = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: id, outcome: 'shortlisted' }],
    });
    expect(resultEarly.statusCode).toBe(409);
    expect(resultEarly.json().error.code).toBe('not_unblinded');
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

  it('sets results on eligible entries only, one winner per category', async () => {
    const view: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const [top, second, third] = student(view).entries;
    const put = (outcomes: Array<{ submissionId: string; outcome: string }>) =>
      chair.put(`${base()}/award-results`, { outcomes });
    for (const outcome of ['winner', 'shortlisted', 'commended']) {
      const unchecked = await put([{ submissionId: top!.submissionId, outcome }]);
      expect(unchecked.statusCode, outcome).toBe(409);
      expect(unchecked.json().error.code).toBe('eligibility_unchecked');
      expect(unchecked.json().error.message).toContain(`Check the eligibility of ${top!.code} first`);
    }
    expect(await actions('award.outcome_set')).toEqual([]);

    for (const entry of [top!, second!, third!]) {
      const checked = await chair.post(`${base()}/award-results/${entry.submissionId}/eligibility`, {
        eligibility: 'eligible',
      });
      expect(checked.statusCode).toBe(200);
    }
    const twoWinners = await put([
      { submissionId: top!.submissionId, outcome: 'winner' },
      { submissionId: second!.submissionId, outcome: 'winner' },
    ]);
    expect(twoWinners.statusCode).toBe(400);
    expect(twoWinners.json().error.code).toBe('one_winner');
    expect(twoWinners.json().error.message).toContain('Student');

    const saved = await put([
      { submissionId: top!.submissionId, outcome: 'winner' },
      { submissionId: second!.submissionId, outcome: 'shortlisted' },
      { submissionId: third!.submissionId, outcome: 'commended' },
    ]);
    expect(saved.statusCode).toBe(200);
    expect(entryOf(saved.json(), top!.submissionId).result?.outcome).toBe('winner');

    const noNote = await chair.post(`${base()}/award-results/${top!.submissionId}/eligibility`, {
      eligibility: 'ineligible',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('note_required');
  });

  it('hands an ineligible winner’s award to the next eligible entry below it, never above, never a withdrawn one', async () => {
    const view: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const [top, second, third, fourth, fifth] = student(view).entries;
    // The winner is moved to second place by the chair; the first (above it) stays eligible.
    const reordered = await chair.put(`${base()}/award-results`, {
      outcomes: [
        { submissionId: top!.submissionId, outcome: 'not_placed' },
        { submissionId: second!.submissionId, outcome: 'winner' },
      ],
    });
    expect(reordered.statusCode).toBe(200);
    // Below it: the third withdrew after the lock, the fourth is ineligible, the fifth eligible.
    await t.db.updateTable('submission').set({ status: 'withdrawn' }).where('id', '=', third!.submissionId).execute();
    const ineligible = { eligibility: 'ineligible', note: 'Already qualified: should have entered as a practitioner.' };
    await chair.post(`${base()}/award-results/${fourth!.submissionId}/eligibility`, ineligible);
    await chair.post(`${base()}/award-results/${fifth!.submissionId}/eligibility`, { eligibility: 'eligible' });
    const refused = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: fourth!.submissionId, outcome: 'commended' }],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('entry_ineligible');

    const moved = await chair.post(`${base()}/award-results/${second!.submissionId}/eligibility`, ineligible);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().message).toBe(
      `${second!.code} is ineligible, so it is no longer the winner. ` +
        `${fifth!.code}, the next eligible entry by calibrated rank (${fifth!.rank}), moved up to winner in Student.`,
    );
    const after: AwardRankingView = moved.json().ranking;
    expect(entryOf(after, second!.submissionId).result).toMatchObject({
      outcome: 'not_placed',
      eligibility: 'ineligible',
    });
    expect(entryOf(after, fifth!.submissionId).result?.outcome).toBe('winner');
    expect(entryOf(after, top!.submissionId).result?.outcome).toBe('not_placed');
    expect(entryOf(after, third!.submissionId).result).toMatchObject({ outcome: 'commended', withdrawn: true });
    expect(student(after).notes).toEqual([
      `${second!.code} was found ineligible, so ${fifth!.code}, the next eligible entry by calibrated rank, moved up to winner.`,
    ]);
    expect(await actions('award.winner_moved_up')).toEqual([
      {
        action: 'award.winner_moved_up',
        object_id: fifth!.submissionId,
        details: { callId: world.callId, replacedSubmissionId: second!.submissionId, replacedCode: second!.code },
      },
    ]);
    const ineligibleWins = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: second!.submissionId, outcome: 'winner' }],
    });
    expect(ineligibleWins.json().error.code).toBe('entry_ineligible');
    const withdrawnWins = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: third!.submissionId, outcome: 'shortlisted' }],
    });
    expect(withdrawnWins.statusCode).toBe(409);
    expect(withdrawnWins.json().error.code).toBe('entry_withdrawn');
    // The first entry, above the replaced winner, may still be commended: it is eligible.
    const commended = await chair.put(`${base()}/award-results`, {
      outcomes: [{ submissionId: top!.submissionId, outcome: 'commended' }],
    });
    expect(commended.statusCode).toBe(200);
  });

  it('announces once: each entrant and co-author told only of their own entry, a withdrawn entry not at all', async () => {
    const view: AwardRankingView = (await chair.get(`${base()}/award-ranking`)).json();
    const winner = student(view).entries.find((e) => e.result?.outcome === 'winner')!;
    const withdrawn = student(view).entries.find((e) => e.result?.withdrawn)!;
    expect(view.announceBlockers).toEqual([]);
    // The winning essay was written jointly: its co-author hears of the win too.
    await t.db
      .insertInto('submission_author')
      .values({
        submission_id: winner.submissionId,
        name: 'Corin Co-Writer',
        email: 'corin.co-writer@example.net',
        position: 99,
      })
      .execute();

    const announced = await chair.post(`${base()}/award-announcement`, { confirm: true });
    expect(announced.statusCode).toBe(200);
    expect(announced.json().message).toBe(
      'Announced. 1 winner, 1 commended and 6 other entrants are being told by e-mail.',
    );
    expect(announced.json().ranking.stage).toBe('announced');

    const mails = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'template', 'subject', 'text_body'])
      .where('template', 'like', 'award.%')
      .execute();
    expect(mails).toHaveLength(9);
    const everyone = Object.values(world.entries).filter((e) => e.id !== withdrawn.submissionId);
    const withdrawnEntry = Object.values(world.entries).find((e) => e.id === withdrawn.submissionId)!;
    expect(mails.filter((m) => m.to_address === withdrawnEntry.entrant.email)).toEqual([]);
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
    expect(byTemplate('award.winner').sort()).toEqual(
      ['corin.co-writer@example.net', winnerEntry.entrant.email].sort(),
    );
    expect(byTemplate('award.commended')).toHaveLength(1);
    expect(byTemplate('award.not_placed')).toHaveLength(6);

    // Every entry decided but the withdrawn one; the judge who never marked P2 stays released from the lock.
    const statuses = await t.db
      .selectFrom('submission')
      .select(['id', 'status'])
      .where('call_id', '=', world.callId)
      .execute();
    for (const { id, status } of statuses) expect(status).toBe(id === withdrawn.submissionId ? 'withdrawn' : 'decided');
    const owed = await t.db
      .selectFrom('assignment')
      .select(['status', 'cancel_reason'])
      .where('id', 'in', world.owed.P2!)
      .execute();
    expect(owed).toEqual([{ status: 'cancelled', cancel_reason: 'ranking locked' }]);
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
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('already_announced');
    const recheck = await chair.post(`${base()}/award-results/${winner.submissionId}/eligibility`, {
      eligibility: 'ineligible',
      note: 'Too late',
    });
    expect(recheck.statusCode).toBe(409);
    expect(recheck.json().error.code).toBe('already_announced');
    expect(await actions('award.announced')).toHaveLength(1);
  });
});
