// The cover page and the footer on every page. Only the standard Helvetica fonts are used (nothing
// to embed or license); they encode WinAnsi only, so text is reduced to what they can draw.
import {
  type Color,
  concatTransformationMatrix,
  degrees,
  drawLinesOfText,
  grayscale,
  PDFArray,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import type { CoverDetails } from './types.ts';

/**
 * A standard Type1 font (nothing embedded) with WinAnsiEncoding: the font dictionary pdf-lib's
 * embedFont(StandardFonts.…) writes, without the ~15 ms its first call spends unpacking the font's
 * compressed AFM metrics. Widths come from the table below (the AFM widths, as pdf-lib measures a
 * single character).
 */
export type StandardFont = { name: string; ref: PDFRef; widths: readonly number[] };
export type FooterFonts = { regular: StandardFont; bold: StandardFont; encodable: Set<number> };

const A4: [number, number] = [595.28, 841.89];
const FOOTER_SIZE = 7;
const FOOTER_BASELINE = 9;

// biome-ignore format: a table
/** WinAnsi codes 0x80–0x9F and the Unicode characters they stand for; 0x20–0x7E and 0xA0–0xFF are Latin-1 itself. */
const WIN_ANSI_SPECIALS: ReadonlyArray<[unicode: number, code: number]> = [
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
];
/** Unicode code point → WinAnsi code, for every character the standard fonts can draw. */
const WIN_ANSI = new Map<number, number>([
  ...Array.from({ length: 0x7f - 0x20 }, (_, index): [number, number] => [0x20 + index, 0x20 + index]),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, index): [number, number] => [0xa0 + index, 0xa0 + index]),
  ...WIN_ANSI_SPECIALS,
]);

// Advance widths (1/1000 em) by WinAnsi code from 0x20, from the Adobe AFM files of the standard fonts.
// biome-ignore format: one row per 32 codes
const HELVETICA_WIDTHS = widthTable([
  278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,
  1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,
  333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584,0,
  556,0,222,556,333,1000,556,556,333,1000,667,333,1000,0,611,0,0,222,222,333,333,350,556,1000,333,1000,500,333,944,0,500,500,
  278,333,556,556,556,556,260,556,333,737,370,556,584,333,737,333,400,584,333,333,333,556,537,278,333,333,365,556,834,834,834,611,
  667,667,667,667,667,667,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,
  556,556,556,556,556,556,889,500,556,556,556,556,278,278,278,278,556,556,556,556,556,556,556,584,611,556,556,556,556,500,556,500,
]);
// biome-ignore format: one row per 32 codes
const HELVETICA_BOLD_WIDTHS = widthTable([
  278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,
  975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,
  333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584,0,
  556,0,278,556,500,1000,556,556,333,1000,667,333,1000,0,611,0,0,278,278,500,500,350,556,1000,333,1000,556,333,944,0,500,556,
  278,333,556,556,556,556,280,556,333,737,370,556,584,333,737,333,400,584,333,333,333,611,556,278,333,333,365,556,834,834,834,611,
  722,722,722,722,722,722,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,
  556,556,556,556,556,556,889,556,556,556,556,556,278,278,278,278,611,611,611,611,611,611,611,584,611,611,611,611,611,556,611,556,
]);

function widthTable(fromSpace: number[]): number[] {
  return [...new Array<number>(0x20).fill(0), ...fromSpace];
}

export function embedFooterFonts(doc: PDFDocument): FooterFonts {
  const standardFont = (name: string, widths: readonly number[]): StandardFont => ({
    name,
    ref: doc.context.register(
      doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: name, Encoding: 'WinAnsiEncoding' }),
    ),
    widths,
  });
  return {
    regular: standardFont('Helvetica', HELVETICA_WIDTHS),
    bold: standardFont('Helvetica-Bold', HELVETICA_BOLD_WIDTHS),
    encodable: new Set(WIN_ANSI.keys()),
  };
}

/** The width of text (already reduced by toEncodable) at a size, as drawn: the sum of the glyphs' advance widths. */
export function widthOfText(font: StandardFont, text: string, size: number): number {
  let total = 0;
  for (const character of text) total += font.widths[WIN_ANSI.get(character.codePointAt(0)!) ?? 0] ?? 0;
  return (total * size) / 1000;
}

/** Draws one line of text (already reduced by toEncodable) with the operators pdf-lib's page.drawText writes. */
function drawText(
  page: PDFPage,
  font: StandardFont,
  text: string,
  options: { x: number; y: number; size: number; color: Color },
): void {
  let hex = '';
  for (const character of text) {
    const code = WIN_ANSI.get(character.codePointAt(0)!);
    if (code === undefined) throw new Error(`cannot encode U+${character.codePointAt(0)!.toString(16)} in WinAnsi`);
    hex += code.toString(16).padStart(2, '0').toUpperCase();
  }
  const key = page.node.newFontDictionary(font.name, font.ref);
  page.pushOperators(
    ...drawLinesOfText([PDFHexString.of(hex)], {
      ...options,
      font: key,
      lineHeight: 24,
      rotate: degrees(0),
      xSkew: degrees(0),
      ySkew: degrees(0),
    }),
  );
}

