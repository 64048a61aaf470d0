// The reports against planted data whose every figure is worked out by hand in the comments:
// submissions across months, decisions (one rescinded, one rejection from before decisions were
// recorded), reviewers with known answer and completion times, one review overdue; then the CSV
// files, who may read them, and the refusals of bad filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { type Planted, plantAward, plantJournal, plantOverdueEdges } from '../../test/report-world.ts';
import { makeAwardVenue } from '../../test/review-panel-factories.ts';
import { grantRole } from '../accounts/person.repository.ts';
import { loadReminderSubjects } from '../reminders/assignment-facts.ts';
import { isOverdue } from '../reminders/overdue.ts';

let t: TestApp;
let planted: Planted;
let editor: TestClient;
let venueId: string;
let awardVenueId: string;
let editorEmail: string;
let editorId: string;
const now = new Date('2027-06-15T12:00:00Z');
const base = () => `/api/venues/${venueId}/reports`;

beforeAll(async () => {
  t = await buildTestApp({ LOG_LEVEL: 'silent' });
  t.setNow(now);
  const venue = await makeVenue(t.db, 'jswp-report');
  venueId = venue.id;
  awardVenueId = (await makeAwardVenue(t.db)).id;
  const editorPerson = await makePerson(t.db, 'editor');
  editorEmail = editorPerson.email;
  editorId = editorPerson.id;
  planted = await plantJournal(t.db, venueId, editorPerson.id, {
    rolling: await makeCall(t.db, venueId, { title: 'Rolling call' }),
    special: await makeCall(t.db, venueId, { title: '=SUM(1+1) special issue' }),
  });
  await plantAward(t.db, awardVenueId, await makeCall(t.db, awardVenueId, { title: 'Essay awards 2027' }));
  editor = await signedIn(t.app, editorPerson.email);
}, 120_000);
afterAll(async () => t?.close());

