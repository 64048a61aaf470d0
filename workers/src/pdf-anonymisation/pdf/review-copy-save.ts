// Preparing the review copy for saving: unreachable objects deleted, and streams written with one
// copy each (drawn streams compressed by node:zlib). See review-copy.ts.
import { deflateSync } from 'node:zlib';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  type PDFDocument,
  PDFFlateStream,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { nameOf } from './review-copy-objects.ts';

/**
 * Deletes every indirect object that the trailer no longer reaches. pdf-lib writes all objects it
 * holds, referenced or not, so a removed /Metadata reference would otherwise still be saved.
 * The streams that stay are prepared for saving in the same pass (see prepareStreamForSaving).
 */
export function removeUnreachableObjectsAndPrepareStreams(out: PDFDocument): void {
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
