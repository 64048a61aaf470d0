// The reviewer's trace line: on every page, upright just above the review copy's footer whatever
// the page's rotation and boxes, and nothing else of the copy changed.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeReviewCopy } from './review-copy.ts';
import { makeTextPdf, type PageSpec } from './testing/make-pdf.ts';
import { hasPdftotext, pagesText, wordsOf } from './testing/pdf-text.ts';
import { stampTraceCode, traceLine } from './trace-stamp.ts';

const cover = { code: 'JSWP-2027-0042', title: 'A paper', category: null, wordCount: null };

describe('stampTraceCode', () => {
  it.skipIf(!hasPdftotext)('prints the trace line above the footer of every page, upright', async () => {
    const specs: PageSpec[] = [
      { lines: ['Upright'], mediaBox: [0, 0, 400, 300] },
      { lines: ['Turned a quarter'], mediaBox: [0, 0, 400, 300], rotate: 90 },
      {
        lines: ['Turned three quarters, cropped'],
        mediaBox: [100, 100, 500, 400],
        cropBox: [150, 150, 450, 350],
        rotate: 270,
      },
    ];
    const copy = await makeReviewCopy(await makeTextPdf(specs), cover);
    const stamped = await stampTraceCode(copy, 'ABCD2345');
    const pages = await pagesText(stamped, { bbox: true });
    expect(pages).toHaveLength(specs.length + 1);
    for (const [index, page] of pages.entries()) {
      const words = wordsOf(page);
      const trace = words.find((word) => word.text === 'ABCD2345');
      const footer = words.find((word) => word.text === 'Confidential:');
      expect(trace, `trace on page ${index + 1}`).toBeDefined();
      // One line above the footer, as the reader sees the page.
      expect(trace!.yMax).toBeLessThan(footer!.yMin + 1);
      expect(footer!.yMin - trace!.yMax).toBeLessThan(12);
    }
  });

  it('changes nothing else: same pages, same document information', async () => {
    const copy = await makeReviewCopy(await makeTextPdf([['One'], ['Two']]), cover);
    const stamped = await stampTraceCode(copy, 'ZZZZ9999');
    const [before, after] = await Promise.all(
      [copy, stamped].map((bytes) => PDFDocument.load(bytes, { updateMetadata: false })),
    );
    expect(after!.getPageCount()).toBe(before!.getPageCount());
    expect(after!.getTitle()).toBe(before!.getTitle());
    expect(after!.getProducer()).toBe(before!.getProducer());
    expect(after!.getModificationDate()?.toISOString()).toBe(before!.getModificationDate()?.toISOString());
    expect(after!.getPages().map((page) => page.getSize())).toEqual(before!.getPages().map((page) => page.getSize()));
    const text = await pagesText(stamped);
    expect(text.every((page) => page.includes(traceLine('ZZZZ9999')))).toBe(true);
  });

  it('refuses anything but a trace code', () => {
    expect(() => traceLine('abc')).toThrow();
  });
});
