// The cover page and the footer on every page, drawn with pdf-lib's public API. The cover uses
// Helvetica when it encodes all of its text, else embedded Noto fonts (cover-typeface.ts), so a
// title in any script prints as written; the footer, which holds only the code and page numbers,
// uses the standard Helvetica (nothing to embed).
import {
  beginText,
  type Color,
  concatTransformationMatrix,
  endText,
  fill,
  grayscale,
  moveText,
  PDFArray,
  PDFContentStream,
  type PDFDocument,
  type PDFFont,
  PDFName,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  StandardFonts,
  setFillingGrayscaleColor,
  setFontAndSize,
  setGraphicsState,
  showText,
} from 'pdf-lib';
import { coverTypeface, type Weight } from './cover-typeface.ts';
import type { CoverDetails } from './types.ts';

/** The footer's font, what it encodes, and the footer band's translucent graphics state (shared by all pages). */
export type PageFonts = { footer: PDFFont; footerCharacters: Set<number>; footerBand: PDFRef };

const A4: [number, number] = [595.28, 841.89];
const FOOTER_SIZE = 7;
const FOOTER_BASELINE = 9;

export async function embedPageFonts(doc: PDFDocument): Promise<PageFonts> {
  const footer = await doc.embedFont(StandardFonts.Helvetica);
  const footerBand = doc.context.register(doc.context.obj({ Type: 'ExtGState', ca: 0.85, CA: 0.85 }));
  return { footer, footerCharacters: new Set(footer.getCharacterSet()), footerBand };
}

