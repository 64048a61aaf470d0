// Entry point of the child process that process-file.ts forks for each PDF. All parsing of the
// untrusted file happens here, under a heap cap and a watchdog, so a hostile file can only take
// this process down. Protocol: the parent sends one ChildRequest; the child answers with one
// ChildReply and exits when the parent disconnects (so the parent can read its peak memory first).
// The parent may fork a child before it has a job for it: loading the modules below, and pdf.js,
// happens while it waits.
import { readFile } from 'node:fs/promises';
import { countWords, extractPages, loadPdfjs } from './extract-text.ts';
import { affiliationTokens, scanForLeaks } from './leak-scan.ts';
import { GENERIC_AFFILIATION_WORDS } from './leak-scan-words.ts';
import { PdfRefusedError, refusalIsPermanent, refusalMessages } from './refusal.ts';
import { loadSourcePdf, looksLikePdf, makeReviewCopy, makeReviewCopyFrom } from './review-copy.ts';
import { stampTraceCode } from './trace-stamp.ts';
import type { AuthorIdentity, CheckResult, Finding, PdfJob, ProcessResult, StampResult } from './types.ts';
import { findIdentityInPdf } from './verify-copy.ts';

/** A review copy to make (`job`), only the check made at upload (`check`), or a reviewer's download to stamp (`traceCode`). */
export type ChildRequest =
  | { inputPath: string; job: PdfJob }
  | { inputPath: string; check: true }
  | { inputPath: string; traceCode: string };
export type ChildTimings = { textMs: number; scanMs: number; copyMs: number; verifyMs: number };
/** CPU time (user + system) of the child before its job arrived (start-up, module loading) and for the job. */
export type ChildCpu = { startupMs: number; jobMs: number };
export type ChildReply = {
  type: 'result';
  result: ProcessResult | CheckResult | StampResult;
  timings: ChildTimings;
  cpu: ChildCpu;
  detail?: string;
};

async function run(request: ChildRequest): Promise<ChildReply> {
  const timings: ChildTimings = { textMs: 0, scanMs: 0, copyMs: 0, verifyMs: 0 };
  const startup = process.cpuUsage();
  const cpu = () => {
    const job = process.cpuUsage(startup);
    return { startupMs: (startup.user + startup.system) / 1000, jobMs: (job.user + job.system) / 1000 };
  };
  try {
    const { result, detail } =
      'check' in request
        ? await checkOnly(request.inputPath, timings)
        : 'traceCode' in request
          ? await stampOnly(request.inputPath, request.traceCode, timings)
          : await makeEverything(request, timings);
    return { type: 'result', result, timings, cpu: cpu(), detail };
  } catch (error) {
    const reason = error instanceof PdfRefusedError ? error.reason : 'failed';
    const result: ProcessResult | CheckResult = {
      ok: false,
      permanent: refusalIsPermanent[reason],
      reason,
      message: refusalMessages[reason],
    };
    return {
      type: 'result',
      result,
      timings,
      cpu: cpu(),
      detail: error instanceof Error ? error.stack : String(error),
    };
  }
}

/**
 * The upload's check: the first half of makeEverything (open the file with both libraries, read
 * its text, count its words) without making or scanning a copy. Refuses what the review copy
 * would refuse for the file itself, with the same reasons.
 */
async function checkOnly(inputPath: string, timings: ChildTimings): Promise<{ result: CheckResult; detail?: string }> {
  const input = new Uint8Array(await readFile(inputPath));
  inputSize = input.length;
  if (!looksLikePdf(input)) throw new PdfRefusedError('unreadable', 'no %PDF- header');
  let detail: string | undefined;
  let started = performance.now();
  let pages: string[] | undefined;
  try {
    pages = (await extractPages(input)).pages;
  } catch (error) {
    if (error instanceof PdfRefusedError && error.reason === 'encrypted') throw error;
    detail = `text from the review copy: ${error instanceof Error ? error.message : String(error)}`;
  }
  timings.textMs = performance.now() - started;
  collectGarbage();
  // The review copy is made with pdf-lib: a file it cannot open (or decrypt) is refused now, not after sending.
  started = performance.now();
  const source = await loadSourcePdf(input);
  if (!pages) {
    const copy = await makeReviewCopyFrom(source, { code: 'CHECK', title: '', category: null, wordCount: null });
    pages = textOfCopy((await extractPages(copy)).pages);
  }
  timings.copyMs = performance.now() - started;
  const wordCount = pages.reduce((total, page) => total + countWords(page), 0);
  return { result: { ok: true, pageCount: pages.length, wordCount }, detail };
}

/** The reviewer's download: the review copy (our own output, trusted as such) with the trace line. */
async function stampOnly(
  inputPath: string,
  traceCode: string,
  timings: ChildTimings,
): Promise<{ result: StampResult; detail?: string }> {
  const input = new Uint8Array(await readFile(inputPath));
  inputSize = input.length;
  const started = performance.now();
  const stamped = await stampTraceCode(input, traceCode);
  timings.copyMs = performance.now() - started;
  return { result: { ok: true, stamped } };
}

