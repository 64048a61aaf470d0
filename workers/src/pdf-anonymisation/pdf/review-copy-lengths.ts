// Stream lengths written where pdf-lib can use them, before it parses the file. See review-copy.ts.
//
// pdf-lib finds where a stream's data ends from its /Length when that is a number. When it is a
// reference ("/Length 12 0 R", as most writers put it, since they learn the length only after
// writing the data), pdf-lib tests every following byte for "endstream" instead: on a typical
// paper about half of its parsing time. This pass writes each such length in place of its
// reference, padded with spaces to the same width, so every byte offset (and with it the
// cross-reference table) stays as it was and the file means what it meant: a reference to a
// number object and the number itself are the same value in PDF. A length is only written where
// the stream's data really ends there with "endstream"; everything else is left to pdf-lib's own
// search, as before.

const LENGTH_REFERENCE = /\/Length(\s+(\d+)\s+(\d+)\s+R)/g;
/** "12 0 obj 345 endobj": an indirect object that is a bare non-negative integer. */
const NUMBER_OBJECT = /(?<![\d.])(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj/g;
const END_OF_DATA = /^\s*endstream/;

/** The input with indirect stream lengths written as numbers (the same array when there are none). */
export function withDirectStreamLengths(input: Uint8Array): Uint8Array {
  const text = Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1');
  // Objects in object streams are not found here; their references stay (pdf-lib searches).
  // A later definition (an incremental update) replaces an earlier one, as in the file itself.
  const numbers = new Map<string, number>();
  for (const match of text.matchAll(NUMBER_OBJECT)) numbers.set(`${match[1]} ${match[2]}`, Number(match[3]));
  if (numbers.size === 0) return input;

  let output: Uint8Array | undefined;
  LENGTH_REFERENCE.lastIndex = 0;
  for (let match = LENGTH_REFERENCE.exec(text); match; match = LENGTH_REFERENCE.exec(text)) {
    const length = numbers.get(`${match[2]} ${match[3]}`);
    if (length === undefined) continue;
    const reference = match[1]!;
    const replacement = ` ${length}`.padEnd(reference.length, ' ');
    if (replacement.length > reference.length) continue;
    const keyword = text.indexOf('stream', match.index + match[0].length);
    if (keyword < 0) break;
    let start = keyword + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = start + length;
    if (!END_OF_DATA.test(text.slice(end, end + 64))) continue;
    output ??= new Uint8Array(input);
    output.set(Buffer.from(replacement, 'latin1'), match.index + '/Length'.length);
    // The data of a stream whose end is known is not searched: it may hold anything.
    LENGTH_REFERENCE.lastIndex = end;
  }
  return output ?? input;
}