/** Characters that change how text is laid out or read rather than what it says (bidi overrides, BOM, soft hyphen). */
const INVISIBLE_CONTROLS = /[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** NFC, without control characters (tabs and line breaks become spaces) and with whitespace collapsed. */
export function cleanCoverText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE_CONTROLS, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The footer in what Helvetica encodes (WinAnsi): the letter without its accents where that helps, else "?". */
function footerText(text: string, encodable: Set<number>): string {
  let result = '';
  for (const character of cleanCoverText(text)) {
    if (encodable.has(character.codePointAt(0)!)) {
      result += character;
      continue;
    }
    const base = character.normalize('NFKD').replace(/\p{M}/gu, '');
    result += base !== '' && [...base].every((part) => encodable.has(part.codePointAt(0)!)) ? base : '?';
  }
  return result;
}

export async function drawCoverPage(page: PDFPage, fonts: PageFonts, cover: CoverDetails): Promise<void> {
  page.setSize(...A4);
  const [width, height] = A4;
  const left = 72;
  const maxWidth = width - 2 * left;
  const ink = grayscale(0.1);
  const quiet = grayscale(0.35);

  type Line = { text: string; weight: Weight; size: number; color?: Color; gap?: number; before?: number };
  const lines: Line[] = [
    { text: 'Anonymised copy for review', weight: 'bold', size: 12, color: quiet },
    { text: cover.code, weight: 'bold', size: 26, before: 18 },
    {
      text: cleanCoverText(cover.title) === '' ? 'Untitled' : cover.title,
      weight: 'bold',
      size: 17,
      gap: 1.3,
      before: 14,
    },
  ];
  const details: Line[] = [];
  if (cover.category) details.push({ text: `Category: ${cover.category}`, weight: 'regular', size: 12 });
  if (cover.wordCount !== null)
    details.push({ text: `Word count: ${groupThousands(cover.wordCount)}`, weight: 'regular', size: 12 });
  if (details[0]) details[0].before = 18;
  lines.push(...details, {
    text:
      'This copy was prepared for blind review: identifying document information, comments, form fields and ' +
      'attachments have been removed. Please do not try to identify the author, and do not share this file.',
    weight: 'regular',
    size: 10,
    color: quiet,
    gap: 1.45,
    before: details.length > 0 ? 24 : 18 + 24,
  });
  const paragraphs = lines.map((line) => cleanCoverText(line.text));
  const typeface = await coverTypeface(page.doc, fonts.footer, paragraphs);

  let y = height - 110;
  for (const [index, { weight, size, color = ink, gap = 1.35, before = 0 }] of lines.entries()) {
    y -= before;
    const paragraph = paragraphs[index]!;
    const measure = (part: string) => typeface.widthWithFallbacks(part, weight) * size;
    const rightToLeft = typeface.rightToLeft(paragraph);
    for (const part of wrap(paragraph, measure, maxWidth)) {
      const runs = await typeface.runs(part, weight, rightToLeft);
      // A right-to-left line is set flush right, as its readers expect.
      let x = rightToLeft ? left + maxWidth - runs.reduce((total, run) => total + run.width * size, 0) : left;
      for (const [runIndex, run] of runs.entries()) {
        page.drawText(run.text, { x, y, size, font: run.font, color });
        // Between runs the shaped width counts (ligatures, Arabic joining); the last run needs none.
        if (runIndex < runs.length - 1) x += run.font.widthOfTextAtSize(run.text, size);
      }
      y -= size * gap;
    }
  }
}

/** 12345 → "12,345", as toLocaleString('en-GB') writes it, without the ~20 ms its first call spends loading locale data. */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-GB');
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Draws the footer at the bottom of the page as the reader sees it: inside the visible area (the
 * CropBox clipped to the MediaBox, whatever its origin) and upright whatever the page's /Rotate.
 * `linesUp` sets it that many lines above the bottom one (the reviewer's trace line sits above
 * the review copy's own footer).
 */
export function drawFooter(page: PDFPage, fonts: PageFonts, text: string, linesUp = 0): void {
  const box = visibleBox(page);
  const rotation = normalisedRotation(page);
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const visualWidth = rotation % 180 === 0 ? width : height;
  const visualHeight = rotation % 180 === 0 ? height : width;
  const drawable = footerText(text, fonts.footerCharacters);
  const font = fonts.footer;

  let size = FOOTER_SIZE;
  const textWidthAt1 = font.widthOfTextAtSize(drawable, 1);
  while (size > 3 && textWidthAt1 * size > visualWidth - 12) size -= 0.5;
  const textWidth = textWidthAt1 * size;
  const baseline = Math.min(FOOTER_BASELINE, Math.max(2, visualHeight * 0.02)) + linesUp * FOOTER_SIZE * 1.4;
  const x = Math.max(2, (visualWidth - textWidth) / 2);

  // (u, v) is the reader's view: origin at the visual bottom-left, u to the right, v upwards.
  const matrices: Record<number, [number, number, number, number, number, number]> = {
    0: [1, 0, 0, 1, box.x0, box.y0],
    90: [0, 1, -1, 0, box.x1, box.y0],
    180: [-1, 0, 0, -1, box.x1, box.y1],
    270: [0, -1, 1, 0, box.x0, box.y1],
  };
  // One small stream of our own per page, left uncompressed: drawText and drawRectangle would
  // compress each footer with pako (in JavaScript), which costs more than the bytes it saves.
  const node = page.node;
  const fontName = node.newFontDictionary('F', font.ref);
  const translucent = node.newExtGState('GS', fonts.footerBand);
  const operators = [
    pushGraphicsState(),
    concatTransformationMatrix(...matrices[rotation]!),
    pushGraphicsState(),
    setGraphicsState(translucent),
    setFillingGrayscaleColor(1),
    rectangle(x - 3, baseline - size * 0.3, textWidth + 6, size * 1.25),
    fill(),
    popGraphicsState(),
    beginText(),
    setFillingGrayscaleColor(0.3),
    setFontAndSize(fontName, size),
    moveText(x, baseline),
    showText(font.encodeText(drawable)),
    endText(),
    popGraphicsState(),
  ];
  const context = page.doc.context;
  node.addContentStream(context.register(PDFContentStream.of(context.obj({}), operators, false)));
}

type Box = { x0: number; y0: number; x1: number; y1: number };

function visibleBox(page: PDFPage): Box {
  const media = boxOf(page, 'MediaBox') ?? { x0: 0, y0: 0, x1: 612, y1: 792 };
  const crop = boxOf(page, 'CropBox');
  if (!crop) return media;
  const clipped = {
    x0: Math.max(media.x0, crop.x0),
    y0: Math.max(media.y0, crop.y0),
    x1: Math.min(media.x1, crop.x1),
    y1: Math.min(media.y1, crop.y1),
  };
  // A CropBox outside the MediaBox is an error viewers ignore; so do we.
  return clipped.x1 - clipped.x0 > 1 && clipped.y1 - clipped.y0 > 1 ? clipped : media;
}

function boxOf(page: PDFPage, key: 'MediaBox' | 'CropBox'): Box | undefined {
  const value = page.node.context.lookup(page.node.get(PDFName.of(key)));
  if (!(value instanceof PDFArray) || value.size() !== 4) return undefined;
  const numbers: number[] = [];
  for (let index = 0; index < 4; index++) {
    const item = page.node.context.lookup(value.get(index));
    if (!(item instanceof PDFNumber) || !Number.isFinite(item.asNumber())) return undefined;
    numbers.push(item.asNumber());
  }
  const [a, b, c, d] = numbers as [number, number, number, number];
  // Boxes may be written with any two opposite corners.
  const box = { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
  return box.x1 - box.x0 > 1 && box.y1 - box.y0 > 1 ? box : undefined;
}

function normalisedRotation(page: PDFPage): 0 | 90 | 180 | 270 {
  const value = page.node.context.lookup(page.node.get(PDFName.of('Rotate')));
  const angle = value instanceof PDFNumber ? value.asNumber() : 0;
  const quarter = Math.round((((angle % 360) + 360) % 360) / 90) % 4;
  return ([0, 90, 180, 270] as const)[quarter] ?? 0;
}

/** Lines of at most maxWidth, broken at spaces; a word longer than a line (a URL, a Chinese title) is broken between characters. */
function wrap(text: string, widthOf: (text: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOf(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (widthOf(current) > maxWidth) {
      const characters = [...current];
      let cut = characters.length - 1;
      while (cut > 1 && widthOf(characters.slice(0, cut).join('')) > maxWidth) cut--;
      lines.push(characters.slice(0, cut).join(''));
      current = characters.slice(cut).join('');
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, 12);
}
