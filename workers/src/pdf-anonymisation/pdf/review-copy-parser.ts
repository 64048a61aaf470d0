// The parser the review copy loads source files with: pdf-lib's, with a faster search for the end
// of a stream. See review-copy.ts.
import { ParseSpeeds, PDFParser, PDFStreamParsingError } from 'pdf-lib';

const STREAM = Buffer.from('stream', 'latin1');
const CR = 0x0d;
const LF = 0x0a;

/**
 * pdf-lib's parser, except for how it finds the end of a stream whose /Length is not a direct
 * number (an indirect /Length is common: 348 of the 377 streams of tracemonkey-pldi-09.pdf).
 * pdf-lib tries five keywords at every byte of the stream, the bulk of the parse; this finds the
 * same end (same nesting rule, same EOL variants, same position afterwards) with Buffer.indexOf.
 */
export class StreamEndParser extends PDFParser {
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
