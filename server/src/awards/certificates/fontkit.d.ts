// The part of fontkit's API the certificate uses (the package ships no types). pdf-lib drives the
// rest through its own Fontkit interface.
declare module '@foliojs-fork/fontkit' {
  export type FontkitFace = { characterSet: number[] };
  const fontkit: { create(bytes: Uint8Array): FontkitFace };
  export default fontkit;
}