async function makeEverything(
  { inputPath, job }: { inputPath: string; job: PdfJob },
  timings: ChildTimings,
): Promise<{ result: ProcessResult; detail?: string }> {
  const input = new Uint8Array(await readFile(inputPath));
  inputSize = input.length;
  if (!looksLikePdf(input)) throw new PdfRefusedError('unreadable', 'no %PDF- header');
  const identity = withDefaults(job.identity);
  const cover = { code: job.code, title: job.title, category: job.category };
  let detail: string | undefined;

  // Text first, from the original; pdf.js and pdf-lib then never hold their documents at the same time.
  let started = performance.now();
  let pages: string[] | undefined;
  try {
    pages = (await extractPages(input)).pages;
  } catch (error) {
    if (error instanceof PdfRefusedError && error.reason === 'encrypted') throw error;
    // pdf.js gave up (a broken cross-reference table, say); pdf-lib may still read it. Then the
    // text comes from our own, well-formed copy below.
    detail = `text from the review copy: ${error instanceof Error ? error.message : String(error)}`;
  }
  timings.textMs = performance.now() - started;
  collectGarbage();

  let reviewCopy: Uint8Array;
  if (pages) {
    started = performance.now();
    const wordCount = pages.reduce((total, page) => total + countWords(page), 0);
    const findings = scanForLeaks(pages, identity);
    timings.scanMs = performance.now() - started;
    started = performance.now();
    reviewCopy = await makeReviewCopy(input, { ...cover, wordCount });
    timings.copyMs = performance.now() - started;
    return finish(reviewCopy, pages, wordCount, findings);
  }

  started = performance.now();
  const draft = await makeReviewCopyFrom(await loadSourcePdf(input), { ...cover, wordCount: null });
  timings.copyMs = performance.now() - started;
  started = performance.now();
  pages = textOfCopy((await extractPages(draft)).pages);
  timings.textMs += performance.now() - started;
  started = performance.now();
  const wordCount = pages.reduce((total, page) => total + countWords(page), 0);
  const findings = scanForLeaks(pages, identity);
  timings.scanMs = performance.now() - started;
  started = performance.now();
  reviewCopy = await makeReviewCopy(input, { ...cover, wordCount });
  timings.copyMs += performance.now() - started;
  return finish(reviewCopy, pages, wordCount, findings);

  async function finish(copy: Uint8Array, text: string[], words: number, found: Finding[]) {
    collectGarbage();
    const verifyStarted = performance.now();
    const leaksInCopy = await findIdentityInPdf(copy, identityStrings(identity));
    timings.verifyMs = performance.now() - verifyStarted;
    const result: ProcessResult = {
      ok: true,
      reviewCopy: copy,
      pageCount: text.length,
      wordCount: words,
      findings: found,
      overWordLimit: job.wordLimit !== null && job.wordLimit !== undefined && words > job.wordLimit,
      overPageLimit: job.pageLimit !== null && job.pageLimit !== undefined && text.length > job.pageLimit,
      leaksInCopy,
    };
    return { result, detail };
  }
}

/** The text of a review copy without what we added: the cover page and each page's footer line. */
function textOfCopy(pages: string[]): string[] {
  return pages
    .slice(1)
    .map((page) => page.replace(/Confidential: for peer review only · .{0,200}? · page \d+ of \d+/g, ''));
}

/**
 * What the byte-level check looks for. Single words and purely generic affiliations are left
 * out: "Ali" or "Social Work" occur in innocent text, and a hit blocks the copy's release.
 */
function identityStrings(identity: AuthorIdentity): string[] {
  const orcids = identity.orcids
    .map((orcid) => /(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])/.exec(orcid))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]}-${match[2]}-${match[3]}-${match[4]}`);
  return [
    ...identity.names.filter((name) => name.trim().split(/\s+/).length >= 2),
    ...identity.emails,
    ...identity.affiliations.filter((affiliation) =>
      affiliationTokens(affiliation).some((token) => !GENERIC_AFFILIATION_WORDS.has(token)),
    ),
    ...orcids,
  ];
}

function withDefaults(identity: Partial<AuthorIdentity> | undefined): AuthorIdentity {
  const clean = (values: string[] | undefined) =>
    (values ?? []).filter((value) => typeof value === 'string' && value.trim() !== '');
  return {
    names: clean(identity?.names),
    emails: clean(identity?.emails),
    affiliations: clean(identity?.affiliations),
    orcids: clean(identity?.orcids),
  };
}

/** Below this size a full collection costs more time (~20 ms each) than the memory it saves matters. */
const GC_BETWEEN_PHASES_FROM_BYTES = 2 * 1024 * 1024;
let inputSize = 0;

function collectGarbage(): void {
  // Started with --expose-gc: freeing one library's document before the next loads keeps the peak down.
  if (inputSize >= GC_BETWEEN_PHASES_FROM_BYTES) (globalThis as { gc?: () => void }).gc?.();
}

if (process.send) {
  // The parent lets go after reading our peak memory; if it goes away mid-job, nobody wants the result.
  process.once('disconnect', () => process.exit(0));
  // pdf.js is imported on first use; a failure here is reported by the job, which imports it again.
  const pdfjs = loadPdfjs().catch(() => undefined);
  process.once('message', (request: ChildRequest) => {
    void pdfjs
      .then(() => run(request))
      .then((reply) => {
        if (process.connected) process.send!(reply);
      });
  });
}
