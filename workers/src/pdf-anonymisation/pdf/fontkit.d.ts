// The part of fontkit's API this folder uses (the package ships no types). pdf-lib drives the rest
// through its own Fontkit interface.
declare module '@foliojs-fork/fontkit' {
  export type FontkitFace = {
    unitsPerEm: number;
    characterSet: number[];
    glyphsForString(text: string): FontkitGlyph[];
    layout(text: string): { glyphs: FontkitGlyph[] };
    createSubset(): { includeGlyph(glyph: FontkitGlyph): number; encodeStream(): { resume(): void } };
  };
  export type FontkitGlyph = { id: number; advanceWidth: number };
  const fontkit: { create(bytes: Uint8Array): FontkitFace };
  export default fontkit;
}
