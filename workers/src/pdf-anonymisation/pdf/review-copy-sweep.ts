// The review copy's object sweep: identity-bearing keys and objects removed from everything the
// copy holds, JPEG metadata stripped, and hostile streams (decompression bombs) refused.
// See review-copy.ts.
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { stripJpegMetadata } from './jpeg-metadata.ts';
import { PdfRefusedError } from './refusal.ts';
import { filtersOf, nameOf } from './review-copy-objects.ts';

/** Keys removed from every dictionary the copy reaches: metadata, private data, scripts, attachments, external files. */
const KEYS_REMOVED_EVERYWHERE = [
  'Metadata',
  'PieceInfo',
  'LastModified',
  'AA',
  'OpenAction',
  'JS',
  'JavaScript',
  'Thumb',
  'EmbeddedFiles',
  'EF',
  'RF',
  'AF',
  'AcroForm',
  'XFA',
  'Names',
  'Dests',
  'Outlines',
  'StructTreeRoot',
  'Threads',
  'SpiderInfo',
  'Collection',
  'Perms',
  'Legal',
  'OPI',
  'Ref',
];

const KEY_NAMES_REMOVED_EVERYWHERE = KEYS_REMOVED_EVERYWHERE.map((key) => PDFName.of(key));

/** Object types that have no business in a copied page's resources; reached anyway, they are replaced by an empty dictionary. */
const TYPES_NEUTRALISED = new Set([
  'Catalog',
  'Pages',
  'Page',
  'Annot',
  'Outlines',
  'Filespec',
  'EmbeddedFile',
  'Sig',
  'Metadata',
  'StructTreeRoot',
  'StructElem',
  'Thread',
  'Bead',
  'Action',
  'Collection',
]);

/**
 * Walks every object the copy holds and removes what could identify the author even though it was
 * reached through a page's resources: metadata streams, application data, file references,
 * JPEG EXIF/XMP/IPTC segments, and objects of types that never belong to page appearance.
 */
export function sweepCopiedObjects(out: PDFDocument): void {
  const context = out.context;
  const refuseIfHostile = hostileStreamCheck(out);
  // The copy's own catalog, page tree and Info are the objects the neutralised types describe.
  const ownRefs = new Set<PDFRef>([out.catalog.get(PDFName.of('Pages')) as PDFRef]);
  if (context.trailerInfo.Root instanceof PDFRef) ownRefs.add(context.trailerInfo.Root);
  if (context.trailerInfo.Info instanceof PDFRef) ownRefs.add(context.trailerInfo.Info);
  const pageRefs = new Set(out.getPages().map((page) => page.ref));
  const keptDicts = new Set<PDFDict>();
  // The link annotations we made (and their actions) were copied; find them through the pages.
  for (const page of out.getPages()) {
    const annots = context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    for (let index = 0; index < annots.size(); index++) {
      const annot = context.lookup(annots.get(index));
      if (annot instanceof PDFDict) {
        keptDicts.add(annot);
        const action = context.lookup(annot.get(PDFName.of('A')));
        if (action instanceof PDFDict) keptDicts.add(action);
      }
    }
  }

  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (ownRefs.has(ref)) continue;
    if (pageRefs.has(ref)) {
      stripKeys(object);
      continue;
    }
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    if (dict && !keptDicts.has(dict) && shouldNeutralise(dict)) {
      context.assign(ref, context.obj({}));
      continue;
    }
    stripKeys(object);
    if (object instanceof PDFStream) refuseIfHostile(object);
    if (object instanceof PDFRawStream) {
      const stripped = stripJpegMetadataFromStream(object);
      if (stripped) context.assign(ref, stripped);
    }
  }
  const catalog = out.catalog;
  for (const key of catalog.keys()) {
    if (!['Type', 'Pages'].includes(key.decodeText())) catalog.delete(key);
  }
}

/** Filters that can encode page content (drawing operators). Image codecs cannot. */
const CONTENT_FILTERS = new Set([
  'FlateDecode',
  'Fl',
  'LZWDecode',
  'LZW',
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'RunLengthDecode',
  'RL',
]);
/** 150 megapixels: a 600 dpi scan of an A3 page is 70. */
const MAX_IMAGE_PIXELS = 150_000_000;

/**
 * The copy goes to reviewers' PDF viewers, so it must not carry a decompression bomb: page content
 * compressed with an image codec (bomb_giant.pdf declares 100000 × 100000 JBIG2 bitmaps as page
 * content; poppler allocates gigabytes for them) or images of absurd dimensions. pdf.js shrugs
 * such content off, so the text step would not have noticed.
 */
export function refuseHostilePageContent(out: PDFDocument): void {
  const context = out.context;
  for (const page of out.getPages()) {
    const contents = context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((item) => context.lookup(item)) : [contents];
    for (const stream of streams) if (stream instanceof PDFStream) refuseImageCodecs(out, stream, 'page content');
  }
}

function refuseImageCodecs(out: PDFDocument, stream: PDFStream, where: string): void {
  for (const filter of filtersOf(out, stream)) {
    if (!CONTENT_FILTERS.has(filter)) {
      throw new PdfRefusedError('unreadable', `${where} is compressed with ${filter}, an image codec`);
    }
  }
}

/** The check of every stream the sweep keeps: form XObjects with image codecs, images of absurd dimensions. */
function hostileStreamCheck(out: PDFDocument): (object: PDFStream) => void {
  const context = out.context;
  const checkContentFilters = (stream: PDFStream, where: string) => refuseImageCodecs(out, stream, where);
  return (object) => {
    const subtype = nameOf(context.lookup(object.dict.get(PDFName.of('Subtype'))));
    if (subtype === 'Form') checkContentFilters(object, 'a form XObject');
    if (subtype === 'Image') {
      const width = context.lookup(object.dict.get(PDFName.of('Width')));
      const height = context.lookup(object.dict.get(PDFName.of('Height')));
      const pixels =
        width instanceof PDFNumber && height instanceof PDFNumber ? width.asNumber() * height.asNumber() : 0;
      if (pixels > MAX_IMAGE_PIXELS) throw new PdfRefusedError('too_large', `an image of ${pixels} pixels`);
    }
  };
}

function shouldNeutralise(dict: PDFDict): boolean {
  const type = nameOf(dict.get(PDFName.of('Type')));
  if (type && TYPES_NEUTRALISED.has(type)) return true;
  // Form fields and widgets carry field names and values (often the author's name).
  if (dict.has(PDFName.of('FT')) || nameOf(dict.get(PDFName.of('Subtype'))) === 'Widget') return true;
  return false;
}

/** Removes the identity-bearing keys from a dictionary and every direct dictionary or array inside it. */
function stripKeys(object: PDFObject, depth = 0): void {
  if (depth > 64) return;
  const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
  if (dict) {
    for (const key of KEY_NAMES_REMOVED_EVERYWHERE) dict.delete(key);
    for (const [, value] of dict.entries()) {
      if (value instanceof PDFDict || value instanceof PDFArray) stripKeys(value, depth + 1);
    }
  } else if (object instanceof PDFArray) {
    for (let index = 0; index < object.size(); index++) {
      const value = object.get(index);
      if (value instanceof PDFDict || value instanceof PDFArray) stripKeys(value, depth + 1);
    }
  }
}

function stripJpegMetadataFromStream(stream: PDFRawStream): PDFRawStream | undefined {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (nameOf(only) !== 'DCTDecode') return undefined;
  const stripped = stripJpegMetadata(stream.contents);
  if (stripped === stream.contents) return undefined;
  return PDFRawStream.of(stream.dict, stripped);
}
