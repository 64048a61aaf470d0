// Test support: the identity-bearing strings of an ORIGINAL PDF, read with pdf-lib's low-level API
// independently of the code under test, so tests can assert none of them reaches the review copy.
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';

export type OriginalStrings = {
  /** Info values, XMP text and attribute values, annotation /T and /Contents, attachment names, field values. */
  values: string[];
  /** The decoded content streams of the pages and their form XObjects (kept as is in a review copy). */
  pageContent: Buffer;
};

/**
 * Which values the metadata check asserts on. Too short to mean anything (under 4 characters),
 * only a date, a time or a number ("D:20190101", "2019-05-01T12:00:00Z", "1.7"), or XMP's own
 * vocabulary ("True", "default"): these occur by chance in any file and identify nobody.
 */
export function isSignificant(value: string): boolean {
  const text = value.normalize('NFC').trim();
  if (text.length < 4) return false;
  if (/^D:\d/.test(text)) return false;
  // XMP's own vocabulary (booleans, rendition classes): says nothing about anyone.
  if (/^(true|false|default|unknown|none)$/i.test(text)) return false;
  return !/^[\d\s.,:;/+\-–_()TZ'"]*$/.test(text);
}

export async function originalStrings(bytes: Uint8Array): Promise<OriginalStrings | undefined> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return undefined;
  }
  const context = doc.context;
  const lookup = (object: PDFObject | undefined) => {
    try {
      return object === undefined ? undefined : context.lookup(object);
    } catch {
      return undefined;
    }
  };
  const values = new Set<string>();
  const addText = (object: PDFObject | undefined) => {
    const value = lookup(object);
    if (value instanceof PDFString || value instanceof PDFHexString) values.add(value.decodeText());
  };

  // Document information dictionary.
  const info = lookup(context.trailerInfo.Info);
  if (info instanceof PDFDict) for (const [, value] of info.entries()) addText(value);

  // XMP: every metadata stream, wherever it hangs (catalog, pages, images).
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const type = lookup(object.dict.get(PDFName.of('Type')));
    if (!(type instanceof PDFName) || type.decodeText() !== 'Metadata') continue;
    let xml: string;
    try {
      xml = Buffer.from(decodePDFRawStream(object).decode()).toString('utf8');
    } catch {
      continue;
    }
    for (const value of xmpValues(xml)) values.add(value);
  }

  // Annotations: author (/T) and text (/Contents); file attachment names.
  let pageContent = Buffer.alloc(0);
  try {
    const contentParts: Buffer[] = [];
    for (const page of doc.getPages()) {
      const annots = lookup(page.node.get(PDFName.of('Annots')));
      if (annots instanceof PDFArray) {
        for (const item of annots.asArray()) {
          const annot = lookup(item);
          if (!(annot instanceof PDFDict)) continue;
          addText(annot.get(PDFName.of('T')));
          addText(annot.get(PDFName.of('Contents')));
          addFileSpec(lookup(annot.get(PDFName.of('FS'))));
        }
      }
      contentParts.push(...pageStreams(page.node, lookup, 0));
    }
    pageContent = Buffer.concat(contentParts);
  } catch {
    // A broken page tree: the document-level values above still count.
  }

  // Attachments in the EmbeddedFiles name tree.
  const names = lookup(doc.catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) walkNameTree(lookup(names.get(PDFName.of('EmbeddedFiles'))), 0);

  // Form fields: their values.
  const acroForm = lookup(doc.catalog.get(PDFName.of('AcroForm')));
  if (acroForm instanceof PDFDict) walkFields(lookup(acroForm.get(PDFName.of('Fields'))), 0);

  return { values: [...values].filter(isSignificant), pageContent };

  function addFileSpec(spec: PDFObject | undefined) {
    if (!(spec instanceof PDFDict)) {
      addText(spec);
      return;
    }
    for (const key of ['F', 'UF', 'Desc']) addText(spec.get(PDFName.of(key)));
  }
  function walkNameTree(node: PDFObject | undefined, depth: number) {
    if (!(node instanceof PDFDict) || depth > 20) return;
    const pairs = lookup(node.get(PDFName.of('Names')));
    if (pairs instanceof PDFArray) {
      pairs.asArray().forEach((item, index) => {
        if (index % 2 === 0) addText(item);
        else addFileSpec(lookup(item));
      });
    }
    const kids = lookup(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walkNameTree(lookup(kid), depth + 1);
  }
  function walkFields(fields: PDFObject | undefined, depth: number) {
    if (!(fields instanceof PDFArray) || depth > 20) return;
    for (const item of fields.asArray()) {
      const field = lookup(item);
      if (!(field instanceof PDFDict)) continue;
      addText(field.get(PDFName.of('V')));
      walkFields(lookup(field.get(PDFName.of('Kids'))), depth + 1);
    }
  }
}

