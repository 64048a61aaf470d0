// PDFs with only an owner password ("restrict editing" in Word): anyone may open them, but their
// strings and streams are still encrypted (with a key derived from the empty user password), and
// pdf-lib cannot decrypt, so a copy made from them would carry ciphertext. qpdf, already installed
// beside the workers for the PDF tools, decrypts them exactly; pdf.js reads their text on its own.
// A file that needs a password to open stays refused, as does every encrypted file where qpdf is
// not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** qpdf --requires-password exits 3 when the file is encrypted but opens without a password. */
const OPENS_WITHOUT_PASSWORD = 3;
const QPDF_TIMEOUT_MS = 30_000;

/**
 * The decrypted file when it opens without a password and qpdf is installed; undefined otherwise
 * (with the reason, for logs).
 */
export function withoutOwnerPassword(input: Uint8Array): { bytes?: Uint8Array; reason: string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'gaps-owner-password-'));
  try {
    const encrypted = path.join(directory, 'in.pdf');
    const decrypted = path.join(directory, 'out.pdf');
    writeFileSync(encrypted, input);
    const check = spawnSync('qpdf', ['--requires-password', encrypted], { timeout: QPDF_TIMEOUT_MS });
    if (check.error) return { reason: `qpdf is not available: ${check.error.message}` };
    if (check.status !== OPENS_WITHOUT_PASSWORD) return { reason: 'the file needs a password to open' };
    const run = spawnSync('qpdf', ['--decrypt', '--password=', encrypted, decrypted], { timeout: QPDF_TIMEOUT_MS });
    // qpdf exits 3 when it succeeded with warnings (a damaged cross-reference table it repaired).
    if (run.status !== 0 && run.status !== 3) {
      return {
        reason: `qpdf could not decrypt the file (exit ${run.status}): ${run.stderr?.toString().slice(0, 500)}`,
      };
    }
    return { bytes: new Uint8Array(readFileSync(decrypted)), reason: 'decrypted by qpdf (owner password only)' };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
