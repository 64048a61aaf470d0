// The reviewer's own download of a review copy: the same pages with one more small grey line in
// the footer ("Review copy · trace ABCD2345"), so a copy that leaks can be traced to the
// assignment it was downloaded for. Nothing else changes: the pages' content, the document
// information and the file's objects are kept as the review copy has them.
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import { drawFooter, embedPageFonts } from './cover-and-footer.ts';

/** The text stamped on every page; 8 characters from [A-Z0-9], as assignment.trace_code holds them. */
export function traceLine(traceCode: string): string {
  if (!/^[A-Z0-9]{8}$/.test(traceCode)) throw new Error('a trace code is 8 characters from A-Z and 0-9');
  return `Review copy · trace ${traceCode}`;
}

export async function stampTraceCode(reviewCopy: Uint8Array, traceCode: string): Promise<Uint8Array> {
  const text = traceLine(traceCode);
  // Our own output (made by review-copy.ts), so no repair or decryption is needed; the copy's
  // dates and producer stay as they are, so two downloads differ by the trace line only.
  const doc = await PDFDocument.load(reviewCopy, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const fonts = await embedPageFonts(doc);
  for (const page of doc.getPages()) drawFooter(page, fonts, text, 1);
  return doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
    updateFieldAppearances: false,
  });
}
