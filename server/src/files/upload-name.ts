// The name a browser sent with an upload is shown to editors and authors later. Control and
// formatting characters in it can disguise the file: U+202E (right-to-left override) makes
// "report\u202Efdp.exe" display as "reportexe.pdf", zero-width characters make two names look
// alike, and line breaks or NUL break log lines and headers. None belongs in a file name.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export const FALLBACK_UPLOAD_NAME = 'manuscript.pdf';
const MAX_LENGTH = 255;

/** The uploaded file's name as we store it: no control or bidi characters, at most 255 characters. */
export function cleanUploadName(sent: string | undefined): string {
  const cleaned = (sent ?? '').normalize('NFC').replace(INVISIBLE, '').trim();
  // Cut by code points, so a character outside the BMP is never split in half.
  const cut = Array.from(cleaned).slice(0, MAX_LENGTH).join('');
  return cut || FALLBACK_UPLOAD_NAME;
}
