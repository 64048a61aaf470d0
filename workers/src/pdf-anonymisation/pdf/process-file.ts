// The parent side: runs one manuscript through child.ts in its own process, with a heap cap, a
// resident-memory watchdog and a hard kill at the time limit, so a hostile PDF (a decompression
// bomb, a content-stream cycle) fails its own job and never the caller. This file loads no PDF
// library itself.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildCpu, ChildReply, ChildRequest, ChildTimings } from './child.ts';
import { refusalIsPermanent, refusalMessages } from './refusal.ts';
import type { CheckResult, PdfJob, ProcessLimits, ProcessResult, RefusalReason, StampResult } from './types.ts';

/** Bump when the output of the pipeline changes, so stored review copies can be told apart and redone. */
/** Declared once, in contracts.ts, where the job id and the review_copy row use it too. */
export { REVIEW_COPY_PIPELINE_VERSION as PIPELINE_VERSION } from '../../contracts.ts';
export type {
  AuthorIdentity,
  CheckResult,
  CoverDetails,
  Finding,
  FindingKind,
  PdfJob,
  ProcessFailure,
  ProcessLimits,
  ProcessResult,
  ProcessSuccess,
  RefusalReason,
  StampResult,
} from './types.ts';

export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_MS = 60_000;

const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
const WATCH_INTERVAL_MS = 50;

/**
 * Makes the review copy of the PDF at `inputPath`, counts its pages and words, scans its text for
 * the author's identity and checks the copy's bytes for the identity strings. Never throws for a
 * bad file: every outcome is a ProcessResult. The input file is only read.
 */
export async function processPdf(inputPath: string, job: PdfJob, limits: ProcessLimits = {}): Promise<ProcessResult> {
  return (await processPdfMeasured(inputPath, job, limits)).result;
}

export type MeasuredRun<R extends ProcessResult | CheckResult | StampResult = ProcessResult> = {
  result: R;
  /** What the child spent on each phase (absent when it died before answering). */
  timings?: ChildTimings;
  /** The child's resident-memory high-water mark (VmHWM), in MB; undefined where /proc is missing. */
  peakRssMb?: number;
  /** The child that ran the job, and whether it was already waiting (started after the previous job). */
  child?: { pid: number | undefined; wasWaiting: boolean };
  /** CPU time of the child: before the job (start-up, module loading) and for the job itself. */
  cpu?: ChildCpu;
  /** Wall-clock time from handing the file to a child (forked now or waiting already) to its answer. */
  wallMs: number;
  /** Technical detail for logs and the CLI; never shown to an author. */
  detail?: string;
};

/** processPdf plus measurements, for the benchmark, the CLI and logs. */
export async function processPdfMeasured(
  inputPath: string,
  job: PdfJob,
  limits: ProcessLimits = {},
): Promise<MeasuredRun> {
  return (await runInChild(inputPath, { inputPath, job }, limits)) as MeasuredRun;
}

/**
 * The check made when a manuscript is uploaded, in the same capped child and with the same code
 * the review copy uses: can it be opened (no password needed, readable by both PDF libraries),
 * and how many pages and words it has. Refusals carry the same words as the review copy's.
 */
export async function checkPdf(inputPath: string, limits: ProcessLimits = {}): Promise<MeasuredRun<CheckResult>> {
  return (await runInChild(inputPath, { inputPath, check: true }, limits)) as MeasuredRun<CheckResult>;
}

/**
 * A reviewer's download: the review copy at `inputPath` with "Review copy · trace CODE" in the
 * footer of every page, made in the same capped child (the server loads no PDF library itself).
 */
export async function stampPdf(
  inputPath: string,
  traceCode: string,
  limits: ProcessLimits = {},
): Promise<MeasuredRun<StampResult>> {
  return (await runInChild(inputPath, { inputPath, traceCode }, limits)) as MeasuredRun<StampResult>;
}

type AnyResult = ProcessResult | CheckResult | StampResult;

