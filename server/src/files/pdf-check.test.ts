// The check at upload: a PDF the review copy would refuse for itself (a password to open it,
// unreadable) is refused on the spot with the same words, keeping nothing; one with only an owner
// password is taken, as the review copy takes it; the words are counted by the review copy's code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processPdf } from '@gaps/workers/pdf';
import { fixturePdf } from '@gaps/workers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';

let t: TestApp;
let author: TestClient;
let callId: string;
let scratch: string;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id, { wordLimit: 5000 });
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  scratch = mkdtempSync(path.join(tmpdir(), 'pdf-check-test-'));
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await t.close();
});

async function draft(title: string) {
  const id: string = (await author.post('/api/submissions', { callId })).json().id;
  await author.patch(`/api/submissions/${id}`, { title });
  return id;
}

function storedFiles(): string[] {
  const root = path.join(t.dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const versionsOf = (id: string) =>
  t.db.selectFrom('manuscript_version').select(['word_count', 'page_count']).where('submission_id', '=', id).execute();

/** qpdf makes the protected copies, as Word or Acrobat would. */
function encrypt(source: string, userPassword: string, name: string): Buffer {
  const out = path.join(scratch, name);
  const run = spawnSync('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', source, out]);
  // 3: done, with warnings about the source file (qpdf repairs it on the way).
  if (run.status !== 0 && run.status !== 3) throw new Error(`qpdf failed: ${run.stderr.toString()}`);
  return readFileSync(out);
}

describe('the PDF check at upload', () => {
  it.each([
    [
      'a PDF that needs a password to open (AES, pdf-lib’s fixture)',
      () => readFileSync(fixturePdf('pdf-lib-corpus/encrypted_new.pdf')),
    ],
    [
      'a PDF given a password by qpdf',
      () => encrypt(fixturePdf('pdf-lib-corpus/normal.pdf'), 'open-sesame', 'user.pdf'),
    ],
  ])('refuses %s on the spot, saying to save it without a password, and keeps nothing', async (_what, file) => {
    const id = await draft('Protected');
    const before = storedFiles();
    const answer = await author.upload(`/api/submissions/${id}/manuscript`, 'protected.pdf', file());
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.code).toBe('pdf_encrypted');
    expect(answer.json().error.message).toContain('password');
    // Only a password to open it is the trouble: editing restrictions alone are taken (below).
    expect(answer.json().error.message).toContain('upload a copy that opens without a password');
    expect(answer.json().error.message).toContain('Limits on editing or printing are fine.');
    expect(await versionsOf(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file that only looks like a PDF, in the review copy’s words', async () => {
    const id = await draft('Broken');
    const fake = Buffer.from('%PDF-1.7\nthis is not really a PDF at all\n%%EOF\n');
    const answer = await author.upload(`/api/submissions/${id}/manuscript`, 'broken.pdf', fake);
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.code).toBe('pdf_unreadable');
    expect(answer.json().error.message).toContain('export your manuscript to PDF again');
    expect(await versionsOf(id)).toEqual([]);
  });

  it('takes a PDF with only an owner password (it opens for anyone), as the review copy does', async () => {
    const id = await draft('Restricted editing');
    const file = encrypt(fixturePdf('pdf-lib-corpus/normal.pdf'), '', 'owner.pdf');
    const answer = await author.upload(`/api/submissions/${id}/manuscript`, 'restricted.pdf', file);
    expect(answer.statusCode).toBe(201);
    expect(answer.json().pageCount).toBeGreaterThan(0);
  });

  it('counts the words with the review copy’s code, stores them and shows them to the author', async () => {
    const id = await draft('Counted');
    const fixture = fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf');
    const answer = await author.upload(`/api/submissions/${id}/manuscript`, 'paper.pdf', readFileSync(fixture));
    expect(answer.statusCode).toBe(201);
    const review = await processPdf(fixture, {
      code: 'X',
      title: 'X',
      category: null,
      identity: { names: [], emails: [], affiliations: [], orcids: [] },
      wordLimit: null,
      pageLimit: null,
    });
    if (!review.ok) throw new Error(review.message);
    expect(answer.json()).toMatchObject({ wordCount: review.wordCount, pageCount: 14 });
    expect(await versionsOf(id)).toEqual([{ word_count: review.wordCount, page_count: 14 }]);
    const view = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(view.manuscripts[0]).toMatchObject({ wordCount: review.wordCount, pageCount: 14 });
  });
});
