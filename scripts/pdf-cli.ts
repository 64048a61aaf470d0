// `npm run -s pdf -- …`: the PDF pipeline from the command line, through the same child process
// the worker uses (so a hostile file is handled here exactly as in production).
//   review-copy IN.pdf OUT.pdf --code CODE [--title T] [--category C]
//   scan IN.pdf [--name "Full Name"]… [--email a@b.org]… [--affiliation "Uni"]… [--orcid ID]…
// Exit 0 on success; 2 with a one-line reason on stderr when the file is refused; 1 on bad usage.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type PdfJob, processPdfMeasured } from '@gaps/workers/pdf';

const usage = `usage:
  npm run -s pdf -- review-copy IN.pdf OUT.pdf --code CODE [--title TITLE] [--category CATEGORY]
  npm run -s pdf -- scan IN.pdf [--name "Full Name"]... [--email a@b.org]... [--affiliation "Name"]... [--orcid ID]...
options: --memory-mb N (default 512), --timeout-ms N (default 60000), --verbose (technical detail on refusal)`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      title: { type: 'string' },
      category: { type: 'string' },
      name: { type: 'string', multiple: true },
      email: { type: 'string', multiple: true },
      affiliation: { type: 'string', multiple: true },
      orcid: { type: 'string', multiple: true },
      'memory-mb': { type: 'string' },
      'timeout-ms': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 1);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const [command, input, output] = positionals;
// A missing input is the operator's typing, not a refused PDF: say so, as for bad usage.
if (input && (command === 'review-copy' || command === 'scan') && !existsSync(input)) {
  fail(`${input}: file not found`, 1);
}
const limits = {
  memoryMb: values['memory-mb'] ? Number(values['memory-mb']) : undefined,
  timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined,
};
const identity = {
  names: values.name ?? [],
  emails: values.email ?? [],
  affiliations: values.affiliation ?? [],
  orcids: values.orcid ?? [],
};

if (command === 'review-copy') {
  if (!input || !output || positionals.length !== 3) fail(usage, 1);
  if (!values.code) fail('review-copy needs --code CODE', 1);
  const job: PdfJob = {
    code: values.code,
    title: values.title ?? path.basename(input, path.extname(input)),
    category: values.category ?? null,
    identity,
    wordLimit: null,
    pageLimit: null,
  };
  const run = await processPdfMeasured(path.resolve(input), job, limits);
  if (!run.result.ok) refused(run.result.reason, run.result.message, run.detail);
  await writeFile(output, run.result.reviewCopy);
  process.stderr.write(
    `wrote ${output}: ${run.result.pageCount + 1} pages (cover + ${run.result.pageCount}), ${run.result.wordCount} words` +
      (run.result.leaksInCopy.length > 0
        ? `; identity strings still in the copy: ${run.result.leaksInCopy.join(', ')}`
        : '') +
      '\n',
  );
} else if (command === 'scan') {
  if (!input || positionals.length !== 2) fail(usage, 1);
  const job: PdfJob = {
    code: 'SCAN',
    title: path.basename(input),
    category: null,
    identity,
    wordLimit: null,
    pageLimit: null,
  };
  const run = await processPdfMeasured(path.resolve(input), job, limits);
  if (!run.result.ok) refused(run.result.reason, run.result.message, run.detail);
  const { pageCount, wordCount, findings } = run.result;
  process.stdout.write(`${JSON.stringify({ pages: pageCount, words: wordCount, findings }, null, 2)}\n`);
} else {
  fail(usage, 1);
}

function refused(reason: string, message: string, detail: string | undefined): never {
  if (values.verbose && detail) process.stderr.write(`${detail}\n`);
  fail(`refused (${reason}): ${message}`, 2);
}
