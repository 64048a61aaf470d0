import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFHexString,
  PDFName,
  PDFRawStream,
  type PDFString,
  StandardFonts,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { stripJpegMetadata } from './jpeg-metadata.ts';
import { PdfRefusedError } from './refusal.ts';
import { loadSourcePdf, makeReviewCopy, NEUTRAL_PRODUCER } from './review-copy.ts';
import { fixturePdf } from './testing/corpus.ts';
import { jpegWithExif, makeIdentityLadenPdf, makeTextPdf, type PageSpec, PLANTED } from './testing/make-pdf.ts';
import { hasPdftotext, pagesText, wordsOf } from './testing/pdf-text.ts';
import { findIdentityInPdf } from './verify-copy.ts';

const cover = {
  code: 'JSWP-2027-0042',
  title: 'Holding the frame: supervision in child protection',
  category: 'Practitioner',
  wordCount: 3412,
};
const footer = (page: number, of: number, code = cover.code) =>
  `Confidential: for peer review only · ${code} · page ${page} of ${of}`;

describe('makeReviewCopy', () => {
  it('puts a cover page first and the footer on every page', async () => {
    const input = await makeTextPdf([['First page of the essay.'], ['Second page.'], ['Third page.']]);
    const copy = await makeReviewCopy(input, cover);

    expect((await PDFDocument.load(copy)).getPageCount()).toBe(4);
    const pages = await pagesText(copy);
    expect(pages).toHaveLength(4);
    const coverText = pages[0]!.replace(/\s+/g, ' ');
    for (const expected of [
      'Anonymised copy for review',
      cover.code,
      cover.title,
      'Category: Practitioner',
      'Word count: 3,412',
    ]) {
      expect(coverText).toContain(expected);
    }
    pages.forEach((text, index) => {
      expect(text.replace(/\s+/g, ' ')).toContain(footer(index + 1, 4));
    });
    expect(pages[2]).toContain('Second page.');
  });

  it.skipIf(!hasPdftotext)('keeps the footer upright at the visual bottom of rotated pages and odd boxes', async () => {
    const specs: PageSpec[] = [
      { lines: ['Upright'], mediaBox: [0, 0, 400, 300] },
      { lines: ['Turned a quarter'], mediaBox: [0, 0, 400, 300], rotate: 90 },
      { lines: ['Upside down, origin below zero'], mediaBox: [-200, -100, 200, 200], rotate: 180 },
      {
        lines: ['Turned three quarters, cropped'],
        mediaBox: [100, 100, 500, 400],
        cropBox: [150, 150, 450, 350],
        rotate: 270,
      },
      { lines: ['A wide landscape page'], mediaBox: [0, 0, 842, 595] },
    ];
    const copy = await makeReviewCopy(await makeTextPdf(specs), { ...cover, wordCount: null });
    const pages = await pagesText(copy, { bbox: true });

    specs.forEach((spec, index) => {
      const [x0, y0, x1, y1] = spec.cropBox ?? spec.mediaBox!;
      const turned = spec.rotate === 90 || spec.rotate === 270;
      const visualWidth = turned ? y1 - y0 : x1 - x0;
      const visualHeight = turned ? x1 - x0 : y1 - y0;
      const words = wordsOf(pages[index + 1]!);
      const first = words.find((word) => word.text === 'Confidential:');
      const last = words.find((word) => word.text === String(specs.length + 1) && word.xMin > (first?.xMax ?? 0));
      expect(first, `footer on page ${index + 2}`).toBeDefined();
      expect(last).toBeDefined();
      // Reads left to right on one line: horizontal as the reader sees the page.
      expect(Math.abs(last!.yMax - first!.yMax)).toBeLessThan(1);
      expect(last!.xMin).toBeGreaterThan(first!.xMax);
      // Inside the visible area, within 14 pt of its bottom edge.
      expect(first!.xMin).toBeGreaterThanOrEqual(0);
      expect(last!.xMax).toBeLessThanOrEqual(visualWidth);
      expect(first!.yMax).toBeGreaterThan(visualHeight - 14);
      expect(first!.yMax).toBeLessThanOrEqual(visualHeight);
    });
  });

  it('leaves nothing of the source document behind: metadata, comments, forms, attachments, scripts, IDs', async () => {
    const input = await makeIdentityLadenPdf();
    const planted = Object.values(PLANTED);
    // The check is not vacuous: every planted string is findable in the original.
    expect((await findIdentityInPdf(input, planted)).sort()).toEqual([...planted].sort());

    const copy = await makeReviewCopy(input, cover);
    expect(await findIdentityInPdf(copy, planted)).toEqual([]);

    const doc = await PDFDocument.load(copy, { updateMetadata: false });
    const context = doc.context;
    expect(
      doc.catalog
        .keys()
        .map((key) => key.decodeText())
        .sort(),
    ).toEqual(['Pages', 'Type']);
    const info = context.lookup(context.trailerInfo.Info, PDFDict);
    expect(
      info
        .keys()
        .map((key) => key.decodeText())
        .sort(),
    ).toEqual(['CreationDate', 'Creator', 'ModDate', 'Producer', 'Title']);
    expect(doc.getTitle()).toBe(cover.code);
    expect(doc.getProducer()).toBe(NEUTRAL_PRODUCER);
    expect(doc.getCreator()).toBe(NEUTRAL_PRODUCER);
    const id = context.trailerInfo.ID as PDFArray;
    expect((id.get(0) as PDFHexString).asString().toLowerCase()).not.toBe(PLANTED.sourceId);

    for (const [, object] of context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
      if (!dict) continue;
      const type = dict.get(PDFName.of('Type'))?.toString();
      expect(['/Metadata', '/EmbeddedFile', '/Filespec', '/Outlines', '/StructTreeRoot', '/StructElem']).not.toContain(
        type,
      );
      for (const key of ['Metadata', 'PieceInfo', 'AcroForm', 'JS', 'JavaScript', 'OpenAction', 'AA', 'Names', 'FT']) {
        expect(dict.has(PDFName.of(key)), `/${key} in ${type}`).toBe(false);
      }
    }

    // One annotation survives: the web link, reduced to where it points.
    const page = doc.getPage(1);
    const annots = context.lookup(page.node.get(PDFName.of('Annots')), PDFArray);
    expect(annots.size()).toBe(1);
    const link = context.lookup(annots.get(0), PDFDict);
    expect(
      link
        .keys()
        .map((key) => key.decodeText())
        .sort(),
    ).toEqual(['A', 'Border', 'Rect', 'Subtype', 'Type']);
    const action = context.lookup(link.get(PDFName.of('A')), PDFDict);
    expect((action.get(PDFName.of('URI')) as PDFString).decodeText()).toBe('https://example.org/paper');
  });

  it.skipIf(spawnSync('qpdf', ['--version']).status !== 0)(
    'writes a structurally valid PDF (qpdf --check)',
    async () => {
      const copy = await makeReviewCopy(await makeTextPdf([['One'], { lines: ['Two'], rotate: 90 }]), cover);
      const directory = mkdtempSync(path.join(tmpdir(), 'gaps-qpdf-'));
      try {
        writeFileSync(path.join(directory, 'copy.pdf'), copy);
        const check = spawnSync('qpdf', ['--check', path.join(directory, 'copy.pdf')], { encoding: 'utf8' });
        expect(check.status, check.stdout + check.stderr).toBe(0);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  );

  it.each([
    ['Polish', 'Żółć i gęś: praca socjalna w Łodzi'],
    ['Greek', 'Η ψυχή της κοινωνικής εργασίας'],
    ['Arabic', 'مقدمة في العمل مع المجتمع'],
    ['Chinese', '社会工作的伦理与实践'],
    ['mixed', 'Straße — “quoted” ﬁnal, Ελλάδα and 北京'],
  ])('prints a %s title as written, in embedded fonts', async (_script, title) => {
    const copy = await makeReviewCopy(await makeTextPdf([['Body']]), {
      code: 'CWEA-2027-017',
      title,
      category: null,
      wordCount: null,
    });
    // pdftotext marks right-to-left text with embedding controls and may split ligatures (ﬁ → fi).
    const text = (await pagesText(copy))[0]!
      .replace(/[\u202a-\u202e\u200e\u200f]/g, '')
      .normalize('NFKC')
      .replace(/\s+/g, ' ');
    expect(text).toContain(title.normalize('NFKC'));
    expect(text).not.toContain('?');
    expect(text).not.toContain('Category');
    expect(text).not.toContain('Word count');
    // Every font is embedded (a subset), so the cover looks the same in every viewer.
    const fonts = Buffer.from(copy).toString('latin1');
    expect(fonts).toMatch(/\/FontFile2|\/FontFile3/);
  });

  it('draws a cover Helvetica encodes in the standard Helvetica, embedding no font', async () => {
    const title = 'Café society — “naïve” questions, 3½ answers';
    const copy = await makeReviewCopy(await makeTextPdf([['Body']]), { ...cover, title });
    const text = (await pagesText(copy))[0]!.replace(/\s+/g, ' ');
    expect(text).toContain(title);
    expect(text).toContain('Word count: 3,412');
    const bytes = Buffer.from(copy).toString('latin1');
    expect(bytes).toContain('/BaseFont /Helvetica-Bold');
    expect(bytes).not.toMatch(/\/FontFile2|\/FontFile3/);
  });

  it('prints "?" for a script none of the fonts has, and leaves out bidi overrides', async () => {
    const copy = await makeReviewCopy(await makeTextPdf([['Body']]), {
      code: 'CWEA-2027-017',
      title: 'Hangul 한국 \u202eevil',
      category: null,
      wordCount: null,
    });
    const text = (await pagesText(copy))[0]!.replace(/\s+/g, ' ');
    expect(text).toContain('Hangul ?? evil');
  });

  it('keeps the footer after page content that restores more states than it saves', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([300, 200]);
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font.ref } }));
    page.node.set(
      PDFName.of('Contents'),
      doc.context.register(doc.context.flateStream('2 0 0 2 0 0 cm BT /F1 12 Tf 10 50 Td (Unbalanced) Tj ET Q Q q q')),
    );
    const copy = await makeReviewCopy(await doc.save(), cover);
    const pages = await pagesText(copy);
    expect(pages[1]).toContain('Unbalanced');
    expect(pages[1]!.replace(/\s+/g, ' ')).toContain(footer(2, 2));
  });

  it('refuses page content compressed with an image codec (a decompression bomb for viewers)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.node.set(
      PDFName.of('Contents'),
      doc.context.register(doc.context.stream(new Uint8Array(64), { Filter: 'JBIG2Decode' })),
    );
    await expect(makeReviewCopy(await doc.save(), cover)).rejects.toMatchObject({ reason: 'unreadable' });
  });
});

