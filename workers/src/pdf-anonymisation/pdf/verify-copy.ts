// The last wall before a review copy is released: a byte-level search of the finished file that
// does not trust any PDF library's view of it. Every stream is decoded (FlateDecode with
// node:zlib, plus the other text-capable filters), every PDF string is unescaped, and each place
// is searched case-insensitively for the identity strings as Latin-1, UTF-8 and UTF-16BE.
import { decodeStream } from './stream-decode.ts';

/** Strings shorter than this are not searched: they occur by chance in any PDF (font names, operators). */
export const MIN_IDENTITY_LENGTH = 4;

/**
 * Returns the identity strings (as given) that occur anywhere in the PDF: raw bytes, decoded
 * streams (content, object and metadata streams; image data is skipped), and the decoded form of
 * every literal and hex string, as Latin-1, PDFDocEncoding, UTF-8 and UTF-16BE, ignoring case.
 */
export async function findIdentityInPdf(bytes: Uint8Array, identityStrings: string[]): Promise<string[]> {
  type Search = { original: string; patterns: Buffer[]; folded?: string };
  const searches = new Map<string, Search>();
  for (const original of identityStrings) {
    const text = original.normalize('NFC').trim();
    const key = text.toLowerCase();
    if (text.length < MIN_IDENTITY_LENGTH || searches.has(key)) continue;
    // Byte patterns fold ASCII case only; a string with other letters ("Ærøskøbing") is also
    // compared on decoded, lower-cased text, which catches any mix of cases.
    searches.set(key, {
      original,
      patterns: patternsFor(text),
      folded: [...text].some((character) => character.charCodeAt(0) > 0x7f) ? key : undefined,
    });
  }
  if (searches.size === 0) return [];
  const found = new Set<string>();
  const pending = () => [...searches].filter(([key]) => !found.has(key));

  const search = (data: Buffer) => {
    const folded = foldAscii(data);
    let views: string[] | undefined;
    for (const [key, { patterns, folded: lowerCase }] of pending()) {
      if (patterns.some((pattern) => folded.includes(pattern))) found.add(key);
      else if (lowerCase) {
        views ??= textViews(data);
        if (views.some((view) => view.includes(lowerCase))) found.add(key);
      }
    }
  };
  const searchWithStrings = (data: Buffer) => {
    search(data);
    if (pending().length > 0) search(decodedPdfStrings(data));
  };

  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  searchWithStrings(raw);
  let sinceBreak = 0;
  for (const stream of decodedStreams(raw)) {
    if (pending().length === 0) break;
    searchWithStrings(stream);
    sinceBreak += stream.length;
    if (sinceBreak > 4 * 1024 * 1024) {
      // Let the event loop breathe on big files (the caller may be sending heartbeats).
      sinceBreak = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return [...searches].filter(([key]) => found.has(key)).map(([, { original }]) => original);
}

/** The bytes read as Latin-1, UTF-8 and UTF-16BE (both alignments), NFC-normalised and lower-cased. */
function textViews(data: Buffer): string[] {
  const views = [data.toString('latin1'), data.toString('utf8')];
  for (const offset of [0, 1]) {
    const length = (data.length - offset) & ~1;
    if (length <= 0) continue;
    views.push(
      Buffer.from(data.subarray(offset, offset + length))
        .swap16()
        .toString('utf16le'),
    );
  }
  return views.map((view) => view.normalize('NFC').toLowerCase());
}

/**
 * Byte patterns for one string: as given, lower- and upper-cased, each encoded as Latin-1,
 * PDFDocEncoding, UTF-8 and UTF-16BE, then ASCII-folded like the haystack. ASCII letters thus
 * match in any case; other letters match in the given, all-lower or all-upper form.
 */
function patternsFor(text: string): Buffer[] {
  const patterns = new Map<string, Buffer>();
  for (const variant of new Set([text, text.toLowerCase(), text.toUpperCase()])) {
    const encodings = [
      Buffer.from(variant, 'utf8'),
      Buffer.from(variant, 'utf16le').swap16(),
      singleByte(variant, (code) => (code <= 0xff ? code : undefined)),
      singleByte(
        variant,
        (code) => PDF_DOC_ENCODING.get(code) ?? (code < 0x80 || (code >= 0xa1 && code <= 0xff) ? code : undefined),
      ),
    ];
    for (const encoded of encodings) {
      if (encoded && encoded.length > 0) {
        const folded = foldAscii(encoded);
        patterns.set(folded.toString('hex'), folded);
      }
    }
  }
  return [...patterns.values()];
}

function singleByte(text: string, encode: (code: number) => number | undefined): Buffer | undefined {
  const out: number[] = [];
  for (const character of text) {
    const byte = encode(character.codePointAt(0)!);
    if (byte === undefined) return undefined;
    out.push(byte);
  }
  return Buffer.from(out);
}

/** A copy with A–Z turned into a–z, byte by byte (applied to haystacks and patterns alike). */
function foldAscii(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  for (let index = 0; index < data.length; index++) {
    const byte = data[index]!;
    out[index] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
  }
  return out;
}

/** PDFDocEncoding where it differs from Latin-1 (PDF 32000-1, Annex D): Unicode code point → byte. */
const PDF_DOC_ENCODING = new Map<number, number>(
  (
    [
      [0x02d8, 0x18],
      [0x02c7, 0x19],
      [0x02c6, 0x1a],
      [0x02d9, 0x1b],
      [0x02dd, 0x1c],
      [0x02db, 0x1d],
      [0x02da, 0x1e],
      [0x02dc, 0x1f],
      [0x2022, 0x80],
      [0x2020, 0x81],
      [0x2021, 0x82],
      [0x2026, 0x83],
      [0x2014, 0x84],
      [0x2013, 0x85],
      [0x0192, 0x86],
      [0x2044, 0x87],
      [0x2039, 0x88],
      [0x203a, 0x89],
      [0x2212, 0x8a],
      [0x2030, 0x8b],
      [0x201e, 0x8c],
      [0x201c, 0x8d],
      [0x201d, 0x8e],
      [0x2018, 0x8f],
      [0x2019, 0x90],
      [0x201a, 0x91],
      [0x2122, 0x92],
      [0xfb01, 0x93],
      [0xfb02, 0x94],
      [0x0141, 0x95],
      [0x0152, 0x96],
      [0x0160, 0x97],
      [0x0178, 0x98],
      [0x017d, 0x99],
      [0x0131, 0x9a],
      [0x0142, 0x9b],
      [0x0153, 0x9c],
      [0x0161, 0x9d],
      [0x017e, 0x9e],
      [0x20ac, 0xa0],
    ] as const
  ).map(([code, byte]) => [code, byte]),
);

/** Finds every `stream … endstream` and yields its decoded data (when the filters allow text). */
function* decodedStreams(pdf: Buffer): Generator<Buffer> {
  let from = 0;
  while (true) {
    const keyword = pdf.indexOf('stream', from, 'latin1');
    if (keyword < 0) return;
    from = keyword + 6;
    // Skip "endstream" itself.
    if (keyword >= 3 && pdf.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = keyword + 6;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    from = end + 9;
    const dictionary = pdf.toString('latin1', Math.max(0, keyword - 2048), keyword);
    const header = dictionary.slice(dictionary.lastIndexOf('obj') + 1);
    if (/\/Subtype\s*\/Image\b/.test(header)) continue;
    const data = decodeStream(pdf.subarray(start, end), filtersOf(header));
    if (data) yield data;
  }
}

function filtersOf(header: string): string[] | undefined {
  const match = /\/Filter\s*(\/[A-Za-z0-9]+|\[([^\]]*)\])/.exec(header);
  if (!match) return /\/Filter\b/.test(header) ? undefined : [];
  const filter = match[1]!;
  return filter.startsWith('[') ? [...filter.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]!) : [filter.slice(1)];
}

/**
 * The decoded bytes of every literal `( … )` and hex `< … >` string in the data, joined by NULs.
 * Literal strings escape parentheses and may use octal escapes, so "Brent McSharry (ADHB)" is
 * stored as `(Brent McSharry \\(ADHB\\))` and only found once unescaped.
 */
function decodedPdfStrings(data: Buffer): Buffer {
  // Decoded strings are never longer than their source, so one buffer of the input's size is enough.
  const out = Buffer.allocUnsafe(data.length + 1);
  let length = 0;
  let index = 0;
  while (index < data.length) {
    const byte = data[index]!;
    if (byte === 0x25) {
      // A comment runs to the end of the line.
      while (index < data.length && data[index] !== 0x0a && data[index] !== 0x0d) index++;
    } else if (byte === 0x28) {
      index = readLiteral(data, index + 1, (value) => {
        out[length++] = value;
      });
      out[length++] = 0;
    } else if (byte === 0x3c && data[index + 1] === 0x3c) {
      index += 2;
    } else if (byte === 0x3c) {
      index = readHex(data, index + 1, (value) => {
        out[length++] = value;
      });
      out[length++] = 0;
    } else {
      index++;
    }
  }
  return out.subarray(0, Math.min(length, out.length));
}

function readHex(data: Buffer, from: number, emit: (byte: number) => void): number {
  // Check first, so binary data that happens to contain '<' emits nothing.
  let close = from;
  while (close < data.length && data[close] !== 0x3e) {
    const byte = data[close]!;
    if (hexValue(byte) < 0 && byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0x0c) {
      return from;
    }
    close++;
  }
  let high = -1;
  for (let index = from; index < close; index++) {
    const value = hexValue(data[index]!);
    if (value < 0) continue;
    if (high < 0) high = value;
    else {
      emit((high << 4) | value);
      high = -1;
    }
  }
  if (high >= 0) emit(high << 4);
  return close + 1;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

// \n \r \t \b \f
const SIMPLE_ESCAPES = new Map([
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
  [0x62, 0x08],
  [0x66, 0x0c],
]);

function readLiteral(data: Buffer, from: number, emit: (byte: number) => void): number {
  let depth = 1;
  let index = from;
  while (index < data.length) {
    const byte = data[index++]!;
    if (byte === 0x5c) {
      if (index >= data.length) break;
      const escaped = data[index++]!;
      const simple = SIMPLE_ESCAPES.get(escaped);
      if (simple !== undefined) emit(simple);
      else if (escaped >= 0x30 && escaped <= 0x37) {
        let value = escaped - 0x30;
        for (let digits = 1; digits < 3 && (data[index] ?? 0) >= 0x30 && (data[index] ?? 0) <= 0x37; digits++) {
          value = value * 8 + (data[index++]! - 0x30);
        }
        emit(value & 0xff);
      } else if (escaped === 0x0d) {
        if (data[index] === 0x0a) index++;
      } else if (escaped !== 0x0a) emit(escaped);
    } else if (byte === 0x28) {
      depth++;
      emit(byte);
    } else if (byte === 0x29) {
      depth--;
      if (depth === 0) break;
      emit(byte);
    } else {
      emit(byte);
    }
  }
  return index;
}
