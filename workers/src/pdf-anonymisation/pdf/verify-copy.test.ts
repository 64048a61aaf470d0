import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findIdentityInPdf } from './verify-copy.ts';

/** A PDF-shaped byte string: enough structure for a byte-level search, no need to be valid. */
function pdf(...parts: Array<string | Buffer>): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      ...parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)),
    ]),
  );
}
function stream(dictionary: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`1 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream\nendobj\n'),
  ]);
}
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('findIdentityInPdf', () => {
  it('finds plain strings in any letter case and returns them as given', async () => {
    const bytes = pdf('<< /Author (HUMPTY dumpty) >>');
    expect(await findIdentityInPdf(bytes, ['Humpty Dumpty', 'Alice Liddell'])).toEqual(['Humpty Dumpty']);
  });

  it('unescapes literal strings: parentheses, octal and line continuations', async () => {
    const bytes = pdf('<< /Author (Brent McSharry \\(ADHB\\)) /Creator (Jos\\351 Mart\\\n\\355nez) >>');
    expect(await findIdentityInPdf(bytes, ['Brent McSharry (ADHB)', 'José Martínez'])).toEqual([
      'Brent McSharry (ADHB)',
      'José Martínez',
    ]);
  });

  it('decodes hex strings, including UTF-16BE with a byte-order mark', async () => {
    const hex = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('作者 你怎么敢')]).toString('hex');
    const bytes = pdf(`<< /Author <${hex.toUpperCase()}> /Title <4a616e6520446f65> >>`);
    expect(await findIdentityInPdf(bytes, ['你怎么敢', 'jane doe'])).toEqual(['你怎么敢', 'jane doe']);
  });

  it('looks inside Flate, ASCII85 and ASCIIHex streams and their strings', async () => {
    const xmp = '<dc:creator><rdf:li>Jane Xmp&#x2d;Author</rdf:li></dc:creator> Mary Metadata';
    const content = 'BT /F1 12 Tf (Pr\\351cis by Zo\\353 Lef\\350vre) Tj ET';
    const bytes = pdf(
      stream('/Type /Metadata /Filter /FlateDecode', deflateSync(Buffer.from(xmp))),
      stream(
        '/Filter [/ASCIIHexDecode /FlateDecode]',
        Buffer.from(`${deflateSync(Buffer.from(content)).toString('hex')}>`),
      ),
      stream('/Filter /ASCII85Decode', Buffer.from(`${ascii85(Buffer.from('Anna Ascii'))}~>`)),
    );
    expect(await findIdentityInPdf(bytes, ['Mary Metadata', 'Zoë Lefèvre', 'Anna Ascii', 'Nobody Here'])).toEqual([
      'Mary Metadata',
      'Zoë Lefèvre',
      'Anna Ascii',
    ]);
  });

  it('finds UTF-8 and UTF-16 text outside strings too (e.g. in XMP)', async () => {
    const bytes = pdf(
      stream('/Type /Metadata', Buffer.from('<dc:creator>Ærøskøbing Forfatter</dc:creator>', 'utf8')),
      Buffer.concat([Buffer.from('% '), utf16be('Ünal Öztürk'), Buffer.from('\n')]),
    );
    expect(await findIdentityInPdf(bytes, ['ærøskøbing forfatter', 'Ünal Öztürk'])).toEqual([
      'ærøskøbing forfatter',
      'Ünal Öztürk',
    ]);
  });

  it('ignores strings too short to mean anything and survives broken streams', async () => {
    const bytes = pdf('(Li Wu and Ng) ', stream('/Filter /FlateDecode', Buffer.from('not deflate data at all')));
    expect(await findIdentityInPdf(bytes, ['Li', 'Ng', ' Wu '])).toEqual([]);
    expect(await findIdentityInPdf(bytes, [])).toEqual([]);
  });
});

function ascii85(data: Buffer): string {
  let out = '';
  for (let index = 0; index < data.length; index += 4) {
    const chunk = Buffer.alloc(4);
    data.copy(chunk, 0, index, index + 4);
    let value = chunk.readUInt32BE(0);
    const digits: string[] = [];
    for (let digit = 0; digit < 5; digit++) {
      digits.unshift(String.fromCharCode((value % 85) + 33));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, Math.min(5, data.length - index + 1)).join('');
  }
  return out;
}