async function runInChild(
  inputPath: string,
  request: ChildRequest,
  limits: ProcessLimits,
): Promise<MeasuredRun<AnyResult>> {
  const memoryMb = limits.memoryMb ?? DEFAULT_MEMORY_MB;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();

  let size: number;
  try {
    size = (await stat(inputPath)).size;
  } catch (error) {
    return { result: refusal('failed'), wallMs: 0, detail: `cannot stat the input: ${String(error)}` };
  }
  // pdf-lib holds the whole file and every object parsed from it: a file a quarter of the memory
  // allowance cannot be processed within it.
  if (size > (memoryMb * 1024 * 1024) / 4) {
    return { result: refusal('too_large'), wallMs: 0, detail: `${size} bytes for ${memoryMb} MB` };
  }

  killChildrenOnExit();
  const { child, wasWaiting } = takeChild(memoryMb);
  return new Promise<MeasuredRun<AnyResult>>((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });

    let reply: ChildReply | undefined;
    let killedFor: RefusalReason | undefined;
    let peakRssMb: number | undefined;
    let settled = false;

    const kill = (reason: RefusalReason) => {
      if (killedFor || reply) return;
      killedFor = reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), timeoutMs);
    const watchdog = setInterval(() => {
      const status = readStatus(child.pid);
      if (!status) return;
      peakRssMb = Math.max(peakRssMb ?? 0, status.hwmMb);
      // The heap cap does not cover ArrayBuffers (decoded streams, images): watch the whole process.
      if (status.rssMb > memoryMb) kill('too_large');
    }, WATCH_INTERVAL_MS);

    const finish = (run: Omit<MeasuredRun<AnyResult>, 'wallMs' | 'peakRssMb'>) => {
      if (settled) return;
      settled = true;
      liveChildren.delete(child);
      // The next job's child starts now, between jobs, so its start-up is not on that job's clock.
      if (limits.spareChild !== false) startSpare(memoryMb);
      clearTimeout(timer);
      clearInterval(watchdog);
      resolve({ ...run, child: { pid: child.pid, wasWaiting }, peakRssMb, wallMs: performance.now() - started });
    };

    child.on('message', (message: ChildReply) => {
      if (message?.type !== 'result' || reply) return;
      reply = message;
      const status = readStatus(child.pid);
      if (status) peakRssMb = Math.max(peakRssMb ?? 0, status.hwmMb);
      child.disconnect();
    });
    child.on('error', (error) => {
      if (!child.pid)
        finish({ result: refusal('failed'), detail: `could not start the PDF process: ${error.message}` });
    });
    child.on('exit', (code, signal) => {
      if (reply) {
        finish({ result: normalise(reply.result), timings: reply.timings, cpu: reply.cpu, detail: reply.detail });
        return;
      }
      const ranOutOfMemory =
        /heap out of memory|Reached heap limit|Allocation failed|Cannot allocate|RangeError: Array buffer allocation failed/i.test(
          stderr,
        ) ||
        signal === 'SIGABRT' ||
        signal === 'SIGTRAP' ||
        code === 134;
      const reason: RefusalReason = killedFor ?? (ranOutOfMemory ? 'too_large' : 'failed');
      finish({
        result: refusal(reason),
        detail: `child ended (code ${code}, signal ${signal})${killedFor ? ` after ${killedFor}` : ''}: ${stderr.slice(-2000)}`,
      });
    });

    child.send(request);
  });
}

/**
 * One child per file, but started before it is needed: after each job the next child is forked and
 * loads pdf.js, pdf-lib and the fonts while the worker waits for work (~0.45 s of CPU a job, off
 * the job's clock). It holds no file until it gets one, and it does not keep the caller alive.
 */
let spare: { child: ChildProcess; memoryMb: number } | undefined;

