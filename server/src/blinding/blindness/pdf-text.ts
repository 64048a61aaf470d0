// Everything a PDF could show a reader, as text to search: its bytes, every stream inflated, every
// string literal decoded, and (where the tools are installed) qpdf's uncompressed rewrite and
// pdftotext's reading. A name hidden in a compressed stream or written as octal escapes is found.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';

export const isPdf = (bytes: Buffer) => bytes.subarray(0, 1024).includes('%PDF-');

/** The decompressed contents of every `stream … endstream` that inflates (others as they are). */
export function pdfStreams(bytes: Buffer): Buffer[] {
  const streams: Buffer[] = [];
  let from = 0;
  for (;;) {
    const start = bytes.indexOf('stream', from);
    if (start < 0) break;
    let body = start + 'stream'.length;
    if (bytes[body] === 0x0d) body++;
    if (bytes[body] === 0x0a) body++;
    const end = bytes.indexOf('endstream', body);
    if (end < 0) break;
    // "endstream" also contains "stream": skip it, and take only real starts.
    if (bytes.subarray(start - 3, start).toString('latin1') !== 'end') {
      const raw = bytes.subarray(body, end);
      streams.push(inflated(raw) ?? raw);
    }
    from = end + 'endstream'.length;
  }
  return streams;
}

function inflated(raw: Buffer): Buffer | null {
  for (const inflate of [inflateSync, inflateRawSync]) {
    try {
      return inflate(raw, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a trailing newline */ });
    } catch {
      // not this encoding
    }
  }
  return null;
}

/** The text of every `( … )` and `< … >` string in PDF syntax, decoded (UTF-16BE when it says so). */
export function pdfStrings(syntax: string): string[] {
  const strings: string[] = [];
  for (let i = 0; i < syntax.length; i++) {
    if (syntax[i] === '(') {
      const bytes: number[] = [];
      let depth = 1;
      for (i++; i < syntax.length && depth > 0; i++) {
        const c = syntax[i]!;
        if (c === '\\') {
          const next = syntax[++i] ?? '';
          const octal = /^[0-7]{1,3}/.exec(syntax.slice(i, i + 3));
          if (octal) {
            bytes.push(Number.parseInt(octal[0], 8) & 0xff);
            i += octal[0].length - 1;
          } else {
            const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
            if (next !== '\n' && next !== '\r') bytes.push(escapes[next] ?? next.charCodeAt(0));
          }
          continue;
        }
        if (c === '(') depth++;
        if (c === ')' && --depth === 0) break;
        bytes.push(c.charCodeAt(0) & 0xff);
      }
      strings.push(decodePdfString(Buffer.from(bytes)));
    } else if (syntax[i] === '<' && syntax[i + 1] !== '<') {
      const end = syntax.indexOf('>', i);
      const hex = end > 0 ? syntax.slice(i + 1, end).replace(/\s+/g, '') : '';
      if (/^[0-9a-fA-F]+$/.test(hex))
        strings.push(decodePdfString(Buffer.from(hex.padEnd(hex.length + (hex.length % 2), '0'), 'hex')));
      if (end > 0) i = end;
    }
  }
  return strings;
}

function decodePdfString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1'); // PDFDocEncoding agrees with Latin-1 on the letters names use
}

const toolThere = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    // pdftotext prints its version with a non-zero exit on old poppler releases
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
};
const tools = { qpdf: toolThere('qpdf'), pdftotext: toolThere('pdftotext') };
export const pdfToolsFound = tools;

// Their complaints about odd files go nowhere: the readings that succeed are what count.
const quiet = { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };

/** qpdf's uncompressed rewrite and pdftotext's text, when those tools are installed. */
function toolReadings(bytes: Buffer, use = tools): string[] {
  if (!use.qpdf && !use.pdftotext) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'blindness-pdf-'));
  const input = path.join(dir, 'in.pdf');
  writeFileSync(input, bytes);
  const readings: string[] = [];
  try {
    if (use.qpdf) {
      try {
        readings.push(
          execFileSync('qpdf', ['--qdf', '--object-streams=disable', input, '-'], quiet).toString('latin1'),
        );
      } catch (error) {
        // qpdf exits 3 on warnings with its output written; anything else is a broken file
        const out = (error as { stdout?: Buffer }).stdout;
        if (out?.length) readings.push(out.toString('latin1'));
      }
    }
    if (use.pdftotext) {
      try {
        readings.push(execFileSync('pdftotext', ['-enc', 'UTF-8', input, '-'], quiet).toString());
      } catch {
        // unreadable to poppler: the other readings still cover it
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return readings;
}

/** Every reading of a PDF, joined, to search for names in. */
export function pdfReadings(bytes: Buffer): string {
  const syntaxes = [bytes.toString('latin1'), ...pdfStreams(bytes).map((s) => s.toString('latin1'))];
  const strings = syntaxes.map(pdfStrings);
  const parts = [
    ...syntaxes,
    ...strings.flat(),
    // Kerned text is split into pieces ("[(Ång) -20 (ström)] TJ"): read each stream's pieces joined too.
    ...strings.map((pieces) => pieces.join('')),
    ...toolReadings(bytes),
  ];
  // Also as UTF-8: a name written as UTF-8 bytes reads as mojibake in Latin-1.
  parts.push(...syntaxes.map((s) => Buffer.from(s, 'latin1').toString('utf8')));
  return parts.join('\n');
}

/** The text a person reads on the pages (pdftotext where installed, else the decoded strings). */
export function pdfPlainText(bytes: Buffer): string {
  const text = tools.pdftotext ? toolReadings(bytes, { qpdf: false, pdftotext: true })[0] : undefined;
  return (
    text ??
    pdfStreams(bytes)
      .flatMap((s) => pdfStrings(s.toString('latin1')))
      .join(' ')
  );
}
