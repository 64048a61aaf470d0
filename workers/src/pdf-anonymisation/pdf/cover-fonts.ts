// The fonts of the cover page. A title may be in any script: Noto Sans draws Latin, Greek and
// Cyrillic; Noto Naskh Arabic and Noto Sans Hans (simplified Chinese, GB2312, with Japanese kana)
// are embedded only when a text needs them. Each font goes into the copy as a subset of the glyphs
// drawn, through pdf-lib's public embedFont with fontkit. All are SIL Open Font Licence fonts from
// the @embedpdf/fonts-* packages.
/// <reference path="./fontkit.d.ts" />
import { readFileSync } from 'node:fs';
import fontkit, { type FontkitFace } from '@foliojs-fork/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { CoverTypeface, Run, Weight } from './cover-typeface.ts';

const FAMILIES = [
  { from: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { from: '@embedpdf/fonts-arabic', regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  { from: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
] as const;
const ARABIC = 1;

type Face = { bytes: Uint8Array; face: FontkitFace; characters: Set<number> };
/** The font files, read once per process. */
const files = new Map<string, Uint8Array>();

function fileOf(family: (typeof FAMILIES)[number], weight: Weight): Uint8Array {
  const file = family[weight];
  let bytes = files.get(file);
  if (!bytes) {
    // The packages export only their index module; the font files sit in fonts/ beside dist/.
    bytes = readFileSync(new URL(`../fonts/${file}`, import.meta.resolve(family.from)));
    files.set(file, bytes);
  }
  return bytes;
}

type Embedded = { font: PDFFont; face: Face };

/** The fonts one document draws its cover with, embedded on first use. */
export class CoverFonts implements CoverTypeface {
  private readonly embedded = new Map<string, Promise<Embedded>>();
  /**
   * Parsed per document, not per process: fontkit caches each glyph with the characters it was
   * first asked for, and pdf-lib writes those into the subset's ToUnicode map, so a face shared
   * between documents would carry one cover's mapping (Greek Eta for Latin H) into the next.
   */
  private readonly faces = new Map<string, Face>();
  private readonly doc: PDFDocument;

  constructor(doc: PDFDocument) {
    this.doc = doc;
    // pdf-lib asks its fontkit to parse the bytes it is given; handing back the face we already
    // parsed (and measure with) saves parsing each font twice. Anything else goes to fontkit itself.
    const faces = this.faces;
    doc.registerFontkit({
      create(bytes: Uint8Array) {
        for (const face of faces.values()) if (face.bytes === bytes) return face.face;
        return fontkit.create(bytes);
      },
    } as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  }

  /**
   * Splits one line of text into runs that one font each can draw, in drawing order, embedding the
   * fallback fonts it needs. Spaces and punctuation stay in the run they are in when its font has
   * them, so an Arabic phrase stays one run, which fontkit shapes and lays out right to left. In
   * a right-to-left paragraph the runs are drawn in reverse order: the simple two-level case of
   * the Unicode bidirectional algorithm, enough for a title. A character no font has becomes "?".
   */
  async runs(text: string, weight: Weight, rightToLeft: boolean): Promise<Run[]> {
    const parts: Array<{ text: string; family: number }> = [];
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      const current = parts.at(-1);
      // Digits are not neutral here: fontkit would reverse them inside an Arabic run.
      const neutral = /[\s\p{P}\p{S}\p{M}]/u.test(character);
      if (current && neutral && this.covers(current.family, weight, codePoint)) {
        current.text += character;
        continue;
      }
      let family = FAMILIES.findIndex((_, index) => this.covers(index, weight, codePoint));
      const drawn = family < 0 ? '?' : character;
      if (family < 0) family = 0;
      if (current && current.family === family) current.text += drawn;
      else parts.push({ text: drawn, family });
    }
    // Spaces at the edges of an Arabic run would land on the wrong side once it is reversed.
    const separated = parts.flatMap((part) => {
      if (part.family !== ARABIC) return [part];
      const match = /^(\s*)(.*?)(\s*)$/su.exec(part.text)!;
      return [
        { text: match[1]!, family: 0 },
        { text: match[2]!, family: ARABIC },
        { text: match[3]!, family: 0 },
      ].filter((piece) => piece.text !== '');
    });
    const runs: Run[] = [];
    for (const part of separated) {
      const { font, face } = await this.embed(part.family, weight);
      runs.push({ text: part.text, font, width: widthOf(face, part.text) });
    }
    return rightToLeft ? runs.reverse() : runs;
  }

  /** Whether a paragraph reads right to left: its first letter is Arabic (Unicode's rule P2, for the scripts drawn here). */
  rightToLeft(text: string): boolean {
    return /\p{Script=Arabic}/u.test(/\p{L}/u.exec(text)?.[0] ?? '');
  }

  /** Width at size 1 of text drawn with fallbacks, without shaping (ligatures and Arabic joining change it a little). */
  widthWithFallbacks(text: string, weight: Weight): number {
    let width = 0;
    for (const character of text) {
      const family = FAMILIES.findIndex((_, index) => this.covers(index, weight, character.codePointAt(0)!));
      width += widthOf(this.faceOf(FAMILIES[Math.max(0, family)]!, weight), family < 0 ? '?' : character);
    }
    return width;
  }

  /** Fallback fonts are read only for characters the fonts before them lack (callers ask in order). */
  private covers(family: number, weight: Weight, codePoint: number): boolean {
    return this.faceOf(FAMILIES[family]!, weight).characters.has(codePoint);
  }

  private faceOf(family: (typeof FAMILIES)[number], weight: Weight): Face {
    const file = family[weight];
    let face = this.faces.get(file);
    if (!face) {
      const bytes = fileOf(family, weight);
      const parsed = fontkit.create(bytes);
      face = { bytes, face: parsed, characters: new Set(parsed.characterSet) };
      this.faces.set(file, face);
    }
    return face;
  }

  private embed(index: number, weight: Weight): Promise<Embedded> {
    const family = FAMILIES[index]!;
    const key = family[weight];
    let embedded = this.embedded.get(key);
    if (!embedded) {
      const face = this.faceOf(family, weight);
      embedded = this.doc.embedFont(face.bytes, { subset: true }).then((font) => ({ font, face }));
      this.embedded.set(key, embedded);
    }
    return embedded;
  }
}

/** Width at size 1: the glyphs' advance widths, as pdf-lib measures and draws them (it applies no kerning). */
function widthOf(face: Face, text: string): number {
  let units = 0;
  for (const glyph of face.face.glyphsForString(text)) units += glyph.advanceWidth;
  return units / face.face.unitsPerEm;
}
