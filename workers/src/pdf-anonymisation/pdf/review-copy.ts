// The review copy: a NEW document into which only the pages are copied, so nothing attached to the
// source document (Info, XMP, IDs, forms, attachments, scripts, outlines, structure tree) can come
// along. Page-level identity (annotations, page XMP, thumbnails, private application data) is
// removed from the source pages before copying, and everything the copy still reaches is swept
// again afterwards, because a page's resources can point anywhere in the source file.
import { deflateSync } from 'node:zlib';
import {
  ParseSpeeds,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFFlateStream,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  type PDFPageLeaf,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFStreamParsingError,
  PDFString,
} from 'pdf-lib';
import { contentBalance } from './content-balance.ts';
import { drawCoverPage, drawFooter, embedFooterFonts } from './cover-and-footer.ts';
import { stripJpegMetadata } from './jpeg-metadata.ts';
import { PdfRefusedError } from './refusal.ts';
import { decodeStream } from './stream-decode.ts';
import type { CoverDetails } from './types.ts';

export const NEUTRAL_PRODUCER = 'GAPS Submissions';

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

/** Loads a PDF with pdf-lib, refusing encrypted and unreadable files with a reason. */
export async function loadSourcePdf(input: Uint8Array): Promise<PDFDocument> {
  if (!looksLikePdf(input)) throw new PdfRefusedError('unreadable', 'no %PDF- header in the first 1024 bytes');
  let doc: PDFDocument;
  try {
    // What PDFDocument.load(input, { ignoreEncryption: true, updateMetadata: false, parseSpeed: Fastest,
    // throwOnInvalidObject: false }) does, with a parser that finds the end of a stream quickly.
    const context = await new StreamEndParser(input).parseDocument();
    doc = new (
      PDFDocument as unknown as new (
        context: PDFContext,
        ignoreEncryption: boolean,
        updateMetadata: boolean,
      ) => PDFDocument
    )(context, true, false);
  } catch (error) {
    throw new PdfRefusedError('unreadable', `pdf-lib could not parse the file: ${describe(error)}`);
  }
  if (doc.isEncrypted) throw new PdfRefusedError('encrypted', 'the trailer has an /Encrypt dictionary');
  let pageCount: number;
  try {
    pageCount = doc.getPages().length;
  } catch (error) {
    throw new PdfRefusedError('unreadable', `the page tree is broken: ${describe(error)}`);
  }
  if (pageCount === 0) throw new PdfRefusedError('unreadable', 'the document has no pages');
  return doc;
}

const STREAM = Buffer.from('stream', 'latin1');
const CR = 0x0d;
const LF = 0x0a;

/**
 * pdf-lib's parser, except for how it finds the end of a stream whose /Length is not a direct
 * number (an indirect /Length is common: 348 of the 377 streams of tracemonkey-pldi-09.pdf).
 * pdf-lib tries five keywords at every byte of the stream, the bulk of the parse; this finds the
 * same end (same nesting rule, same EOL variants, same position afterwards) with Buffer.indexOf.
 */
class StreamEndParser extends PDFParser {
  private readonly haystack: Buffer;

  constructor(input: Uint8Array) {
    super(input, ParseSpeeds.Fastest, false, false);
    this.haystack = Buffer.from(input.buffer, input.byteOffset, input.length);
  }

  protected override findEndOfStreamFallback(startPos: ReturnType<PDFParser['bytes']['position']>): number {
    const bytes = this.haystack;
    let from = this.bytes.offset();
    let nesting = 1;
    for (;;) {
      // The next "stream" is either the keyword itself or the tail of an "endstream" that starts at or after `from`.
      const at = bytes.indexOf(STREAM, from);
      if (at < 0) {
        this.bytes.moveTo(bytes.length);
        throw new PDFStreamParsingError(startPos);
      }
      let end = -1;
      if (at - 3 >= from && bytes[at - 3] === 0x65 && bytes[at - 2] === 0x6e && bytes[at - 1] === 0x64) {
        end = at - 3;
        // pdf-lib's end excludes the EOL before "endstream": CR LF, CR or LF.
        if (end - 1 >= from && (bytes[end - 1] === LF || bytes[end - 1] === CR)) {
          end--;
          if (bytes[end] === LF && end - 1 >= from && bytes[end - 1] === CR) end--;
        }
      }
      from = at + STREAM.length;
      if (end < 0) {
        nesting++;
        continue;
      }
      nesting--;
      if (nesting === 0) {
        this.bytes.moveTo(from);
        return end;
      }
    }
  }
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

  const fonts = embedFooterFonts(out);
  const coverPage = out.addPage();
  drawCoverPage(coverPage, fonts, cover);
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
  // One pass over the objects sweeps them and refuses hostile streams, a second drops what is no
  // longer reachable and prepares the streams for saving (each enumeration sorts every object).
  refuseHostilePageContent(out);
  sweepCopiedObjects(out);
  removeUnreachableObjectsAndPrepareStreams(out);

  return out.save({
    // Plain objects, no object streams: saving is several times faster (no deflate in JavaScript), the file
    // only ~5% larger, and every dictionary stays readable to the byte-level check and to qpdf or a text editor.
    useObjectStreams: false,
    addDefaultPage: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
    updateFieldAppearances: false,
  });
}

