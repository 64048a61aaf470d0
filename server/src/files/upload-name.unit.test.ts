import { describe, expect, it } from 'vitest';
import { cleanUploadName, FALLBACK_UPLOAD_NAME } from './upload-name.ts';

describe('cleanUploadName', () => {
  it('removes a right-to-left override that disguises the extension', () => {
    expect(cleanUploadName('report\u202Efdp.exe')).toBe('reportfdp.exe');
  });

  it('removes the other bidi controls, zero-width characters, line breaks and NUL', () => {
    const sent = '\u202Amy\u200B pa\u2066per\u2069\u200F\r\n\u0000\u2028.pdf\uFEFF';
    expect(cleanUploadName(sent)).toBe('my paper.pdf');
  });

  it('keeps letters of any script and accents', () => {
    expect(cleanUploadName('Praca końcowa – Ελληνικά – 论文.pdf')).toBe('Praca końcowa – Ελληνικά – 论文.pdf');
  });

  it('falls back to a plain name when nothing visible is left', () => {
    expect(cleanUploadName('\u202E\u200B')).toBe(FALLBACK_UPLOAD_NAME);
    expect(cleanUploadName(undefined)).toBe(FALLBACK_UPLOAD_NAME);
    expect(cleanUploadName('')).toBe(FALLBACK_UPLOAD_NAME);
  });

  it('keeps at most 255 characters without splitting one in half', () => {
    const name = cleanUploadName('😀'.repeat(300));
    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('😀')).toBe(true);
  });
});
