// Stream filters that can carry text (content, object and metadata streams), decoded without a
// PDF library: FlateDecode through node:zlib, the rest in a few lines each. Image codecs (DCT,
// JPX, JBIG2, CCITT) are not decoded: there is no text to find in them.
import { inflateRawSync, inflateSync, constants as zlibConstants } from 'node:zlib';

/** One stream may not inflate to more than this; a larger one is skipped rather than allowed to exhaust memory. */
const MAX_INFLATED_BYTES = 128 * 1024 * 1024;
/** The same for the rare filters decoded in JavaScript (LZW, RunLength), whose buffers cost more. */
const MAX_JS_DECODED_BYTES = 16 * 1024 * 1024;

/** Applies the filters in order; undefined filters (an indirect /Filter) get a plain inflate attempt. */
export function decodeStream(data: Buffer, filters: string[] | undefined): Buffer | undefined {
  if (filters === undefined) return inflate(data);
  let current: Buffer | undefined = data;
  for (const filter of filters) {
    if (!current) return undefined;
    switch (filter) {
      case 'FlateDecode':
      case 'Fl':
        current = inflate(current);
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        current = asciiHexDecode(current);
        break;
      case 'ASCII85Decode':
      case 'A85':
        current = ascii85Decode(current);
        break;
      case 'LZWDecode':
      case 'LZW':
        current = lzwDecode(current);
        break;
      case 'RunLengthDecode':
      case 'RL':
        current = runLengthDecode(current);
        break;
      default:
        // DCT, JPX, JBIG2, CCITT: image data, no text to find.
        return undefined;
    }
  }
  return current;
}

function inflate(data: Buffer): Buffer | undefined {
  const options = { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED_BYTES };
  try {
    return inflateSync(data, options);
  } catch {
    try {
      return inflateRawSync(data, options);
    } catch {
      return undefined;
    }
  }
}

export function asciiHexDecode(data: Buffer): Buffer {
  let text = data.toString('latin1');
  const end = text.indexOf('>');
  if (end >= 0) text = text.slice(0, end);
  text = text.replace(/[^0-9a-fA-F]/g, '');
  if (text.length % 2 === 1) text += '0';
  return Buffer.from(text, 'hex');
}

function ascii85Decode(data: Buffer): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  const text = data.toString('latin1');
  const start = text.startsWith('<~') ? 2 : 0;
  for (let index = start; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (character === 0x7e) break;
    if (character === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (character < 0x21 || character > 0x75) continue;
    group.push(character - 0x21);
    if (group.length === 5) {
      let value = 0;
      for (const digit of group) value = value * 85 + digit;
      out.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
      group = [];
    }
  }
  if (group.length > 1) {
    const count = group.length - 1;
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, count));
  }
  return Buffer.from(out);
}

function lzwDecode(data: Buffer): Buffer {
  const out: number[] = [];
  let dictionary: number[][] = [];
  const reset = () => {
    dictionary = [];
    for (let code = 0; code < 256; code++) dictionary.push([code]);
    dictionary.push([], []);
  };
  reset();
  let codeLength = 9;
  let bitBuffer = 0;
  let bitCount = 0;
  let previous: number[] | undefined;
  for (const byte of data) {
    bitBuffer = (bitBuffer << 8) | byte;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bitBuffer >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      bitBuffer &= (1 << bitCount) - 1;
      if (code === 256) {
        reset();
        codeLength = 9;
        previous = undefined;
        continue;
      }
      if (code === 257) return Buffer.from(out);
      let entry: number[];
      if (code < dictionary.length) entry = dictionary[code]!;
      else if (previous) entry = [...previous, previous[0]!];
      else return Buffer.from(out);
      out.push(...entry);
      if (out.length > MAX_JS_DECODED_BYTES) return Buffer.from(out);
      if (previous) dictionary.push([...previous, entry[0]!]);
      previous = entry;
      // Early change (the PDF default): widen one code before the table is full.
      if (dictionary.length + 1 >= 1 << codeLength && codeLength < 12) codeLength++;
    }
  }
  return Buffer.from(out);
}

function runLengthDecode(data: Buffer): Buffer {
  const out: number[] = [];
  let index = 0;
  while (index < data.length) {
    const length = data[index++]!;
    if (length === 128 || out.length > MAX_JS_DECODED_BYTES) break;
    if (length < 128) {
      out.push(...data.subarray(index, index + length + 1));
      index += length + 1;
    } else {
      out.push(...new Array(257 - length).fill(data[index++]));
    }
  }
  return Buffer.from(out);
}
