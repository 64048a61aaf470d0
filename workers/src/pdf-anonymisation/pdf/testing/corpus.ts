// Test support: the shared real-world corpus, found relative to the project root (never an
// absolute machine path), enumerated when the tests run.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../../../../..');
export const corpusRoot = path.resolve(projectRoot, '../shared/fixtures/pdfs');

export function corpusFile(relative: string): string {
  return path.join(corpusRoot, relative);
}

/** Every PDF in the corpus folders, as absolute paths, sorted. */
export function listCorpus(): string[] {
  return readdirSync(corpusRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(path.join(corpusRoot, folder.name))
        .filter((name) => name.toLowerCase().endsWith('.pdf'))
        .map((name) => path.join(corpusRoot, folder.name, name)),
    )
    .sort();
}
