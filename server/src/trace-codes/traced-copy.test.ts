// Each reviewer's download carries their assignment's trace code in the footer of every page and
// is otherwise the review copy; only that reviewer gets it; editors can look a code up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  distinctiveAuthor,
  insertAssignment,
  makeReviewableSubmission,
  scopedSessionCookie,
} from '../../test/assignments.ts';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';

let t: TestApp;
let author: TestClient;
let editor: TestClient;
let first: TestClient;
let second: TestClient;
let invitee: TestClient;
let venueId: string;
let submissionId: string;
let code: string;
let copyPageCount: number;
const ids: Record<string, string> = {};
const scratch = mkdtempSync(path.join(tmpdir(), 'traced-copy-'));

/** The text of each page, as pdftotext reads it (poppler-utils: installed wherever the tests run). */
function pagesOf(response: LightMyRequestResponse): string[] {
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, response.rawPayload);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  venueId = venue.id;
  const callId = await makeCall(t.db, venue.id);
  const authorPerson = await makePerson(t.db, 'author');
  author = await signedIn(t.app, authorPerson.email);
  ({ submissionId, code, copyPageCount } = await makeReviewableSubmission(t.db, author, {
    callId,
    authorEmail: authorPerson.email,
    dataDir: t.dataDir,
    pages: 14,
  }));
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  const people = await Promise.all([1, 2, 3].map(() => makePerson(t.db, 'author')));
  [first, second, invitee] = (await Promise.all(people.map((person) => signedIn(t.app, person.email)))) as [
    TestClient,
    TestClient,
    TestClient,
  ];
  ids.first = await insertAssignment(t.db, { submissionId, reviewerId: people[0]!.id, status: 'accepted' });
  ids.second = await insertAssignment(t.db, { submissionId, reviewerId: people[1]!.id, status: 'submitted' });
  ids.invited = await insertAssignment(t.db, { submissionId, reviewerId: people[2]!.id, status: 'invited' });
});
afterAll(async () => {
  await t.close();
});

const fileOf = (assignmentId: string, query = '') => `/api/assignments/${assignmentId}/review-copy/file${query}`;

