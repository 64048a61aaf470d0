// Test support: where the tests find real-world PDFs, relative to the project root (never an
// absolute machine path). The few files the tests name are kept in the repository
// (test-fixtures/pdfs, with their sources and licences); the larger corpus is optional.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../../../../..');
const fixturesRoot = path.join(projectRoot, 'test-fixtures/pdfs');

/** A PDF kept in the repository, e.g. `fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf')`. */
export function fixturePdf(relative: string): string {
  const file = path.join(fixturesRoot, relative);
  if (!existsSync(file)) {
    throw new Error(
      `${path.relative(projectRoot, file)} is not in test-fixtures/pdfs: copy it there and list it in its README`,
    );
  }
  return file;
}

/**
 * The larger real-world corpus (about 100 files, 15 MB), not kept in the repository: the folder
 * `PDF_CORPUS_DIR` names, else `../shared/fixtures/pdfs` beside the project. `root` is null, and
 * `missing` says why, when neither is there; tests that need it skip with that reason.
 */
export const corpus = findCorpus();

function findCorpus() {
  const configured = process.env.PDF_CORPUS_DIR;
  const root = path.resolve(projectRoot, configured ?? '../shared/fixtures/pdfs');
  const present = existsSync(path.join(root, 'pdf-lib-corpus')) && existsSync(path.join(root, 'pdfjs-corpus'));
  const missing = present
    ? null
    : configured
      ? `PDF_CORPUS_DIR (${configured}) has no pdf-lib-corpus/ and pdfjs-corpus/ folders`
      : 'the optional PDF corpus is absent: set PDF_CORPUS_DIR to a folder with pdf-lib-corpus/ and pdfjs-corpus/ (see test-fixtures/pdfs/README.md)';
  return {
    root: present ? root : null,
    missing,
    file(relative: string): string {
      if (missing) throw new Error(missing);
      return path.join(root, relative);
    },
    /** Every PDF in the corpus folders, as absolute paths, sorted; empty when the corpus is absent. */
    list(): string[] {
      if (!present) return [];
      return readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((folder) =>
          readdirSync(path.join(root, folder.name))
            .filter((name) => name.toLowerCase().endsWith('.pdf'))
            .map((name) => path.join(root, folder.name, name)),
        )
        .sort();
    },
  };
}
