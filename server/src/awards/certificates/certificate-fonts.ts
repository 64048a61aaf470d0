// The fonts a certificate draws with. A name may be in any script the fonts below cover: Noto Sans
// draws Latin, Greek and Cyrillic; Hebrew, Arabic, simplified Chinese (GB2312, with Japanese kana)
// and Korean come from their own Noto fonts, embedded only when a text needs them, each as a
// subset of the glyphs drawn. All are SIL Open Font Licence fonts from the @embedpdf/fonts-*
// packages. pdf-lib lays text out with fontkit, which joins Arabic letters and orders right-to-left
// runs; it does not apply the positioning (GPOS) that Indic and South-East Asian scripts need, so
// those scripts are not offered (README: "Certificates and winning essays in the journal").
// fontkit ships no types: the workers' declaration of the part the project uses serves here too.
/// <reference path="../../../../workers/src/pdf-anonymisation/pdf/fontkit.d.ts" />
import { readFileSync } from 'node:fs';
import fontkit from '@foliojs-fork/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type Weight = 'regular' | 'bold';

const FAMILIES = [
  { from: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', rtl: false },
  { from: '@embedpdf/fonts-hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf', rtl: true },
  {
    from: '@embedpdf/fonts-arabic',
    regular: 'NotoNaskhArabic-Regular.ttf',
    bold: 'NotoNaskhArabic-Bold.ttf',
    rtl: true,
  },
  { from: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf', rtl: false },
  { from: '@embedpdf/fonts-kr', regular: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf', rtl: false },
] as const;
type Family = (typeof FAMILIES)[number];

/** One piece of a line that one font draws. */
export type Run = { text: string; font: PDFFont };

const files = new Map<string, Uint8Array>();
/** Which characters each font has, read once per process (only for choosing; embedding parses its own copy). */
const characterSets = new Map<string, Set<number>>();

function bytesOf(family: Family, weight: Weight): Uint8Array {
  const file = family[weight];
  let bytes = files.get(file);
  if (!bytes) {
    // The packages export only their index module; the font files sit in fonts/ beside dist/.
    bytes = readFileSync(new URL(`../fonts/${file}`, import.meta.resolve(family.from)));
    files.set(file, bytes);
  }
  return bytes;
}

function covers(family: Family, weight: Weight, codePoint: number): boolean {
  const file = family[weight];
  let set = characterSets.get(file);
  if (!set) {
    set = new Set(fontkit.create(bytesOf(family, weight)).characterSet);
    characterSets.set(file, set);
  }
  return set.has(codePoint);
}

/** Marks, spaces and punctuation stay in the run around them, so a word is shaped as one piece. */
const NEUTRAL = /[\s\p{P}\p{S}\p{M}]/u;
/** The letters of scripts no font here can set correctly, even where a font has the glyphs. */
const UNSHAPED =
  /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

function familyFor(character: string, weight: Weight): number {
  if (UNSHAPED.test(character)) return -1;
  const codePoint = character.codePointAt(0)!;
  return FAMILIES.findIndex((family) => covers(family, weight, codePoint));
}

/** The characters of a text that no certificate font prints correctly (empty when all print). */
export function unprintable(text: string): string[] {
  return [...new Set([...text].filter((c) => !NEUTRAL.test(c) && familyFor(c, 'bold') < 0))];
}

/** The fonts of one document, embedded on first use. */
export class CertificateFonts {
  private readonly embedded = new Map<string, Promise<PDFFont>>();
  private readonly doc: PDFDocument;

  constructor(doc: PDFDocument) {
    this.doc = doc;
    // pdf-lib parses each embedded font with this fontkit, once per document: a face shared between
    // documents would carry one certificate's glyph-to-text mapping into the next.
    doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  }

  /**
   * Splits one line into runs one font each draws, in drawing order. A line whose first letter is
   * Hebrew or Arabic reads right to left, so its runs are drawn in reverse order (fontkit itself
   * orders the glyphs inside a right-to-left run): the simple two-level case of the Unicode
   * bidirectional algorithm, enough for a name. A character no font prints becomes "?".
   */
  async runs(text: string, weight: Weight): Promise<Run[]> {
    const parts: Array<{ text: string; family: number }> = [];
    for (const character of text) {
      const current = parts.at(-1);
      if (current && NEUTRAL.test(character) && covers(FAMILIES[current.family]!, weight, character.codePointAt(0)!)) {
        current.text += character;
        continue;
      }
      let family = familyFor(character, weight);
      const drawn = family < 0 ? '?' : character;
      if (family < 0) family = 0;
      if (current && current.family === family) current.text += drawn;
      else parts.push({ text: drawn, family });
    }
    // Spaces at the edges of a right-to-left run would land on the wrong side once it is reversed.
    const separated = parts.flatMap((part) => {
      if (!FAMILIES[part.family]!.rtl) return [part];
      const [, before, inner, after] = /^(\s*)(.*?)(\s*)$/su.exec(part.text)!;
      return [
        { text: before!, family: 0 },
        { text: inner!, family: part.family },
        { text: after!, family: 0 },
      ].filter((piece) => piece.text !== '');
    });
    const runs: Run[] = [];
    for (const part of separated) runs.push({ text: part.text, font: await this.font(part.family, weight) });
    const firstLetter = parts.find((part) => /\p{L}/u.test(part.text));
    return firstLetter && FAMILIES[firstLetter.family]!.rtl ? runs.reverse() : runs;
  }

  private font(index: number, weight: Weight): Promise<PDFFont> {
    const family = FAMILIES[index]!;
    const key = family[weight];
    let font = this.embedded.get(key);
    if (!font) {
      font = this.doc.embedFont(bytesOf(family, weight), { subset: true });
      this.embedded.set(key, font);
    }
    return font;
  }
}
