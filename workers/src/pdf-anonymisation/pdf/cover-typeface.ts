// Which fonts draw the cover. A cover whose every character Helvetica encodes (WinAnsi: English
// and most Western European text) is drawn with the standard Helvetica and Helvetica-Bold, which
// every viewer has: nothing to parse, subset or embed. Any other cover (Polish, Greek, Arabic,
// Chinese, …) is drawn entirely with the embedded Noto fonts of cover-fonts.ts, loaded (with
// fontkit) only then, so one cover never mixes two typefaces.
import { type PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

export type Weight = 'regular' | 'bold';
/** Text one font draws, and its width at size 1. */
export type Run = { text: string; font: PDFFont; width: number };

/** What the cover asks of its fonts (see CoverFonts in cover-fonts.ts for the Unicode one). */
export type CoverTypeface = {
  /** Splits one line into runs that one font each draws, in drawing order. */
  runs(text: string, weight: Weight, rightToLeft: boolean): Promise<Run[]>;
  /** Whether a paragraph reads right to left. */
  rightToLeft(text: string): boolean;
  /** Width at size 1 (for line breaking). */
  widthWithFallbacks(text: string, weight: Weight): number;
};

/**
 * The typeface for a cover made of these texts (already cleaned as the cover draws them).
 * `helvetica` is the document's standard Helvetica, embedded for the footer already.
 */
export async function coverTypeface(doc: PDFDocument, helvetica: PDFFont, texts: string[]): Promise<CoverTypeface> {
  const encodable = new Set(helvetica.getCharacterSet());
  const standard = texts.every((text) => [...text].every((character) => encodable.has(character.codePointAt(0)!)));
  if (standard)
    return new StandardCoverFonts({ regular: helvetica, bold: await doc.embedFont(StandardFonts.HelveticaBold) });
  const { CoverFonts } = await import('./cover-fonts.ts');
  return new CoverFonts(doc);
}

class StandardCoverFonts implements CoverTypeface {
  private readonly fonts: Record<Weight, PDFFont>;

  constructor(fonts: Record<Weight, PDFFont>) {
    this.fonts = fonts;
  }

  async runs(text: string, weight: Weight): Promise<Run[]> {
    return [{ text, font: this.fonts[weight], width: this.widthWithFallbacks(text, weight) }];
  }

  rightToLeft(): boolean {
    return false;
  }

  widthWithFallbacks(text: string, weight: Weight): number {
    return this.fonts[weight].widthOfTextAtSize(text, 1);
  }
}
