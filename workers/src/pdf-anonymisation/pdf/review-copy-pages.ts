// The review copy's page handling: source pages reduced to their appearance before copying, and
// copied pages' content isolated from the footer drawn after it. See review-copy.ts.
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  type PDFPage,
  type PDFPageLeaf,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { contentBalance } from './content-balance.ts';
import { escapeLiteral, filtersOf, nameOf, numbers, safeLookup, textOf } from './review-copy-objects.ts';
import { decodeStream } from './stream-decode.ts';

/** Page keys that carry the page's appearance. Everything else (Annots, Metadata, PieceInfo, Thumb, B, AA, …) is dropped. */
const PAGE_KEYS_KEPT = new Set([
  'Type',
  'Parent',
  'MediaBox',
  'CropBox',
  'BleedBox',
  'TrimBox',
  'ArtBox',
  'Rotate',
  'Resources',
  'Contents',
  'Group',
  'UserUnit',
]);
const INHERITABLE_PAGE_KEYS = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

/**
 * Reduces a source page to its appearance, in place: inherited attributes are made explicit (the
 * copier drops /Parent), unknown keys go, and the only annotations kept are fresh Link annotations
 * with an http(s) URI action: no /T, /Contents, /Popup, /NM, /M or anything else from the original.
 */
export function sanitiseSourcePage(source: PDFDocument, leaf: PDFPageLeaf): void {
  const context = source.context;
  for (const key of INHERITABLE_PAGE_KEYS) {
    const name = PDFName.of(key);
    if (!leaf.get(name)) {
      const inherited = leaf.getInheritableAttribute(name);
      if (inherited) leaf.set(name, inherited);
    }
  }
  const links = keptLinkAnnotations(source, leaf);
  for (const key of leaf.keys()) {
    if (!PAGE_KEYS_KEPT.has(key.decodeText())) leaf.delete(key);
  }
  if (!(leaf.get(PDFName.of('Resources')) && context.lookup(leaf.get(PDFName.of('Resources'))) instanceof PDFDict)) {
    leaf.set(PDFName.of('Resources'), context.obj({}));
  }
  if (links.length > 0) leaf.set(PDFName.of('Annots'), context.obj(links.map((link) => context.register(link))));
}

function keptLinkAnnotations(source: PDFDocument, leaf: PDFPageLeaf): PDFDict[] {
  const context = source.context;
  const annots = safeLookup(source, leaf.get(PDFName.of('Annots')));
  if (!(annots instanceof PDFArray)) return [];
  const links: PDFDict[] = [];
  for (let index = 0; index < annots.size(); index++) {
    const annot = safeLookup(source, annots.get(index));
    if (!(annot instanceof PDFDict)) continue;
    if (nameOf(safeLookup(source, annot.get(PDFName.of('Subtype')))) !== 'Link') continue;
    const action = safeLookup(source, annot.get(PDFName.of('A')));
    if (!(action instanceof PDFDict) || nameOf(safeLookup(source, action.get(PDFName.of('S')))) !== 'URI') continue;
    const uri = textOf(safeLookup(source, action.get(PDFName.of('URI'))))?.trim();
    // Only printable ASCII web links: a mailto: link is an address, and odd bytes could smuggle anything.
    if (!uri || !/^(https?|ftp):\/\/[\x21-\x7e]+$/i.test(uri)) continue;
    const rect = numbers(safeLookup(source, annot.get(PDFName.of('Rect'))), 4);
    if (!rect) continue;
    const link: Record<string, unknown> = {
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(escapeLiteral(uri)) },
    };
    const quadPoints = numbers(safeLookup(source, annot.get(PDFName.of('QuadPoints'))));
    if (quadPoints && quadPoints.length % 8 === 0 && quadPoints.length > 0) link.QuadPoints = quadPoints;
    links.push(context.obj(link as never) as unknown as PDFDict);
  }
  return links;
}

/**
 * Brackets a copied page's content with as many q as it has unmatched Q (and closes what it leaves
 * open), so the footer drawn after it starts from the page's initial graphics state and is not
 * skipped by a viewer that stops at an unmatched Q.
 */
export function isolatePageContent(page: PDFPage): void {
  const context = page.doc.context;
  const contents = context.lookup(page.node.get(PDFName.of('Contents')));
  const items =
    contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of('Contents'))!] : [];
  const decoded: Uint8Array[] = [];
  for (const item of items) {
    const stream = context.lookup(item);
    if (!(stream instanceof PDFRawStream)) continue;
    const data = decodeStream(Buffer.from(stream.contents), filtersOf(page.doc, stream));
    // Undecodable content: fall back to the plain one-level bracket.
    if (!data) return;
    decoded.push(data);
  }
  if (items.length === 0) return;
  const balance = contentBalance(decoded);
  if (balance.unmatchedRestores === 0 && balance.openSaves === 0 && !balance.openText) return;
  const before = context.register(context.stream('q\n'.repeat(balance.unmatchedRestores + 1)));
  const after = context.register(
    context.stream(`${balance.openText ? 'ET\n' : ''}${'Q\n'.repeat(balance.openSaves + 1)}`),
  );
  page.node.set(PDFName.of('Contents'), context.obj([before, ...items, after]));
}

export function ensureMediaBox(page: PDFPage): void {
  const box = safeLookup(page.doc, page.node.get(PDFName.of('MediaBox')));
  if (!numbers(box, 4)) page.node.set(PDFName.of('MediaBox'), page.doc.context.obj([0, 0, 612, 792]));
}
