// Test support: small PDFs made with pdf-lib, with text and identity planted where tests need it.
import { degrees, type PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';

export type PageSpec = {
  lines: string[];
  size?: [number, number];
  rotate?: 0 | 90 | 180 | 270;
  /** [x0, y0, x1, y1] */
  mediaBox?: [number, number, number, number];
  cropBox?: [number, number, number, number];
};

/** One page per entry, each line drawn with Helvetica (WinAnsi: accents yes, ligatures no). */
export async function makeTextPdf(pages: Array<string[] | PageSpec>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const entry of pages) {
    const spec: PageSpec = Array.isArray(entry) ? { lines: entry } : entry;
    const page = doc.addPage(spec.size ?? [595.28, 841.89]);
    if (spec.mediaBox) {
      const [x0, y0, x1, y1] = spec.mediaBox;
      page.setMediaBox(x0, y0, x1 - x0, y1 - y0);
    }
    if (spec.cropBox) {
      const [x0, y0, x1, y1] = spec.cropBox;
      page.setCropBox(x0, y0, x1 - x0, y1 - y0);
    }
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    const box = page.getMediaBox();
    let y = box.y + box.height - 60;
    for (const line of spec.lines) {
      page.drawText(line, { x: box.x + 50, y, size: 11, font });
      y -= 15;
    }
  }
  return doc.save();
}

/**
 * Lines drawn with a font whose encoding maps byte 0x80 to the glyph "fi" and 0x81 to "fl", so
 * a text extractor sees the ligature characters ﬁ and ﬂ, as in typeset papers.
 */
export async function makeLigaturePdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const font = doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: { Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: [128, 'fi', 129, 'fl'] },
    }),
  );
  page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { FLig: font } }));
  let y = 780;
  let operators = '';
  for (const line of lines) {
    const bytes = [...line].map((character) =>
      character === 'ﬁ' ? 0x80 : character === 'ﬂ' ? 0x81 : (character.codePointAt(0) ?? 0x3f) & 0xff,
    );
    operators += `BT /FLig 11 Tf 50 ${y} Td <${Buffer.from(bytes).toString('hex')}> Tj ET\n`;
    y -= 15;
  }
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(operators)));
  return doc.save();
}

/** The identity strings planted by makeIdentityLadenPdf, each in a different hiding place. */
export const PLANTED = {
  infoAuthor: 'Jane Infoauthor',
  infoTitle: 'Secret Title Quokka',
  infoSubject: 'Subject Wombat Janeway',
  infoKeywords: 'keyword-numbat-jane',
  infoCreator: 'Creator Bilby Word',
  infoProducer: 'Producer Dingo Distiller',
  xmpCreator: 'Jane Xmpcreator',
  pageXmp: 'Page Xmp Platypus',
  pieceInfo: 'Private Piece Wallaby',
  annotationAuthor: 'Annotator Kookaburra',
  annotationContents: 'Secret comment about Echidna',
  linkAuthor: 'Link Author Cassowary',
  linkContents: 'Link contents Galah',
  mailtoAddress: 'jane.mailto@wattle.ac.uk',
  attachmentName: 'cv-of-jane-bandicoot.txt',
  attachmentDescription: 'Curriculum vitae Bandicoot',
  attachmentContent: 'Attachment body Potoroo',
  javaScript: 'JavaScript marker Quoll',
  openAction: 'OpenAction marker Bettong',
  fieldValue: 'Field value Numbat Jane',
  outlineTitle: 'Outline title Dunnart',
  structAlt: 'Struct alt text Bilby Jane',
  exifOwner: 'Exif owner Antechinus',
  sourceId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
};

