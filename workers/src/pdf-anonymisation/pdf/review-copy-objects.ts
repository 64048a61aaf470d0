// Small readers of pdf-lib objects shared by the review copy's modules. See review-copy.ts.
import {
  PDFArray,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFStream,
  PDFString,
} from 'pdf-lib';

export function filtersOf(doc: PDFDocument, stream: PDFStream): string[] {
  const filter = doc.context.lookup(stream.dict.get(PDFName.of('Filter')));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) {
    return filter.asArray().map((item) => nameOf(doc.context.lookup(item)) ?? 'unknown');
  }
  return [];
}

export function safeLookup(doc: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  if (object === undefined) return undefined;
  try {
    return doc.context.lookup(object);
  } catch {
    return undefined;
  }
}

export function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

export function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

export function numbers(object: PDFObject | undefined, length?: number): number[] | undefined {
  if (!(object instanceof PDFArray)) return undefined;
  if (length !== undefined && object.size() !== length) return undefined;
  const values: number[] = [];
  for (let index = 0; index < object.size(); index++) {
    const value = object.get(index);
    if (!(value instanceof PDFNumber) || !Number.isFinite(value.asNumber())) return undefined;
    values.push(value.asNumber());
  }
  return values;
}

/** PDFString.of writes its argument verbatim between parentheses, so the caller escapes. */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}
