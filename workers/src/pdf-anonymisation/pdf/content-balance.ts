// Whether a page's content leaves the graphics state stack unbalanced. Wrapping it in one q … Q
// (what pdf-lib does) is not enough when the content has more Q than q: poppler stops drawing the
// page at the first Q with nothing to restore, so the footer drawn after it silently vanishes
// (pdfjs-corpus/bug1157493.pdf). Counting lets the copy push as many states as the content pops.

export type ContentBalance = {
  /** Q operators with no q of the content's own before them. */
  unmatchedRestores: number;
  /** q operators the content never closes. */
  openSaves: number;
  /** The content ends inside a text object (BT without ET). */
  openText: boolean;
};

/** Byte → 1 for whitespace, 2 for a delimiter (a table: Set.has on every byte of every page is slow). */
const KIND = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) KIND[byte] = 1;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) KIND[byte] = 2;

/** Scans decoded content streams (in page order, as one) for q, Q, BT, ET and inline images. */
export function contentBalance(streams: Uint8Array[]): ContentBalance {
  const balance: ContentBalance = { unmatchedRestores: 0, openSaves: 0, openText: false };
  for (const data of streams) scan(data, balance);
  return balance;
}

function scan(data: Uint8Array, balance: ContentBalance): void {
  let index = 0;
  const length = data.length;
  while (index < length) {
    const byte = data[index]!;
    if (KIND[byte] === 1) {
      index++;
    } else if (byte === 0x25) {
      while (index < length && data[index] !== 0x0a && data[index] !== 0x0d) index++;
    } else if (byte === 0x28) {
      index = skipLiteral(data, index + 1);
    } else if (byte === 0x3c) {
      if (data[index + 1] === 0x3c) index += 2;
      else {
        while (index < length && data[index] !== 0x3e) index++;
        index++;
      }
    } else if (byte === 0x2f) {
      index++;
      while (index < length && KIND[data[index]!] === 0) index++;
    } else if (KIND[byte] === 2) {
      index++;
    } else {
      const start = index;
      while (index < length && KIND[data[index]!] === 0) index++;
      const size = index - start;
      if (size === 1 && byte === 0x71) {
        balance.openSaves++;
      } else if (size === 1 && byte === 0x51) {
        if (balance.openSaves > 0) balance.openSaves--;
        else balance.unmatchedRestores++;
      } else if (size === 2 && byte === 0x42 && data[start + 1] === 0x54) {
        balance.openText = true;
      } else if (size === 2 && byte === 0x45 && data[start + 1] === 0x54) {
        balance.openText = false;
      } else if (size === 2 && byte === 0x49 && data[start + 1] === 0x44) {
        index = skipInlineImage(data, index);
      }
    }
  }
}

function skipLiteral(data: Uint8Array, from: number): number {
  let depth = 1;
  let index = from;
  while (index < data.length && depth > 0) {
    const byte = data[index++]!;
    if (byte === 0x5c) index++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29) depth--;
  }
  return index;
}

/** After "ID": binary image data up to whitespace, "EI", whitespace (or the end). */
function skipInlineImage(data: Uint8Array, from: number): number {
  let index = from + 1;
  while (index + 1 < data.length) {
    if (
      data[index] === 0x45 &&
      data[index + 1] === 0x49 &&
      KIND[data[index - 1]!] === 1 &&
      (index + 2 >= data.length || KIND[data[index + 2]!] === 1)
    ) {
      return index + 2;
    }
    index++;
  }
  return data.length;
}
