// Per-page text of the ORIGINAL manuscript (pdf.js through unpdf), for the word count and the leak
// scan. Pages are read one at a time and released straight after, so memory stays flat on long
// documents (reading them all at once, as unpdf's extractText does, holds every page's objects).
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { PdfRefusedError } from './refusal.ts';

export { countWords } from './word-count.ts';

/**
 * Loads pdf.js (a 1.6 MB module that unpdf imports on first use), so that a child waiting for its
 * job has done it before the job arrives (~40-70 ms of CPU off the job's clock).
 */
export async function loadPdfjs(): Promise<void> {
  await getResolvedPDFJS();
}

type TextItem = { str?: string; hasEOL?: boolean };

export async function extractPages(input: Uint8Array): Promise<{ pages: string[] }> {
  // pdf.js transfers (detaches) the buffer it is given; the caller keeps its bytes.
  const data = new Uint8Array(input);
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    document = await getDocumentProxy(data, {
      // Text only: no fonts for rendering, no scripts, no XFA, and no eval of font programs.
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      isEvalSupported: false,
      stopAtErrors: false,
      verbosity: 0,
    } as Parameters<typeof getDocumentProxy>[1]);
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new PdfRefusedError('encrypted', 'pdf.js asks for a password');
    }
    throw new PdfRefusedError('unreadable', `pdf.js could not open the file: ${describe(error)}`);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      let page: Awaited<ReturnType<typeof document.getPage>>;
      try {
        page = await document.getPage(number);
      } catch (error) {
        throw new PdfRefusedError('unreadable', `pdf.js could not read page ${number}: ${describe(error)}`);
      }
      try {
        const content = await page.getTextContent();
        pages.push(joinItems(content.items as TextItem[]));
      } catch (error) {
        throw new PdfRefusedError('unreadable', `pdf.js could not read the text of page ${number}: ${describe(error)}`);
      } finally {
        page.cleanup();
      }
    }
    return { pages };
  } finally {
    await document.loadingTask.destroy();
  }
}

function joinItems(items: TextItem[]): string {
  let text = '';
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
