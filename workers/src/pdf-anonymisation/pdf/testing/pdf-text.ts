// Test support: the text of each page of a PDF as an independent reader (poppler's pdftotext)
// sees it, falling back to our own extractPages where poppler-utils is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractPages } from '../extract-text.ts';

export const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

export async function pagesText(pdf: Uint8Array, options: { bbox?: boolean } = {}): Promise<string[]> {
  if (!hasPdftotext) {
    if (options.bbox) throw new Error('pdftotext is needed for positions: apt-get install poppler-utils');
    return (await extractPages(pdf)).pages;
  }
  const directory = mkdtempSync(path.join(tmpdir(), 'gaps-pdftext-'));
  try {
    const file = path.join(directory, 'in.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync(
      'pdftotext',
      ['-enc', 'UTF-8', ...(options.bbox ? ['-bbox', '-cropbox'] : []), file, '-'],
      {
        encoding: 'utf8',
        timeout: 30_000,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr || result.signal}`);
    if (options.bbox)
      return result.stdout
        .split('<page ')
        .slice(1)
        .map((page) => `<page ${page}`);
    return result.stdout.split('\f').slice(0, -1);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Words with their boxes from one page of `pdftotext -bbox` output (coordinates as the reader sees the page). */
export function wordsOf(
  bboxPage: string,
): Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }> {
  return [
    ...bboxPage.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((match) => ({
    xMin: Number(match[1]),
    yMin: Number(match[2]),
    xMax: Number(match[3]),
    yMax: Number(match[4]),
    text: match[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
}
