// The review copy: a NEW document into which only the pages are copied, so nothing attached to the
// source document (Info, XMP, IDs, forms, attachments, scripts, outlines, structure tree) can come
// along. Page-level identity (annotations, page XMP, thumbnails, private application data) is
// removed from the source pages before copying, and everything the copy still reaches is swept
// again afterwards, because a page's resources can point anywhere in the source file.
import { ParseSpeeds, PDFDocument, PDFHexString } from 'pdf-lib';
import { drawCoverPage, drawFooter, embedPageFonts } from './cover-and-footer.ts';
import { withoutOwnerPassword } from './owner-password.ts';
import { PdfRefusedError } from './refusal.ts';
import { withDirectStreamLengths } from './review-copy-lengths.ts';
import { ensureMediaBox, isolatePageContent, sanitiseSourcePage } from './review-copy-pages.ts';
import { removeUnreachableObjects } from './review-copy-save.ts';
import { refuseHostilePageContent, sweepCopiedObjects } from './review-copy-sweep.ts';
import type { CoverDetails } from './types.ts';

export const NEUTRAL_PRODUCER = 'GAPS Submissions';

/**
 * Loads a PDF with pdf-lib, refusing unreadable files and files that need a password, with a
 * reason. A file with only an owner password is decrypted first (owner-password.ts).
 */
export async function loadSourcePdf(input: Uint8Array): Promise<PDFDocument> {
  const doc = await parseSourcePdf(input);
  if (!doc.isEncrypted) return checkPages(doc);
  const { bytes, reason } = withoutOwnerPassword(input);
  if (!bytes) throw new PdfRefusedError('encrypted', `the trailer has an /Encrypt dictionary; ${reason}`);
  const decrypted = await parseSourcePdf(bytes);
  if (decrypted.isEncrypted) throw new PdfRefusedError('encrypted', 'still encrypted after qpdf --decrypt');
  return checkPages(decrypted);
}

async function parseSourcePdf(input: Uint8Array): Promise<PDFDocument> {
  if (!looksLikePdf(input)) throw new PdfRefusedError('unreadable', 'no %PDF- header in the first 1024 bytes');
  try {
    // Indirect stream lengths written as numbers first: pdf-lib then skips to each stream's end
    // instead of testing every byte for "endstream" (review-copy-lengths.ts).
    return await PDFDocument.load(withDirectStreamLengths(input), {
      // The caller checks encryption, so the refusal says why (or decrypts an owner-password file).
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
      throwOnInvalidObject: false,
    });
  } catch (error) {
    throw new PdfRefusedError('unreadable', `pdf-lib could not parse the file: ${describe(error)}`);
  }
}

function checkPages(doc: PDFDocument): PDFDocument {
  let pageCount: number;
  try {
    pageCount = doc.getPages().length;
  } catch (error) {
    throw new PdfRefusedError('unreadable', `the page tree is broken: ${describe(error)}`);
  }
  if (pageCount === 0) throw new PdfRefusedError('unreadable', 'the document has no pages');
  return doc;
}

export function looksLikePdf(input: Uint8Array): boolean {
  const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function makeReviewCopy(input: Uint8Array, cover: CoverDetails): Promise<Uint8Array> {
  return makeReviewCopyFrom(await loadSourcePdf(input), cover);
}

/** Same as makeReviewCopy for a document already loaded with loadSourcePdf (which it consumes: pages are edited in place). */
export async function makeReviewCopyFrom(source: PDFDocument, cover: CoverDetails): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const sourcePages = source.getPages();
  for (const page of sourcePages) sanitiseSourcePage(source, page.node);
  const copied = await out.copyPages(
    source,
    sourcePages.map((_, index) => index),
  );

  const fonts = await embedPageFonts(out);
  const coverPage = out.addPage();
  await drawCoverPage(coverPage, fonts, cover);
  for (const page of copied) {
    out.addPage(page);
    isolatePageContent(page);
  }

  const pages = out.getPages();
  pages.forEach((page, index) => {
    ensureMediaBox(page);
    drawFooter(
      page,
      fonts,
      `Confidential: for peer review only · ${cover.code} · page ${index + 1} of ${pages.length}`,
    );
  });

  setNeutralInfo(out, cover.code);
  // Embed the fonts now so the sweep below sees every object that save() will write.
  await out.flush();
  refuseHostilePageContent(out);
  sweepCopiedObjects(out);
  removeUnreachableObjects(out);

  return out.save({
    // Plain objects, no object streams: saving is several times faster (no deflate in JavaScript), the file
    // only ~5% larger, and every dictionary stays readable to the byte-level check and to qpdf or a text editor.
    useObjectStreams: false,
    addDefaultPage: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
    updateFieldAppearances: false,
  });
}

function setNeutralInfo(out: PDFDocument, code: string): void {
  const now = new Date();
  out.setTitle(code);
  out.setProducer(NEUTRAL_PRODUCER);
  out.setCreator(NEUTRAL_PRODUCER);
  out.setCreationDate(now);
  out.setModificationDate(now);
  // A fresh file identifier: the source's /ID would link the copy to the author's original file.
  const id = PDFHexString.of(Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex'));
  out.context.trailerInfo.ID = out.context.obj([id, id]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