describe('the figures', () => {
  it('counts every figure of all calls together, as worked out by hand', async () => {
    const response = await editor.get(base());
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.timeZone).toBe('Europe/London');
    expect(report.total).toEqual({
      callId: null,
      callTitle: 'All calls',
      received: 7,
      beingScreenedNow: 1,
      inReviewNow: 1,
      withAuthorsNow: 1,
      // S1 accepted, S2 rejected (its rescinded acceptance ignored), S3 rejected without review
      // before decisions were recorded, S6 rejected without review with a decision row (once).
      decided: 4,
      accepted: 1,
      acceptanceRate: 0.25,
      placed: 0,
      placedRate: null,
      // 2, 10, 20, 20, 30 days: the median 20, the 90th percentile 20 + 0.6 × 10.
      firstDecision: { count: 5, medianDays: 20, p90Days: 26 },
      // 1, 2, 3, 4, 8, 10 days.
      reviewerResponse: { count: 6, medianDays: 3.5, p90Days: 9 },
      invitationsExpired: 1,
      // 6 and 10 days.
      reviewCompletion: { count: 2, medianDays: 8, p90Days: 9.6 },
      // A3 only: A6 is past due too, but its submission is decided; A7 is not due yet.
      overdueNow: 1,
    });
  });

  it('has a row per call', async () => {
    const report = (await editor.get(base())).json();
    const rows = Object.fromEntries(report.byCall.map((row: { callTitle: string }) => [row.callTitle, row]));
    // Calls in the order they opened, then by title.
    expect(Object.keys(rows)).toEqual(['=SUM(1+1) special issue', 'Rolling call']);
    expect(rows['Rolling call']).toMatchObject({
      received: 4,
      decided: 3,
      accepted: 1,
      acceptanceRate: 0.333,
      firstDecision: { count: 4, medianDays: 20 },
      reviewerResponse: { count: 3, medianDays: 2 },
      overdueNow: 0,
    });
    expect(rows['=SUM(1+1) special issue']).toMatchObject({
      received: 3,
      beingScreenedNow: 1,
      inReviewNow: 1,
      decided: 1,
      accepted: 0,
      acceptanceRate: 0,
      reviewerResponse: { count: 3, medianDays: 8 },
      invitationsExpired: 1,
      overdueNow: 1,
    });
  });

  it('counts each decision by outcome, and each month from the first submission to now', async () => {
    const report = (await editor.get(base())).json();
    expect(report.outcomes.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([
      ['Accepted', 1],
      ['Minor revision', 1],
      ['Major revision', 1],
      ['Rejected after review', 1],
      ['Rejected without review', 2],
    ]);
    expect(report.months).toEqual([
      { month: '2027-01', received: 2, decided: 0 },
      { month: '2027-02', received: 2, decided: 2 },
      { month: '2027-03', received: 2, decided: 2 },
      { month: '2027-04', received: 1, decided: 0 },
      { month: '2027-05', received: 0, decided: 0 },
      { month: '2027-06', received: 0, decided: 0 },
    ]);
  });

  it('counts only the days chosen, except what is true now', async () => {
    const report = (await editor.get(`${base()}?from=2027-02-01&to=2027-02-28`)).json();
    expect(report.filter).toEqual({ callId: null, from: '2027-02-01', to: '2027-02-28' });
    expect(report.total).toMatchObject({
      received: 2,
      decided: 2,
      accepted: 0,
      acceptanceRate: 0,
      // S2's first decision is its rejection (30 days): the rescinded acceptance would have made it 16.
      firstDecision: { count: 2, medianDays: 16 },
      reviewerResponse: { count: 2, medianDays: 6 },
      reviewCompletion: { count: 1, medianDays: 6 },
      invitationsExpired: 1,
      inReviewNow: 1,
      overdueNow: 1,
    });
    expect(report.months).toEqual([{ month: '2027-02', received: 2, decided: 2 }]);
  });

  it('narrows everything to one call', async () => {
    const report = (await editor.get(`${base()}?callId=${planted.calls.rolling}&from=&to=`)).json();
    expect(report.byCall.map((row: { callTitle: string }) => row.callTitle)).toEqual(['Rolling call']);
    expect(report.total).toMatchObject({ callTitle: 'Rolling call', received: 4, decided: 3, overdueNow: 0 });
    expect(report.months.reduce((n: number, m: { received: number }) => n + m.received, 0)).toBe(4);
  });

  it('counts overdue reviews by the reminders’ own rule', async () => {
    const subjects = (
      await Promise.all(Object.values(planted.calls).map((callId) => loadReminderSubjects(t.db, { callId })))
    ).flat();
    const byRule = subjects.filter((subject) => isOverdue(subject.facts, now)).length;
    expect(byRule).toBe(1);
    expect((await editor.get(base())).json().total.overdueNow).toBe(byRule);
  });

  it('agrees with the reminders’ rule on its edges: an old round, a pause, an invitation, a withdrawal', async () => {
    const edgeVenue = await makeVenue(t.db, 'edges');
    await grantRole(t.db, editorId, 'editor', edgeVenue.id);
    const callId = await makeCall(t.db, edgeVenue.id, { title: 'Edge cases' });
    await plantOverdueEdges(t.db, edgeVenue.id, callId);
    const subjects = await loadReminderSubjects(t.db, { callId });
    expect(subjects).toHaveLength(4);
    expect(subjects.filter((subject) => isOverdue(subject.facts, now))).toHaveLength(1);
    const edgeEditor = await signedIn(t.app, editorEmail);
    expect((await edgeEditor.get(`/api/venues/${edgeVenue.id}/reports`)).json().total.overdueNow).toBe(1);
  });

  it('reports an award’s placed entries instead of an acceptance rate', async () => {
    const report = (await editor.get(`/api/venues/${awardVenueId}/reports`)).json();
    // Four results announced (winner, commended, shortlisted, not placed); a fifth not yet.
    expect(report.total).toMatchObject({ received: 5, decided: 4, placed: 2, placedRate: 0.5, acceptanceRate: null });
    expect(report.outcomes.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([
      ['Winner', 1],
      ['Commended', 1],
      ['Shortlisted', 1],
      ['Not placed', 1],
    ]);
  });
});

describe('the CSV files', () => {
  it('writes the calls table with the total last, formulas defused', async () => {
    const response = await editor.get(`${base()}/calls.csv?from=2027-01-01&to=2027-06-30`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="jswp-report-calls-2027-01-01-to-2027-06-30.csv"',
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Call,Received,Being screened now,In review now,/);
    expect(lines[1]).toBe("'=SUM(1+1) special issue,3,1,1,0,1,0,0,1,10,10,3,8,9.6,1,1,6,6,1");
    expect(lines[2]).toBe('Rolling call,4,0,0,1,3,1,33.3,4,20,27,3,2,2.8,0,1,10,10,0');
    expect(lines[3]).toBe('All calls,7,1,1,1,4,1,25,5,20,26,6,3.5,9,1,2,8,9.6,1');
    expect(lines[4]).toBe('');
  });

  it('writes the outcomes and the months', async () => {
    const outcomes = await editor.get(`${base()}/outcomes.csv`);
    expect(outcomes.body).toBe(
      '\uFEFFOutcome,Decisions\r\nAccepted,1\r\nMinor revision,1\r\nMajor revision,1\r\nRejected after review,1\r\nRejected without review,2\r\n',
    );
    const months = await editor.get(`${base()}/months.csv?from=2027-02-01&to=2027-03-31`);
    expect(months.body).toBe('\uFEFFMonth,Received,Decided\r\n2027-02,2,2\r\n2027-03,2,2\r\n');
  });

  it('refuses a table that does not exist', async () => {
    const response = await editor.get(`${base()}/people.csv`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/choose one of calls\.csv, outcomes\.csv, months\.csv/);
  });
});

describe('who may read them', () => {
  it('answers 404 to an author, a reviewer and another venue’s editor, 401 to nobody', async () => {
    const otherEditor = await makePerson(t.db, 'author');
    await grantRole(t.db, otherEditor.id, 'editor', awardVenueId);
    for (const email of [planted.authorEmail, planted.reviewerEmails[0]!, otherEditor.email]) {
      const client = await signedIn(t.app, email);
      // A wrong filter too: refused as not there, before the filter is even read.
      for (const url of [base(), `${base()}/calls.csv`, `${base()}?from=nonsense`]) {
        const response = await client.get(url);
        expect(response.statusCode, `${email} ${url}`).toBe(404);
        expect(response.body).not.toMatch(/Rolling call/);
      }
    }
    const nobody = await t.app.inject({ method: 'GET', url: base() });
    expect(nobody.statusCode).toBe(401);
  });

  it('never names a reviewer, an author or a submission, even to an editor who is an author', async () => {
    // The editor is a co-author of S4, the submission with the overdue review.
    const bodies = [
      (await editor.get(base())).body,
      (await editor.get(`${base()}?callId=${planted.calls.special}&from=2027-02-01&to=2027-02-28`)).body,
      ...(await Promise.all(
        ['calls', 'outcomes', 'months'].map(async (table) => (await editor.get(`${base()}/${table}.csv`)).body),
      )),
    ];
    for (const needle of planted.identities) {
      for (const body of bodies) expect(body).not.toContain(needle);
    }
  });
});

describe('bad filters', () => {
  const refused = async (query: string, status: number, message: RegExp) => {
    const response = await editor.get(`${base()}?${query}`);
    expect(response.statusCode, query).toBe(status);
    expect(response.json().error.message, query).toMatch(message);
  };

  it('says what to type for a day that does not exist, a far one, or days the wrong way round', async () => {
    await refused('from=2027-02-30', 400, /^Please check the filters\. Write the first day as 2027-03-31/);
    await refused('to=31/03/2027', 400, /last day as 2027-03-31/);
    await refused('from=1999-01-01', 400, /within 10 years of today/);
    await refused('from=2027-03-01&to=2027-02-01', 400, /first day must come before the last day/);
    await refused('callId=rolling', 400, /Choose a call from the list/);
  });

  it('answers 404 for a call that does not exist or is another venue’s', async () => {
    await refused('callId=00000000-0000-4000-8000-000000000000', 404, /could not find that call/);
    const awardCall = await t.db
      .selectFrom('call')
      .select('id')
      .where('venue_id', '=', awardVenueId)
      .executeTakeFirstOrThrow();
    await refused(`callId=${awardCall.id}`, 404, /could not find that call/);
  });
});
