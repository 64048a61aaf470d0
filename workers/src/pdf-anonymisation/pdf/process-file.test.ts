import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { type PdfJob, PIPELINE_VERSION, type ProcessResult, processPdf, processPdfMeasured } from './process-file.ts';
import { fixturePdf } from './testing/corpus.ts';
import { makeTextPdf } from './testing/make-pdf.ts';
import { pagesText } from './testing/pdf-text.ts';

const hasQpdf = spawnSync('qpdf', ['--version']).status === 0;

const scratch = mkdtempSync(path.join(tmpdir(), 'gaps-process-pdf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const job: PdfJob = {
  code: 'JSWP-2027-0042',
  title: 'Trace trees',
  category: null,
  identity: {
    names: ['Andreas Gal', 'Michael Franz'],
    emails: ['gal@mozilla.com', 'franz@uci.edu'],
    affiliations: ['Mozilla Corporation', 'University of California, Irvine'],
    orcids: [],
  },
  wordLimit: 8000,
  pageLimit: 20,
};
const tracemonkey = fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf');

function refusal(result: ProcessResult) {
  if (result.ok) throw new Error('expected a refusal, got a review copy');
  return result;
}

describe('processPdf', () => {
  it('exports the pipeline version', () => {
    expect(PIPELINE_VERSION).toBe(1);
  });

  it('makes the review copy, counts pages and words, scans for leaks and checks limits', async () => {
    const result = await processPdf(tracemonkey, job);
    if (!result.ok) throw new Error(result.message);
    expect(result.reviewCopy).toBeInstanceOf(Uint8Array);
    expect((await PDFDocument.load(result.reviewCopy)).getPageCount()).toBe(15);
    expect(result.pageCount).toBe(14);
    expect(result.wordCount).toBeGreaterThan(10_000);
    expect(result.overWordLimit).toBe(true);
    expect(result.overPageLimit).toBe(false);
    expect(result.findings.filter((finding) => finding.page === 1).map((finding) => finding.text)).toEqual(
      expect.arrayContaining([
        'Andreas Gal',
        'Michael Franz',
        'Mozilla Corporation',
        'University of California, Irvine',
      ]),
    );
    // The paper's own text does not spell these out as plain strings in its content streams.
    expect(result.leaksInCopy).toEqual([]);
  });

  it('reports identity strings that survive into the copy’s bytes', async () => {
    const file = path.join(scratch, 'named.pdf');
    writeFileSync(file, await makeTextPdf([['An essay by Jane Winterbottom, University of Kent.']]));
    const result = await processPdf(file, {
      ...job,
      identity: { names: ['Jane Winterbottom', 'Jane'], emails: [], affiliations: ['University of Kent'], orcids: [] },
      wordLimit: null,
      pageLimit: 0,
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.leaksInCopy).toEqual(['Jane Winterbottom', 'University of Kent']);
    expect(result.overWordLimit).toBe(false);
    expect(result.overPageLimit).toBe(true);
  });

  it('refuses password-protected files, permanently, in plain words', async () => {
    for (const file of ['pdf-lib-corpus/encrypted_old.pdf', 'pdf-lib-corpus/encrypted_new.pdf']) {
      const result = refusal(await processPdf(fixturePdf(file), job));
      expect(result).toMatchObject({ ok: false, permanent: true, reason: 'encrypted' });
      expect(result.message).toMatch(/password/);
    }
  });

  it.skipIf(!hasQpdf)('accepts a PDF with only an owner password and makes a plain copy of it', async () => {
    // Word's "restrict editing": anyone can open it, but its streams are encrypted all the same.
    const plain = path.join(scratch, 'restricted-plain.pdf');
    const restricted = path.join(scratch, 'restricted.pdf');
    const locked = path.join(scratch, 'locked.pdf');
    writeFileSync(plain, await makeTextPdf([['Supervision in child protection, page one.'], ['Page two.']]));
    for (const [user, out] of [
      ['', restricted],
      ['open-sesame', locked],
    ]) {
      const made = spawnSync('qpdf', ['--encrypt', user!, 'owner-secret', '256', '--', plain, out!]);
      expect(made.status).toBe(0);
    }

    const result = await processPdf(restricted, job);
    if (!result.ok) throw new Error(result.message);
    expect(result.pageCount).toBe(2);
    expect(result.wordCount).toBeGreaterThan(5);
    // The copy is not encrypted, and its text (pdftotext, which knows nothing of our code) is the original's.
    const copy = await PDFDocument.load(result.reviewCopy);
    expect(copy.isEncrypted).toBe(false);
    const text = (await pagesText(result.reviewCopy)).map((page) => page.replace(/\s+/g, ' '));
    expect(text[1]).toContain('Supervision in child protection, page one.');
    expect(text[2]).toContain('Confidential: for peer review only · JSWP-2027-0042 · page 3 of 3');

    // A user password is still a refusal, in the same plain words.
    const refused = refusal(await processPdf(locked, job));
    expect(refused).toMatchObject({ permanent: true, reason: 'encrypted' });
    expect(refused.message).toMatch(/password/);
  });

  it('refuses files that are not PDFs, permanently', async () => {
    const file = path.join(scratch, 'essay.pdf');
    writeFileSync(file, 'Dear editor, my essay is attached as a Word document.');
    expect(refusal(await processPdf(file, job))).toMatchObject({ permanent: true, reason: 'unreadable' });
  });

  it('survives the decompression bomb without touching the caller’s memory', async () => {
    const before = process.memoryUsage().rss;
    const run = await processPdfMeasured(fixturePdf('pdfjs-corpus/bomb_giant.pdf'), job);
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(50 * 1024 * 1024);
    if (run.result.ok) {
      expect(run.peakRssMb ?? 0).toBeLessThan(512);
    } else {
      expect(['unreadable', 'too_large', 'timeout']).toContain(run.result.reason);
      expect(run.result.message).not.toMatch(/Error|JBIG2|stack/);
    }
  });

  it('processes the content-stream cycle within the limits', async () => {
    const run = await processPdfMeasured(fixturePdf('pdfjs-corpus/ContentStreamCycleType3insideType3.pdf'), job, {
      timeoutMs: 20_000,
    });
    expect(run.result.ok).toBe(true);
    expect(run.wallMs).toBeLessThan(20_000);
  });

  it('kills a job at its time limit and says so plainly', async () => {
    const result = refusal(await processPdf(tracemonkey, job, { timeoutMs: 30 }));
    expect(result).toMatchObject({ reason: 'timeout', permanent: false });
    expect(result.message).toMatch(/too complex/);
  });

  it('kills a job that needs more memory than allowed', async () => {
    const result = refusal(await processPdf(tracemonkey, job, { memoryMb: 40 }));
    expect(result).toMatchObject({ reason: 'too_large', permanent: true });
    expect(result.message).toMatch(/too complex/);
  });

  it('treats a missing input file as a failure worth retrying, not the author’s fault', async () => {
    expect(refusal(await processPdf(path.join(scratch, 'gone.pdf'), job))).toMatchObject({
      reason: 'failed',
      permanent: false,
    });
  });

  it('runs jobs side by side', async () => {
    const results = await Promise.all([
      processPdf(tracemonkey, job),
      processPdf(fixturePdf('pdf-lib-corpus/normal.pdf'), job),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
  });

  it('runs each file in its own child, started before the job arrives', async () => {
    const first = await processPdfMeasured(tracemonkey, job);
    const second = await processPdfMeasured(tracemonkey, job);
    expect([first.result.ok, second.result.ok]).toEqual([true, true]);
    expect(second.child?.wasWaiting).toBe(true);
    expect(second.child?.pid).not.toBe(first.child?.pid);
    // Its start-up (module loading, fonts) happened before the job: reported apart from the job's CPU.
    expect(second.cpu?.startupMs).toBeGreaterThan(0);
    expect(second.cpu?.jobMs).toBeGreaterThan(0);
  });
});
