// A PDF made by hand for the suite's self-checks: its page text sits in a FlateDecode stream, so
// a name in it is not in the file's bytes as they are, only in what a PDF reader shows.
import { deflateSync } from 'node:zlib';

/** A one-page PDF whose page text is in a FlateDecode stream, written as PDF strings. */
export function deflatedPdf(content: string): Buffer {
  const stream = deflateSync(Buffer.from(content, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  const add = (body: Buffer | string) => {
    offsets.push(Buffer.concat(parts).length);
    parts.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  };
  add('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n');
  add('2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n');
  add(
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n',
  );
  add(
    Buffer.concat([
      Buffer.from(`4 0 obj << /Length ${stream.length} /Filter /FlateDecode >> stream\n`),
      stream,
      Buffer.from('\nendstream endobj\n'),
    ]),
  );
  add('5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj\n');
  const xref = Buffer.concat(parts).length;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 6\n0000000000 65535 f \n${table}trailer << /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}
