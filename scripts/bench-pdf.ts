// `npm run bench:pdf`: how long the PDF pipeline takes on a 14-page paper and a 206-page document,
// in wall time and in CPU seconds (which survive a busy machine: wall time does not), how much
// memory its child process needs, and how the review copy compares with qpdf rewriting the same
// file in the same run. Each figure is the median of BENCH_RUNS runs (default 5), after one
// warm-up run that fills Node's compile cache as the first job of a worker would. Jobs arrive a
// second apart, so each finds the child the previous one started waiting for it, as in a worker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AuthorIdentity, processPdfMeasured, stopSpareChild } from '@gaps/workers/pdf';

const projectRoot = path.resolve(import.meta.dirname, '..');
// The larger real-world corpus (test-fixtures/pdfs/README.md): PDF_CORPUS_DIR, else beside the project.
const corpus = path.resolve(projectRoot, process.env.PDF_CORPUS_DIR ?? '../shared/fixtures/pdfs');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const MEMORY_TARGET_MB = 300;
const QPDF_RATIO_TARGET = 5;
const PAUSE_BETWEEN_JOBS_MS = 1_000;

type Case = { file: string; pages: number; targetMs: number; identity: AuthorIdentity };
const cases: Case[] = [
  {
    file: 'pdfjs-corpus/tracemonkey-pldi-09.pdf',
    pages: 14,
    targetMs: 1_000,
    identity: {
      names: ['Andreas Gal', 'Brendan Eich', 'Michael Franz', 'Mohammad R. Haghighat'],
      emails: ['gal@mozilla.com', 'franz@uci.edu'],
      affiliations: ['Mozilla Corporation', 'University of California, Irvine'],
      orcids: [],
    },
  },
  {
    file: 'pdf-lib-corpus/linearized_with_object_streams.pdf',
    pages: 206,
    targetMs: 10_000,
    identity: {
      names: ['Jane Doe-Winterbottom', 'Priya Ramanathan'],
      emails: ['jane.doe@kent.ac.uk'],
      affiliations: ['School of Social Work, University of Kent'],
      orcids: ['0000-0002-1825-0097'],
    },
  },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');

const qpdfVersion = spawnSync('qpdf', ['--version'], { encoding: 'utf8' });
const hasQpdf = qpdfVersion.status === 0;
if (!hasQpdf) {
  console.log('qpdf is not installed, so the comparison is skipped. Install it with: apt-get install qpdf');
}
const scratch = mkdtempSync(path.join(tmpdir(), 'gaps-bench-pdf-'));
let over = 0;

try {
  console.log(
    `PDF pipeline benchmark: median of ${runs} runs per file (after one warm-up run), Node ${process.version}`,
  );
  if (hasQpdf) console.log(`qpdf: ${qpdfVersion.stdout.split('\n')[0]}`);
  for (const benchCase of cases) {
    const file = path.join(corpus, benchCase.file);
    if (!existsSync(file)) throw new Error(`missing corpus file ${path.relative(projectRoot, file)}`);
    const job = {
      code: 'JSWP-2027-0042',
      title: 'Benchmark manuscript',
      category: null,
      identity: benchCase.identity,
      wordLimit: 8000,
      pageLimit: 30,
    };

    const measured: Array<{
      wall: number;
      copy: number;
      scan: number;
      verify: number;
      peak: number;
      jobCpu: number;
      startupCpu: number;
    }> = [];
    for (let run = 0; run <= runs; run++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_JOBS_MS));
      const result = await processPdfMeasured(file, job);
      if (!result.result.ok)
        throw new Error(`${benchCase.file} was refused: ${result.detail ?? result.result.message}`);
      if (result.result.pageCount !== benchCase.pages)
        throw new Error(`${benchCase.file}: ${result.result.pageCount} pages`);
      if (run === 0) continue;
      const timings = result.timings!;
      measured.push({
        wall: result.wallMs,
        copy: timings.copyMs,
        scan: timings.textMs + timings.scanMs,
        verify: timings.verifyMs,
        peak: result.peakRssMb ?? Number.NaN,
        jobCpu: result.cpu?.jobMs ?? Number.NaN,
        startupCpu: result.cpu?.startupMs ?? Number.NaN,
      });
    }

    const qpdfTimes: number[] = [];
    if (hasQpdf) {
      const out = path.join(scratch, 'qpdf-out.pdf');
      for (let run = 0; run <= runs; run++) {
        const started = performance.now();
        const qpdf = spawnSync('qpdf', [file, out]);
        const elapsed = performance.now() - started;
        // qpdf exits 3 when it succeeded with warnings.
        if (qpdf.status !== 0 && qpdf.status !== 3) throw new Error(`qpdf failed on ${benchCase.file}`);
        if (run > 0) qpdfTimes.push(elapsed);
      }
    }

    const wall = median(measured.map((m) => m.wall));
    const copy = median(measured.map((m) => m.copy));
    const scan = median(measured.map((m) => m.scan));
    const verify = median(measured.map((m) => m.verify));
    const jobCpu = median(measured.map((m) => m.jobCpu));
    const startupCpu = median(measured.map((m) => m.startupCpu));
    const peaks = measured.map((m) => m.peak);
    const peakMax = Math.max(...peaks);

    console.log(`\n${path.basename(file)} (${benchCase.pages} pages)`);
    console.log(`  review copy (load, copy pages, cover, footers, save)  ${seconds(copy)}`);
    console.log(`  scan (text of every page, word count, leak scan)      ${seconds(scan)}`);
    console.log(`  byte check of the copy (identity strings)             ${seconds(verify)}`);
    const timeOk = wall < benchCase.targetMs;
    over += timeOk ? 0 : 1;
    console.log(
      `  whole job, file handed over to answer                 ${seconds(wall)}   target < ${seconds(benchCase.targetMs)}: ${verdict(timeOk)}`,
    );
    console.log(`  CPU of the job (user + system, child process)         ${seconds(jobCpu)}   (wall ${seconds(wall)})`);
    console.log(
      `  CPU of the child's start-up, before the job arrived   ${seconds(startupCpu)}   (job + start-up ${seconds(jobCpu + startupCpu)})`,
    );
    const memoryOk = peakMax < MEMORY_TARGET_MB;
    over += memoryOk ? 0 : 1;
    console.log(
      `  peak memory of the child (VmHWM)                      median ${median(peaks).toFixed(0)} MB, max ${peakMax.toFixed(0)} MB   target < ${MEMORY_TARGET_MB} MB: ${verdict(memoryOk)}`,
    );
    if (hasQpdf) {
      const qpdf = median(qpdfTimes);
      const ratio = copy / qpdf;
      const ratioOk = ratio <= QPDF_RATIO_TARGET;
      over += ratioOk ? 0 : 1;
      console.log(`  qpdf rewrite of the same file (whole qpdf process)    ${seconds(qpdf)}`);
      console.log(
        `  review copy / qpdf                                    ${ratio.toFixed(2)}x   target <= ${QPDF_RATIO_TARGET}x: ${verdict(ratioOk)}`,
      );
      console.log(
        `  (whole job / qpdf, for information: ${(wall / qpdf).toFixed(2)}x; the job also reads all text and starts a process)`,
      );
    }
  }
  console.log(over === 0 ? '\nAll targets met.' : `\n${over} target(s) missed.`);
} finally {
  stopSpareChild();
  rmSync(scratch, { recursive: true, force: true });
}