describe('loadSourcePdf', () => {
  it('refuses encrypted files and files that are not PDFs', async () => {
    for (const file of ['pdf-lib-corpus/encrypted_old.pdf', 'pdf-lib-corpus/encrypted_new.pdf']) {
      const error = await loadSourcePdf(new Uint8Array(readFileSync(fixturePdf(file)))).catch((caught) => caught);
      expect(error).toBeInstanceOf(PdfRefusedError);
      expect(error.reason).toBe('encrypted');
    }
    const notPdf = await loadSourcePdf(new TextEncoder().encode('Dear editor, please find my essay attached.')).catch(
      (caught) => caught,
    );
    expect(notPdf.reason).toBe('unreadable');
  });
});

describe('stripJpegMetadata', () => {
  it('drops EXIF, XMP, Photoshop and comment segments and keeps what affects the picture', () => {
    const jpeg = jpegWithExif('Exif owner Antechinus');
    const stripped = stripJpegMetadata(jpeg);
    const latin1 = Buffer.from(stripped).toString('latin1');
    expect(latin1).not.toContain('Antechinus');
    expect(latin1).toContain('JFIF');
    // SOF, SOS and EOI are untouched.
    expect(Buffer.from(stripped.subarray(-2)).toString('hex')).toBe('ffd9');
    expect(Buffer.from(stripped).includes(Buffer.from([0xff, 0xc0]))).toBe(true);
    expect(stripped.length).toBeLessThan(jpeg.length);
  });

  it('leaves data it cannot parse alone', () => {
    const garbage = new Uint8Array([0xff, 0xd8, 0x00, 0x01, 0x02]);
    expect(stripJpegMetadata(garbage)).toBe(garbage);
    const clean = stripJpegMetadata(jpegWithExif('x'));
    expect(stripJpegMetadata(clean)).toBe(clean);
  });
});