/** XMP namespaces (current and old prefixes) that describe the file: fonts, swatches, plates, thumbnails, history, PDF/A schemas. */
const FILE_DESCRIPTION_PREFIXES =
  'xmpTPg|xapTPg|xmpGImg|xapGImg|xmpG|xapG|stFnt|stEvt|pdfaExtension|pdfaSchema|pdfaProperty|pdfaType|pdfaField|illustrator';

/**
 * Text nodes and attribute values of an XMP packet. Left out: namespace declarations, and the
 * blocks that describe the file rather than a person (fonts, colour swatches and plates,
 * thumbnails, the editing history's actions), and bare booleans.
 */
export function xmpValues(packet: string): string[] {
  const values: string[] = [];
  const xml = packet.replace(
    new RegExp(`<(${FILE_DESCRIPTION_PREFIXES}):(\\w+)[^>]*>[\\s\\S]*?<\\/\\1:\\2>`, 'g'),
    ' ',
  );
  const decodeEntities = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
      .replace(/&amp;/g, '&');
  for (const match of xml.matchAll(/>([^<]+)</g)) {
    const text = decodeEntities(match[1]!).trim();
    if (text) values.push(text);
  }
  for (const match of xml.matchAll(/\s([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
    if (/^(xmlns|xml:lang$|rdf:about$|rdf:parseType$)/.test(match[1]!)) continue;
    if (new RegExp(`^(${FILE_DESCRIPTION_PREFIXES}):`).test(match[1]!)) continue;
    const text = decodeEntities(match[2]!).trim();
    if (text) values.push(text);
  }
  return values;
}

function pageStreams(
  holder: PDFDict,
  lookup: (object: PDFObject | undefined) => PDFObject | undefined,
  depth: number,
): Buffer[] {
  if (depth > 8) return [];
  const parts: Buffer[] = [];
  const decode = (stream: PDFObject | undefined) => {
    if (!(stream instanceof PDFRawStream)) return;
    try {
      parts.push(Buffer.from(decodePDFRawStream(stream).decode()));
    } catch {
      parts.push(Buffer.from(stream.contents));
    }
  };
  const contents = lookup(holder.get(PDFName.of('Contents')));
  if (contents instanceof PDFArray) for (const item of contents.asArray()) decode(lookup(item));
  else decode(contents);
  const resources = lookup(holder.get(PDFName.of('Resources')));
  const xobjects = resources instanceof PDFDict ? lookup(resources.get(PDFName.of('XObject'))) : undefined;
  if (xobjects instanceof PDFDict) {
    for (const [, ref] of xobjects.entries()) {
      const xobject = lookup(ref);
      if (!(xobject instanceof PDFStream)) continue;
      const subtype = lookup(xobject.dict.get(PDFName.of('Subtype')));
      if (!(subtype instanceof PDFName) || subtype.decodeText() !== 'Form') continue;
      decode(xobject);
      parts.push(...pageStreams(xobject.dict, lookup, depth + 1));
    }
  }
  return parts;
}
