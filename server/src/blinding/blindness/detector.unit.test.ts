// The suite's own check: a walk that finds nothing proves something only if it would have found a
// leak. Crafted answers carrying a name in each channel the walker reads must all be caught.
import { describe, expect, it } from 'vitest';
import { deflatedPdf } from './crafted-pdf.ts';
import { findNeedles, needlesOf } from './fold-text.ts';
import { pdfReadings } from './pdf-text.ts';
import { type Answer, leaksInAnswer } from './response-text.ts';

const needles = [
  ...needlesOf("author's name", 'Zoë Ångström-Okonkwo', 'name'),
  ...needlesOf("author's e-mail", 'zoe.angstrom-okonkwo@st-etienne-rouvray.example', 'email'),
  ...needlesOf("author's affiliation", 'Université de Saint-Étienne-du-Rouvray', 'place'),
  ...needlesOf("Reviewer 1's name", 'Łukasz Øyelaran-Brown', 'name'),
  ...needlesOf('confidential comment', 'Confidential-Ξ-marker: I know this team', 'text'),
];

const answer = (body: string | Buffer, headers: Answer['headers'] = {}, statusMessage = 'OK'): Answer => ({
  method: 'GET',
  url: '/api/example',
  statusCode: 200,
  statusMessage,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});

describe('the leak detector', () => {
  it('finds a name in a header, and in a percent-encoded Content-Disposition', () => {
    expect(leaksInAnswer(answer('{}', { 'x-author': 'Ångström' }), needles)).toEqual([
      expect.stringContaining("author's name"),
    ]);
    const disposition = `attachment; filename*=UTF-8''${encodeURIComponent('Ångström-Okonkwo_final.pdf')}`;
    expect(leaksInAnswer(answer('{}', { 'content-disposition': disposition }), needles)).not.toEqual([]);
  });

  it('finds a name in the status line', () => {
    expect(leaksInAnswer(answer('{}', {}, 'Not Found for Okonkwo'), needles)).not.toEqual([]);
  });

  it('finds a name written without accents, in capitals, or with other punctuation', () => {
    for (const text of [
      'ANGSTROM',
      'Oyelaran Brown',
      'oyelaran_brown',
      'ZoeAngstrom',
      'LUKASZ',
      'Saint Etienne du Rouvray',
    ])
      expect(findNeedles(`{"who":"${text}"}`, needles), text).not.toEqual([]);
  });

  it('finds an e-mail address by its local part or its domain alone', () => {
    expect(findNeedles('write to zoe.angstrom-okonkwo', needles)).not.toEqual([]);
    expect(findNeedles('sent from st-etienne-rouvray.example', needles)).not.toEqual([]);
  });

  it('finds a name in JSON escapes, and a confidential comment', () => {
    expect(leaksInAnswer(answer('{"name":"\\u00c5ngstr\\u00f6m"}'), needles)).not.toEqual([]);
    expect(leaksInAnswer(answer('{"note":"CONFIDENTIAL-Ξ-MARKER: i know this team"}'), needles)).not.toEqual([]);
  });

  it('finds a name inside a deflated PDF stream, in octal escapes and split by kerning', () => {
    const octal = deflatedPdf('BT /F1 11 Tf 72 770 Td (Zo\\353 \\305ngstr\\366m-Okonkwo) Tj ET');
    expect(octal.includes('Okonkwo')).toBe(false); // compressed: not in the bytes as they are
    expect(leaksInAnswer(answer(octal, { 'content-type': 'application/pdf' }), needles)).not.toEqual([]);
    const kerned = deflatedPdf('BT /F1 11 Tf 72 770 Td [(\\305ngs) -20 (tr\\366m) 15 (-Ok) -5 (onkwo)] TJ ET');
    expect(findNeedles(pdfReadings(kerned), needles)).not.toEqual([]);
    const hex = deflatedPdf(
      `BT /F1 11 Tf 72 770 Td <FEFF${Buffer.from('Øyelaran-Brown', 'utf16le').swap16().toString('hex')}> Tj ET`,
    );
    expect(findNeedles(pdfReadings(hex), needles)).not.toEqual([]);
  });

  it('finds nothing in an anonymised answer (no false alarm on the words the app uses)', () => {
    const clean = answer(
      JSON.stringify({
        reviewer: 'Reviewer 1',
        author: 'the author',
        university: 'University',
        title: 'Holding on: a practitioner account',
        file: 'VJOUR-2026-0001-review-copy.pdf',
      }),
      { 'content-disposition': 'attachment; filename="VJOUR-2026-0001-review-copy.pdf"' },
    );
    expect(leaksInAnswer(clean, needles)).toEqual([]);
    expect(findNeedles(pdfReadings(deflatedPdf('BT (Anonymised for review.) Tj ET')), needles)).toEqual([]);
  });
});
