// Every PDF of the shared real-world corpus, through the real child-process pipeline, in one run:
// each ends as a review copy or a clean refusal (never a crash or a hang), no metadata string of
// the original survives into its copy, and the calling process stays up throughout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PdfJob, type ProcessResult, processPdf, type RefusalReason } from './process-file.ts';
import { makeReviewCopy } from './review-copy.ts';
import { corpus } from './testing/corpus.ts';
import { originalStrings } from './testing/original-metadata.ts';
import { pagesText } from './testing/pdf-text.ts';
import { findIdentityInPdf } from './verify-copy.ts';

const job: PdfJob = {
  code: 'TEST-2027-0001',
  title: 'Corpus manuscript',
  category: 'Student',
  identity: { names: [], emails: [], affiliations: [], orcids: [] },
  wordLimit: 3500,
  pageLimit: null,
};
/** Per file: generous for a 2-core machine running two at a time; a hang still ends the job. */
const limits = { timeoutMs: 45_000, memoryMb: 512 };

/** What the corpus is known to contain that cannot become a review copy, and why. */
const EXPECTED_REFUSALS: Record<string, RefusalReason> = {
  'pdf-lib-corpus/encrypted_old.pdf': 'encrypted',
  'pdf-lib-corpus/encrypted_new.pdf': 'encrypted',
  // Encrypted with an empty user password (it opens without one), but still encrypted.
  'pdfjs-corpus/auth-event-ef-open.pdf': 'encrypted',
  // Page content compressed as gigabyte JBIG2 bitmaps: refused rather than passed on to reviewers.
  'pdfjs-corpus/bomb_giant.pdf': 'unreadable',
};

const files = corpus.list();
const results = new Map<string, ProcessResult>();
let rssBefore = 0;

beforeAll(async () => {
  if (!corpus.root) return;
  rssBefore = process.memoryUsage().rss;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      results.set(file, await processPdf(file, job, limits));
    }
  };
  // Two at a time, as on the 2-core machine the workers run on.
  await Promise.all([worker(), worker()]);
}, 600_000);

const name = (file: string) => path.relative(corpus.root!, file);

// The corpus is not in the repository (test-fixtures/pdfs/README.md): without it, say so and skip.
if (corpus.missing) console.warn(`corpus.test.ts skipped: ${corpus.missing}`);

describe.skipIf(!corpus.root)('the shared PDF corpus', () => {
  it('is all there', () => {
    expect(files.length).toBeGreaterThanOrEqual(96);
    expect(results.size).toBe(files.length);
  });

  it('ends every file as a review copy or a plain-words refusal, and the caller survives', () => {
    const refused = Object.fromEntries(
      [...results]
        .filter(([, result]) => !result.ok)
        .map(([file, result]) => [name(file), (result as { reason: string }).reason]),
    );
    expect(refused).toEqual(EXPECTED_REFUSALS);
    for (const [file, result] of results) {
      if (result.ok) continue;
      expect(typeof result.permanent, name(file)).toBe('boolean');
      expect(result.message.length).toBeGreaterThan(40);
      // Written for an author: no stack traces, library names or file paths.
      expect(result.message).not.toMatch(/Error|pdf-lib|pdf\.js|\bat \w|\/|undefined|null/);
    }
    // This process only forked children: its own memory did not absorb any PDF.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('gives every processed file a re-readable copy with one more page than the original', async () => {
    for (const [file, result] of results) {
      if (!result.ok) continue;
      expect(result.reviewCopy.length, name(file)).toBeGreaterThan(0);
      const copy = await PDFDocument.load(result.reviewCopy, { updateMetadata: false });
      expect(copy.getPageCount(), name(file)).toBe(result.pageCount + 1);
      const original = await PDFDocument.load(readFileSync(file), {
        ignoreEncryption: true,
        updateMetadata: false,
      }).catch(() => undefined);
      // pdf-lib reads every processed original here; where it could not, pdf.js's count stands.
      if (original) expect(result.pageCount, name(file)).toBe(original.getPageCount());
    }
  });

  it('puts the cover page first and the footer on every page', async () => {
    for (const [file, result] of results) {
      if (!result.ok) continue;
      const pages = (await pagesText(result.reviewCopy)).map((text) => text.replace(/\s+/g, ' '));
      expect(pages, name(file)).toHaveLength(result.pageCount + 1);
      expect(pages[0]).toContain('Anonymised copy for review');
      expect(pages[0]).toContain(job.code);
      pages.forEach((text, index) => {
        expect(text, `${name(file)} page ${index + 1}`).toContain(
          `Confidential: for peer review only · ${job.code} · page ${index + 1} of ${pages.length}`,
        );
      });
    }
  });

  /*
   * The metadata rule: every Info value, XMP text and attribute value, annotation /T and /Contents,
   * attachment name and description, and form field value of the original, read with pdf-lib, must
   * be absent from the copy's bytes (decompressed, any encoding, any case). Left out: values under
   * 4 characters, bare dates and numbers, XMP's own vocabulary (original-metadata.ts); values that
   * are also in the original's page content or its form XObjects (page content is kept as is, so
   * a title printed on the page stays); and values that are part of the text we add ourselves
   * ("document" is in the cover note).
   */
  it('carries no metadata string of the original into the copy', async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    const ours = await makeReviewCopy(await blank.save(), {
      code: job.code,
      title: job.title,
      category: job.category,
      wordCount: 0,
    });
    let checked = 0;
    for (const [file, result] of results) {
      if (!result.ok) continue;
      const original = await originalStrings(new Uint8Array(readFileSync(file)));
      if (!original || original.values.length === 0) continue;
      const onPage = new Set(await findIdentityInPdf(original.pageContent, original.values));
      const added = new Set(await findIdentityInPdf(ours, original.values));
      const values = original.values.filter((value) => !onPage.has(value) && !added.has(value));
      checked += values.length;
      expect(await findIdentityInPdf(result.reviewCopy, values), name(file)).toEqual([]);
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('removes the identities planted in the corpus, which are findable in the originals', async () => {
    const planted: Array<[string, string]> = [
      ['pdf-lib-corpus/example_set_document_metadata.pdf', 'Humpty Dumpty'],
      ['pdf-lib-corpus/with_viewer_prefs.pdf', 'Brent McSharry (ADHB)'],
      ['pdf-lib-corpus/with_cropbox.pdf', 'Administrator'],
      [
        'pdf-lib-corpus/just_metadata.pdf',
        'Author metadata (StringType=HexString, Encoding=UTF-16BE) with some chinese 你怎么敢',
      ],
      ['pdf-lib-corpus/just_metadata.pdf', '你怎么敢'],
    ];
    for (const [file, value] of planted) {
      const result = results.get(corpus.file(file));
      if (!result?.ok) throw new Error(`${file} was not processed`);
      expect(await findIdentityInPdf(new Uint8Array(readFileSync(corpus.file(file))), [value]), file).toEqual([value]);
      expect(await findIdentityInPdf(result.reviewCopy, [value]), file).toEqual([]);
    }
  });
});