/**
 * Reduces a source page to its appearance, in place: inherited attributes are made explicit (the
 * copier drops /Parent), unknown keys go, and the only annotations kept are fresh Link annotations
 * with an http(s) URI action: no /T, /Contents, /Popup, /NM, /M or anything else from the original.
 */
function sanitiseSourcePage(source: PDFDocument, leaf: PDFPageLeaf): void {
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
function isolatePageContent(page: PDFPage): void {
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

function ensureMediaBox(page: PDFPage): void {
  const box = safeLookup(page.doc, page.node.get(PDFName.of('MediaBox')));
  if (!numbers(box, 4)) page.node.set(PDFName.of('MediaBox'), page.doc.context.obj([0, 0, 612, 792]));
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

/**
 * Walks every object the copy holds and removes what could identify the author even though it was
 * reached through a page's resources: metadata streams, application data, file references,
 * JPEG EXIF/XMP/IPTC segments, and objects of types that never belong to page appearance.
 */
function sweepCopiedObjects(out: PDFDocument): void {
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
function refuseHostilePageContent(out: PDFDocument): void {
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

function filtersOf(doc: PDFDocument, stream: PDFStream): string[] {
  const filter = doc.context.lookup(stream.dict.get(PDFName.of('Filter')));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) {
    return filter.asArray().map((item) => nameOf(doc.context.lookup(item)) ?? 'unknown');
  }
  return [];
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

/**
 * Deletes every indirect object that the trailer no longer reaches. pdf-lib writes all objects it
 * holds, referenced or not, so a removed /Metadata reference would otherwise still be saved.
 * The streams that stay are prepared for saving in the same pass (see prepareStreamForSaving).
 */
function removeUnreachableObjectsAndPrepareStreams(out: PDFDocument): void {
  const context = out.context;
  // PDFRef.of interns its instances, so a reference is its own key.
  const reachable = new Set<PDFRef>();
  const stack: PDFObject[] = [];
  const { Root, Info } = context.trailerInfo;
  if (Root) stack.push(Root);
  if (Info) stack.push(Info);
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) stack.push(value);
    } else if (object instanceof PDFStream) {
      for (const [, value] of object.dict.entries()) stack.push(value);
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) stack.push(object.get(index));
    }
  }
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
    else prepareStreamForSaving(context, ref, object);
  }
}

/**
 * pdf-lib writes a stream byte by byte and compresses the streams it draws (cover, footers) with
 * pako, both slow in JavaScript. The same bytes are written here with one copy per stream, and the
 * drawn streams are compressed by node:zlib. Only how the bytes are produced changes.
 */
function prepareStreamForSaving(context: PDFContext, ref: PDFRef, object: PDFObject): void {
  if (object instanceof PDFRawStream) {
    context.assign(ref, new SavedStream(object.dict, object.contents));
  } else if (object instanceof PDFFlateStream) {
    const plain = object.getUnencodedContents();
    const deflate = nameOf(object.dict.get(PDFName.of('Filter'))) === 'FlateDecode';
    context.assign(ref, new SavedStream(object.dict, deflate ? deflateSync(plain) : plain));
  }
}

const NEWLINE_STREAM_NEWLINE = Buffer.from('\nstream\n', 'latin1');
const NEWLINE_ENDSTREAM = Buffer.from('\nendstream', 'latin1');

/** A stream with fixed contents that copies them into the file in one call (PDFStream copies byte by byte). */
class SavedStream extends PDFStream {
  private readonly contents: Uint8Array;

  constructor(dict: PDFDict, contents: Uint8Array) {
    super(dict);
    this.contents = contents;
  }

  override clone(context?: PDFContext): SavedStream {
    return new SavedStream(this.dict.clone(context), this.contents.slice());
  }

  override getContentsString(): string {
    return Buffer.from(this.contents.buffer, this.contents.byteOffset, this.contents.length).toString('latin1');
  }

  override getContents(): Uint8Array {
    return this.contents;
  }

  override getContentsSize(): number {
    return this.contents.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    buffer.set(NEWLINE_STREAM_NEWLINE, at);
    at += NEWLINE_STREAM_NEWLINE.length;
    buffer.set(this.contents, at);
    at += this.contents.length;
    buffer.set(NEWLINE_ENDSTREAM, at);
    at += NEWLINE_ENDSTREAM.length;
    return at - offset;
  }
}

function safeLookup(doc: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  if (object === undefined) return undefined;
  try {
    return doc.context.lookup(object);
  } catch {
    return undefined;
  }
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

function numbers(object: PDFObject | undefined, length?: number): number[] | undefined {
  if (!(object instanceof PDFArray)) return undefined;
  if (length !== undefined && object.size() !== length) return undefined;
  const values: number[] = [];
  for (let index = 0; index < object.size(); index++) {
    const value = object.get(index);
    if (!(value instanceof PDFNumber) || !Number.isFinite(value.asNumber())) return undefined;
    values.push(value.asNumber());
  }
  return values;
}

/** PDFString.of writes its argument verbatim between parentheses, so the caller escapes. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