/** A one-page manuscript with identity in every place a review copy must not carry over. */
export async function makeIdentityLadenPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('A manuscript body with nothing identifying in it.', { x: 50, y: 780, size: 11, font });
  const context = doc.context;

  doc.setTitle(PLANTED.infoTitle);
  doc.setAuthor(PLANTED.infoAuthor);
  doc.setSubject(PLANTED.infoSubject);
  doc.setKeywords([PLANTED.infoKeywords]);
  doc.setCreator(PLANTED.infoCreator);
  doc.setProducer(PLANTED.infoProducer);

  const xmp = (text: string) =>
    context.register(
      context.stream(
        `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${text}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
        { Type: 'Metadata', Subtype: 'XML' },
      ),
    );
  doc.catalog.set(PDFName.of('Metadata'), xmp(PLANTED.xmpCreator));
  page.node.set(PDFName.of('Metadata'), xmp(PLANTED.pageXmp));
  page.node.set(
    PDFName.of('PieceInfo'),
    context.obj({ MyApp: { LastModified: PDFString.of('D:20240101'), Private: PDFString.of(PLANTED.pieceInfo) } }),
  );

  const annotations = [
    context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [100, 600, 120, 620],
      T: PDFString.of(PLANTED.annotationAuthor),
      Contents: PDFString.of(PLANTED.annotationContents),
    }),
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [50, 700, 300, 715],
      T: PDFString.of(PLANTED.linkAuthor),
      Contents: PDFString.of(PLANTED.linkContents),
      NM: PDFString.of('link-name-jane'),
      A: { Type: 'Action', S: 'URI', URI: PDFString.of('https://example.org/paper') },
    }),
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [50, 680, 300, 695],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(`mailto:${PLANTED.mailtoAddress}`) },
    }),
  ].map((annotation) => context.register(annotation));
  page.node.set(PDFName.of('Annots'), context.obj(annotations));

  await doc.attach(Buffer.from(PLANTED.attachmentContent), PLANTED.attachmentName, {
    mimeType: 'text/plain',
    description: PLANTED.attachmentDescription,
  });
  doc.addJavaScript('greeting', `app.alert("${PLANTED.javaScript}")`);
  doc.catalog.set(
    PDFName.of('OpenAction'),
    context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(`app.alert("${PLANTED.openAction}")`) }),
  );

  const field = doc.getForm().createTextField('applicant.name');
  field.setText(PLANTED.fieldValue);
  field.addToPage(page, { x: 50, y: 500, width: 200, height: 20 });

  const outlines = context.register(context.obj({ Type: 'Outlines', Count: 1 }));
  const item = context.register(
    context.obj({ Title: PDFString.of(PLANTED.outlineTitle), Parent: outlines, Dest: [page.ref, 'Fit'] }),
  );
  const outlineDict = context.lookup(outlines, PDFDict);
  outlineDict.set(PDFName.of('First'), item);
  outlineDict.set(PDFName.of('Last'), item);
  doc.catalog.set(PDFName.of('Outlines'), outlines);

  const structElement = context.register(
    context.obj({ Type: 'StructElem', S: 'Figure', Alt: PDFString.of(PLANTED.structAlt) }),
  );
  doc.catalog.set(PDFName.of('StructTreeRoot'), context.obj({ Type: 'StructTreeRoot', K: [structElement] }));
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));

  const image = await doc.embedJpg(jpegWithExif(PLANTED.exifOwner));
  page.drawImage(image, { x: 400, y: 700, width: 20, height: 20 });

  const id = PDFHexString.of(PLANTED.sourceId);
  context.trailerInfo.ID = context.obj([id, id]) as PDFArray;
  return doc.save({ useObjectStreams: false });
}

/** A minimal 1×1 greyscale JPEG header with an EXIF segment carrying `owner` (never rendered). */
export function jpegWithExif(owner: string): Uint8Array {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    ((body.length + 2) >> 8) & 0xff,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const text = (value: string) => [...Buffer.from(value, 'latin1')];
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xe1, [...text('Exif'), 0, 0, ...text(`Artist ${owner}`)]),
    ...segment(0xfe, text(`Comment ${owner}`)),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x00,
    0xff,
    0xd9,
  ]);
}
