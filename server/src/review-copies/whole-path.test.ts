// The whole path with the real workers, nothing played by the test: an author uploads a real paper
// with their name on its first page and submits it; the outbox row goes through the relay to
// BullMQ on the real Redis; the worker makes the review copy in its child process; and the editor
// sees the identity report on the submission. Every row here is written by the app or the workers.
import { readFileSync } from 'node:fs';
import type { RunningWorkers } from '@gaps/workers/start-workers';
import { fixturePdf } from '@gaps/workers/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, makePerson, makeVenue, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { signedIn } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { startWorkersFor } from '../../test/workers.ts';
import { insertPerson } from '../accounts/person.repository.ts';

let t: TestApp;
let workers: RunningWorkers;
beforeAll(async () => {
  t = await buildTestApp(); // its own database, data folder and queue prefix
  workers = await startWorkersFor(t);
});
afterAll(async () => {
  await workers?.stop();
  await t?.close();
});

describe('a submission, from upload to the editor’s identity report, with the real workers', () => {
  it('finds the author named on page 1 of the real paper and shows it to the editor only', async () => {
    const venue = await makeVenue(t.db);
    const callId = await makeCall(t.db, venue.id);
    // The first author of the PLDI 2009 paper in test-fixtures/pdfs, submitting it under their name.
    const email = 'andreas.gal@example.org';
    await insertPerson(t.db, {
      email,
      name: 'Andreas Gal',
      password: TEST_PASSWORD,
      affiliation: 'University of California, Irvine',
    });
    const author = await signedIn(t.app, email);
    const editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);

    const started = await author.post('/api/submissions', { callId });
    expect(started.statusCode).toBe(201);
    const id: string = started.json().id;
    const saved = await author.patch(`/api/submissions/${id}`, {
      title: 'Trace-based just-in-time type specialization',
      abstract: 'Compiling the hot loops of a dynamic language from recorded traces.',
      keywords: ['compilers'],
    });
    expect(saved.statusCode).toBe(200);
    const pdf = readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf'));
    expect((await author.upload(`/api/submissions/${id}/manuscript`, 'tracemonkey.pdf', pdf)).statusCode).toBe(201);
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);

    // Bounded: the relay polls every 50 ms; the 14-page job takes a few seconds, 60 s at most (its
    // child's time limit), more on a busy machine.
    const copy = await vi.waitFor(
      async () => {
        const view = (await editor.get(`/api/submissions/${id}`)).json().submission;
        expect(['ready', 'needs_attention', 'failed']).toContain(view.reviewCopy?.status);
        return view.reviewCopy;
      },
      { timeout: 90_000, interval: 200 },
    );
    expect(copy.status).toBe('needs_attention');
    const names = copy.leakReport.findings.filter((finding: { kind: string }) => finding.kind === 'name');
    expect(names).toContainEqual(expect.objectContaining({ page: 1, text: expect.stringMatching(/Andreas Gal/) }));
    // The worker's own re-read of the copy it made found none of the author's identity left in it.
    expect(copy.leakReport.leaksInCopy).toEqual([]);

    const asAuthor = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(asAuthor.reviewCopy.status).toBe('needs_attention');
    expect(asAuthor.reviewCopy).not.toHaveProperty('leakReport');

    const file = await editor.get(`/api/submissions/${id}/review-copy/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.includes(pdf.subarray(0, 4096))).toBe(false); // a new file, not the original
  }, 120_000);
});
