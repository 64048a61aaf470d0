import { readFileSync } from 'node:fs';
import { ParseSpeeds, PDFDocument, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { withDirectStreamLengths } from './review-copy-lengths.ts';
import { fixturePdf } from './testing/corpus.ts';

const indirectLengths = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('latin1')
    .match(/\/Length\s+\d+\s+\d+\s+R/g)?.length ?? 0;

const load = (bytes: Uint8Array) =>
  PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });

/** Each stream's data by object, as pdf-lib reads it. */
async function streams(bytes: Uint8Array): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const [ref, object] of (await load(bytes)).context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) result.set(ref.toString(), Buffer.from(object.contents).toString('hex'));
  }
  return result;
}

describe('withDirectStreamLengths', () => {
  it('writes every indirect stream length as a number, at the same offsets, and pdf-lib reads the declared data', async () => {
    const input = new Uint8Array(readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf')));
    expect(indirectLengths(input)).toBeGreaterThan(300);

    const output = withDirectStreamLengths(input);
    expect(indirectLengths(output)).toBe(0);
    expect(output.length).toBe(input.length);
    // Only the references changed: every "xref" offset still points at its object.
    const changed = [...output].filter((byte, index) => byte !== input[index]).length;
    expect(changed).toBeLessThan(indirectLengths(input) * 8);
    expect(input).toEqual(new Uint8Array(readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf'))));
    // The same data, except where pdf-lib's search for "endstream" dropped an end-of-line byte
    // that the stream's /Length counts (one stream here): now it has what the file declares.
    const before = await streams(input);
    const after = await streams(output);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differing = [...before].filter(([ref, data]) => after.get(ref) !== data);
    expect(differing.length).toBeLessThanOrEqual(1);
    for (const [ref, data] of differing) expect(after.get(ref)).toMatch(new RegExp(`^${data}(0d|0a|0d0a)$`));
  });

  it('leaves a reference alone when the number it points to is not where the data ends', () => {
    const pdf = (length: number) =>
      new Uint8Array(
        Buffer.from(
          `%PDF-1.4\n1 0 obj\n<< /Length 2 0 R >>\nstream\nBT ET\nendstream\nendobj\n2 0 obj\n${length}\nendobj\n`,
          'latin1',
        ),
      );
    expect(indirectLengths(withDirectStreamLengths(pdf(5)))).toBe(0);
    const wrong = pdf(3);
    expect(withDirectStreamLengths(wrong)).toBe(wrong);
  });
});
