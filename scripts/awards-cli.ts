// `npm run -s awards -- rank FILE.csv`: the award panel's fair ranking of a CSV of marks (header
// entry,category,judge,score), as JSON on stdout, computed by the same code as the chair's page
// (server/src/awards/calibration.ts). Exit 2 with a one-line message on stderr for bad input.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { calibrate } from '../server/src/awards/calibration.ts';
import { MarksCsvError, readMarksCsv } from '../server/src/awards/marks-csv.ts';

const usage = `usage: npm run -s awards -- rank FILE.csv   (FILE "-" reads standard input)
FILE.csv has the header entry,category,judge,score and one row per judge's mark of an entry.
Prints { "categories": [ { "category", "entries": [ { "entry", "raw", "calibrated", "rank",
"judges" } ], "warnings": [ … ] } ] }, entries best first. See docs/awards-ranking.md.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [command, file, ...rest] = process.argv.slice(2);
if (command === '--help' || command === '-h') {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (command !== 'rank')
  fail(
    `${command ? `Unknown command “${command}”` : 'No command'}: use npm run -s awards -- rank FILE.csv (or --help).`,
  );
if (!file || rest.length) fail('Give exactly one file: npm run -s awards -- rank FILE.csv (or --help).');

let text: string;
try {
  text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
}
let marks: ReturnType<typeof readMarksCsv>;
try {
  marks = readMarksCsv(text);
} catch (error) {
  if (error instanceof MarksCsvError) fail(`${file}: ${error.message}`);
  throw error;
}

const round = (value: number) => Math.round(value * 100) / 100;
const { categories } = calibrate(marks);
const printed = {
  categories: categories.map((c) => ({
    category: c.category,
    entries: c.entries.map((e) => ({
      entry: e.entry,
      raw: round(e.raw),
      calibrated: round(e.calibrated),
      rank: e.rank,
      judges: e.judges,
    })),
    warnings: c.warnings.map((w) => w.message),
  })),
};
process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
