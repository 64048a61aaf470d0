// The cover page and the footer on every page. Only the standard Helvetica fonts are used (nothing
// to embed or license); they encode WinAnsi only, so text is reduced to what they can draw.
import {
  concatTransformationMatrix,
  grayscale,
  PDFArray,
  type PDFDocument,
  type PDFFont,
  PDFName,
  PDFNumber,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
} from 'pdf-lib';
import type { CoverDetails } from './types.ts';

export type FooterFonts = { regular: PDFFont; bold: PDFFont; encodable: Set<number> };

const A4: [number, number] = [595.28, 841.89];
const FOOTER_SIZE = 7;
const FOOTER_BASELINE = 9;

export async function embedFooterFonts(doc: PDFDocument): Promise<FooterFonts> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return { regular, bold, encodable: new Set(regular.getCharacterSet()) };
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

  const line = (text: string, font: PDFFont, size: number, color = ink, gap = 1.35) => {
    for (const part of wrap(toEncodable(text, fonts.encodable), font, size, maxWidth)) {
      page.drawText(part, { x: left, y, size, font, color });
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
  while (size > 3 && font.widthOfTextAtSize(drawable, size) > visualWidth - 12) size -= 0.5;
  const textWidth = font.widthOfTextAtSize(drawable, size);
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
  page.drawText(drawable, { x, y: baseline, size, font, color: grayscale(0.3) });
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

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    // A word longer than the line (a URL, a long code) is broken by characters.
    while (font.widthOfTextAtSize(current, size) > maxWidth) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > maxWidth) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, 12);
}