const FALLBACKS: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'ng',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '′': "'",
  '″': '"',
  '\u00a0': ' ',
};

/**
 * Makes text drawable with a standard font: NFC first, then (for what WinAnsi lacks) the letter
 * without its accents or a close ASCII stand-in, else "?". Control characters become spaces.
 */
export function toEncodable(text: string, encodable: Set<number>): string {
  let result = '';
  for (const character of text.normalize('NFC')) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
      result += ' ';
    } else if (encodable.has(codePoint)) {
      result += character;
    } else if (FALLBACKS[character]) {
      result += FALLBACKS[character];
    } else {
      const base = character.normalize('NFKD').replace(/\p{M}/gu, '');
      const drawable = base.length > 0 && [...base].every((part) => encodable.has(part.codePointAt(0)!));
      result += drawable ? base : '?';
    }
  }
  return result.replace(/\s+/g, ' ').trim();
}

export function drawCoverPage(page: PDFPage, fonts: FooterFonts, cover: CoverDetails): void {
  page.setSize(...A4);
  const [width, height] = A4;
  const left = 72;
  const maxWidth = width - 2 * left;
  const ink = grayscale(0.1);
  const quiet = grayscale(0.35);
  let y = height - 110;

  const line = (text: string, font: StandardFont, size: number, color = ink, gap = 1.35) => {
    for (const part of wrap(toEncodable(text, fonts.encodable), font, size, maxWidth)) {
      drawText(page, font, part, { x: left, y, size, color });
      y -= size * gap;
    }
  };

  line('Anonymised copy for review', fonts.bold, 12, quiet);
  y -= 18;
  line(cover.code, fonts.bold, 26);
  y -= 14;
  line(cover.title.trim() === '' ? 'Untitled' : cover.title, fonts.bold, 17, ink, 1.3);
  y -= 18;
  if (cover.category) line(`Category: ${cover.category}`, fonts.regular, 12);
  if (cover.wordCount !== null) line(`Word count: ${groupThousands(cover.wordCount)}`, fonts.regular, 12);
  y -= 24;
  line(
    'This copy was prepared for blind review: identifying document information, comments, form fields and ' +
      'attachments have been removed. Please do not try to identify the author, and do not share this file.',
    fonts.regular,
    10,
    quiet,
    1.45,
  );
}

/** 12345 → "12,345", as toLocaleString('en-GB') writes it, without the ~20 ms its first call spends loading locale data. */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-GB');
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Draws the footer at the bottom of the page as the reader sees it: inside the visible area (the
 * CropBox clipped to the MediaBox, whatever its origin) and upright whatever the page's /Rotate.
 */
export function drawFooter(page: PDFPage, fonts: FooterFonts, text: string): void {
  const box = visibleBox(page);
  const rotation = normalisedRotation(page);
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const visualWidth = rotation % 180 === 0 ? width : height;
  const visualHeight = rotation % 180 === 0 ? height : width;
  const drawable = toEncodable(text, fonts.encodable);
  const font = fonts.regular;

  let size = FOOTER_SIZE;
  while (size > 3 && widthOfText(font, drawable, size) > visualWidth - 12) size -= 0.5;
  const textWidth = widthOfText(font, drawable, size);
  const baseline = Math.min(FOOTER_BASELINE, Math.max(2, visualHeight * 0.02));
  const x = Math.max(2, (visualWidth - textWidth) / 2);

  // (u, v) is the reader's view: origin at the visual bottom-left, u to the right, v upwards.
  const matrices: Record<number, [number, number, number, number, number, number]> = {
    0: [1, 0, 0, 1, box.x0, box.y0],
    90: [0, 1, -1, 0, box.x1, box.y0],
    180: [-1, 0, 0, -1, box.x1, box.y1],
    270: [0, -1, 1, 0, box.x0, box.y1],
  };
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrices[rotation]!));
  page.drawRectangle({
    x: x - 3,
    y: baseline - size * 0.3,
    width: textWidth + 6,
    height: size * 1.25,
    color: grayscale(1),
    opacity: 0.85,
  });
  drawText(page, font, drawable, { x, y: baseline, size, color: grayscale(0.3) });
  page.pushOperators(popGraphicsState());
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

function wrap(text: string, font: StandardFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOfText(font, candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    // A word longer than the line (a URL, a long code) is broken by characters.
    while (widthOfText(font, current, size) > maxWidth) {
      let cut = current.length - 1;
      while (cut > 1 && widthOfText(font, current.slice(0, cut), size) > maxWidth) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, 12);
}