describe('the reviewer’s download', () => {
  it('stamps the trace code on every page and is otherwise the review copy', async () => {
    const response = await first.get(fileOf(ids.first!));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${code}-review-copy.pdf"`);
    // The API's own rule (plugins/browser-guards.ts) makes it plain no-store: kept by no cache at all.
    expect(response.headers['cache-control']).toMatch(/no-store/);
    const { trace_code: traceCode } = await t.db
      .selectFrom('assignment')
      .select('trace_code')
      .where('id', '=', ids.first!)
      .executeTakeFirstOrThrow();
    expect(traceCode).toMatch(/^[A-Z0-9]{8}$/);
    const pages = pagesOf(response);
    expect(pages).toHaveLength(copyPageCount);
    for (const [index, page] of pages.entries()) {
      expect(page).toContain(`Review copy · trace ${traceCode}`);
      expect(page).toContain(`Confidential: for peer review only · ${code} · page ${index + 1} of ${copyPageCount}`);
    }
    // Kept, so the next download streams the stamped file instead of stamping again.
    const again = await first.get(fileOf(ids.first!));
    expect(again.rawPayload.equals(response.rawPayload)).toBe(true);
    const kept = await t.db.selectFrom('traced_copy').selectAll().where('assignment_id', '=', ids.first!).execute();
    expect(kept).toHaveLength(1);
  });

  it('gives each reviewer their own code', async () => {
    const [one, two] = await Promise.all([first.get(fileOf(ids.first!)), second.get(fileOf(ids.second!))]);
    expect(two.statusCode).toBe(200);
    const codes = await t.db
      .selectFrom('assignment')
      .select(['id', 'trace_code'])
      .where('id', 'in', [ids.first!, ids.second!])
      .execute();
    const [codeOne, codeTwo] = [ids.first, ids.second].map((id) => codes.find((row) => row.id === id)!.trace_code);
    expect(codeOne).not.toBe(codeTwo);
    expect(pagesOf(one)[1]).toContain(codeOne);
    expect(pagesOf(two)[1]).toContain(codeTwo);
    expect(pagesOf(two)[1]).not.toContain(codeOne);
  });

  it('opens in the browser with ?inline=1, still under a neutral name', async () => {
    const response = await first.get(fileOf(ids.first!, '?inline=1'));
    expect(response.headers['content-disposition']).toBe(`inline; filename="${code}-review-copy.pdf"`);
    // The review page shows it in a frame of its own origin: nothing may forbid that.
    expect(String(response.headers['x-frame-options'] ?? 'SAMEORIGIN').toUpperCase()).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy'] ?? '').not.toMatch(/frame-ancestors 'none'/);
  });

  it('holds nothing that identifies the authors, in its headers or its text', async () => {
    const response = await first.get(fileOf(ids.first!));
    const seen =
      `${JSON.stringify(response.headers)}\n${pagesOf(response).join('\n')}\n${response.rawPayload.toString('latin1')}`
        .normalize('NFD')
        .toLowerCase();
    for (const secret of [distinctiveAuthor.name, 'Hartley', 'Blindtest', 'Quixley', distinctiveAuthor.email]) {
      expect(seen).not.toContain(secret.normalize('NFD').toLowerCase());
    }
  });

  it('reaches a session made from the invitation link, for that assignment', async () => {
    const reviewerId = (
      await t.db.selectFrom('assignment').select('reviewer_id').where('id', '=', ids.first!).executeTakeFirstOrThrow()
    ).reviewer_id;
    const cookie = await scopedSessionCookie(t.db, reviewerId, ids.first!);
    const response = await t.app.inject({ method: 'GET', url: fileOf(ids.first!), headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const elsewhere = await t.app.inject({ method: 'GET', url: fileOf(ids.second!), headers: { cookie } });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('waits for the invitation to be accepted', async () => {
    const response = await invitee.get(fileOf(ids.invited!));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('answer_first');
  });

  it('is nobody else’s: another reviewer, the author and the editor get 404', async () => {
    const missing = await second.get(fileOf('00000000-0000-4000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
    for (const client of [second, author, editor]) {
      const response = await client.get(fileOf(ids.first!));
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual(missing.json().error);
    }
  });

  it('never reaches the original manuscript through the author’s and editor’s routes', async () => {
    const version = await t.db
      .selectFrom('manuscript_version')
      .select('id')
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    for (const url of [
      `/api/submissions/${submissionId}/manuscripts/${version.id}/file`,
      `/api/submissions/${submissionId}/review-copy/file`,
      `/api/submissions/${submissionId}`,
    ]) {
      const response = await first.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('Hartley');
    }
  });

  it('ends with a declined or cancelled assignment', async () => {
    await t.db
      .updateTable('assignment')
      .set({ status: 'cancelled', cancelled_at: new Date() })
      .where('id', '=', ids.invited!)
      .execute();
    expect((await invitee.get(fileOf(ids.invited!))).statusCode).toBe(404);
  });
});

describe('GET /api/venues/:venueId/trace-codes/:code', () => {
  it('tells the editor whose download a code came from, however it is typed', async () => {
    const { trace_code: traceCode } = await t.db
      .selectFrom('assignment')
      .select('trace_code')
      .where('id', '=', ids.first!)
      .executeTakeFirstOrThrow();
    const typed = `${traceCode!.slice(0, 4).toLowerCase()}-${traceCode!.slice(4)} `;
    const response = await editor.get(`/api/venues/${venueId}/trace-codes/${encodeURIComponent(typed)}`);
    expect(response.statusCode).toBe(200);
    const reviewer = await t.db
      .selectFrom('assignment')
      .innerJoin('person', 'person.id', 'assignment.reviewer_id')
      .select(['person.id', 'person.name', 'person.email'])
      .where('assignment.id', '=', ids.first!)
      .executeTakeFirstOrThrow();
    expect(response.json()).toMatchObject({
      traceCode,
      assignment: { id: ids.first, reviewerNumber: 1, status: 'accepted', issuedAt: expect.any(String) },
      reviewer,
      submission: { id: submissionId, code },
    });
  });

  it('answers 404 to anyone but the venue’s editors, and for a code that is not there', async () => {
    const { trace_code: traceCode } = await t.db
      .selectFrom('assignment')
      .select('trace_code')
      .where('id', '=', ids.first!)
      .executeTakeFirstOrThrow();
    for (const client of [first, author]) {
      expect((await client.get(`/api/venues/${venueId}/trace-codes/${traceCode}`)).statusCode).toBe(404);
    }
    expect((await editor.get(`/api/venues/${venueId}/trace-codes/ZZZZ9999`)).statusCode).toBe(404);
    expect((await editor.get(`/api/venues/${venueId}/trace-codes/not-a-code`)).statusCode).toBe(404);
    const otherVenue = await makeVenue(t.db);
    const otherEditor = await makePerson(t.db, 'author');
    await t.db
      .insertInto('role_grant')
      .values({ person_id: otherEditor.id, role: 'editor', venue_id: otherVenue.id })
      .execute();
    const elsewhere = await signedIn(t.app, otherEditor.email);
    expect((await elsewhere.get(`/api/venues/${otherVenue.id}/trace-codes/${traceCode}`)).statusCode).toBe(404);
    expect((await elsewhere.get(`/api/venues/${venueId}/trace-codes/${traceCode}`)).statusCode).toBe(404);
  });
});
