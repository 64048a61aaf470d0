// Photos placed in a manuscript keep their camera metadata inside the JPEG data: EXIF (owner name,
// GPS position, serial numbers), XMP (creator) and Photoshop/IPTC blocks (by-line). PDF viewers
// never use these segments, so they are dropped. Segments that affect how the image looks stay:
// JFIF (APP0), the ICC colour profile (APP2) and Adobe's colour transform flag (APP14).

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const KEPT_APP_MARKERS = new Set([0xe0, 0xe2, 0xee]);

/** Returns the JPEG without APP1/APP3–13/APP15 and COM segments, or the input itself when it cannot be parsed safely. */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI) return jpeg;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let removed = false;
  let position = 2;
  while (position < jpeg.length) {
    if (jpeg[position] !== 0xff) return jpeg;
    // Fill bytes: any number of 0xFF may precede a marker.
    let markerAt = position;
    while (markerAt + 1 < jpeg.length && jpeg[markerAt + 1] === 0xff) markerAt++;
    if (markerAt + 1 >= jpeg.length) return jpeg;
    const marker = jpeg[markerAt + 1]!;
    if (marker === SOS || marker === EOI) {
      kept.push(jpeg.subarray(position));
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(jpeg.subarray(position, markerAt + 2));
      position = markerAt + 2;
      continue;
    }
    if (markerAt + 3 >= jpeg.length) return jpeg;
    const length = (jpeg[markerAt + 2]! << 8) | jpeg[markerAt + 3]!;
    const end = markerAt + 2 + length;
    if (length < 2 || end > jpeg.length) return jpeg;
    const isMetadata = (marker >= 0xe0 && marker <= 0xef && !KEPT_APP_MARKERS.has(marker)) || marker === 0xfe;
    if (isMetadata) removed = true;
    else kept.push(jpeg.subarray(position, end));
    position = end;
  }
  if (!removed) return jpeg;
  return new Uint8Array(Buffer.concat(kept));
}