function takeChild(memoryMb: number): { child: ChildProcess; wasWaiting: boolean } {
  const waiting = spare;
  spare = undefined;
  const alive =
    waiting && waiting.child.exitCode === null && waiting.child.signalCode === null && waiting.child.connected;
  if (waiting && alive && waiting.memoryMb === memoryMb) {
    waiting.child.ref();
    (waiting.child.channel as { ref?: () => void } | undefined)?.ref?.();
    return { child: waiting.child, wasWaiting: true };
  }
  if (waiting) retire(waiting.child);
  return { child: forkChild(memoryMb), wasWaiting: false };
}

function startSpare(memoryMb: number): void {
  if (spare) return;
  const child = forkChild(memoryMb);
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  child.once('exit', () => {
    if (spare?.child === child) spare = undefined;
  });
  spare = { child, memoryMb };
}

/** Stops the waiting child, if any (tests, and a worker that shuts down). */
export function stopSpareChild(): void {
  if (spare) retire(spare.child);
  spare = undefined;
}

function retire(child: ChildProcess): void {
  liveChildren.delete(child);
  child.kill('SIGKILL');
}

function forkChild(memoryMb: number): ChildProcess {
  const child = fork(CHILD_ENTRY, [], {
    execPath: process.execPath,
    execArgv: [
      `--max-old-space-size=${Math.max(64, Math.floor(memoryMb * 0.75))}`,
      // Small young generation: pdf.js and pdf-lib make many short-lived objects, and large
      // semi-spaces add ~100 MB of resident memory for no speed gain (measured).
      '--max-semi-space-size=8',
      '--expose-gc',
      // No TurboFan: a child lives for one file, and its top-tier compiles (on background threads)
      // cost more CPU than they win back; Sparkplug and Maglev still compile hot code (measured:
      // ~25% less CPU on a 14-page job, no change on 206 pages).
      '--no-opt',
    ],
    // The child reads untrusted files: it gets no secrets (no DATABASE_URL, REDIS_URL, SMTP_URL),
    // and no inherited NODE_OPTIONS (a test runner's loader, say) changes how it runs.
    env: { PATH: process.env.PATH ?? '', TMPDIR: tmpdir(), LANG: 'C.UTF-8', NODE_OPTIONS: '', ...compileCacheEnv() },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // A waiting child's stderr must not hold the caller's event loop either.
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  liveChildren.add(child);
  return child;
}

/**
 * Node's on-disk compile cache saves the child ~100 ms of parsing pdf.js and pdf-lib on every
 * job. The directory must be ours alone (mode 0700, our uid): cached code is executed.
 */
function compileCacheEnv(): { NODE_COMPILE_CACHE?: string } {
  if (process.env.NODE_COMPILE_CACHE) return {};
  const uid = process.getuid?.();
  if (uid === undefined) return {};
  const directory = path.join(tmpdir(), `gaps-pdf-compile-cache-${uid}`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const info = statSync(directory);
    if (info.uid !== uid || (info.mode & 0o077) !== 0) return {};
    return { NODE_COMPILE_CACHE: directory };
  } catch {
    return {};
  }
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A worker that exits (or is stopped) mid-job must not leave a child parsing a hostile file behind. */
function killChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

function refusal(reason: RefusalReason): ProcessResult {
  return { ok: false, permanent: refusalIsPermanent[reason], reason, message: refusalMessages[reason] };
}

/** Structured clone gives a Uint8Array (or Buffer); callers get a plain Uint8Array either way. */
function normalise(result: AnyResult): AnyResult {
  if (!result.ok) return result;
  const plain = (bytes: Uint8Array) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ('reviewCopy' in result) return { ...result, reviewCopy: plain(result.reviewCopy) };
  if ('stamped' in result) return { ...result, stamped: plain(result.stamped) };
  return result;
}

function readStatus(pid: number | undefined): { rssMb: number; hwmMb: number } | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (!rss || !hwm) return undefined;
    return { rssMb: Number(rss[1]) / 1024, hwmMb: Number(hwm[1]) / 1024 };
  } catch {
    return undefined;
  }
}
