// Keeps the processes of `npm start` running: one that dies is started again after a pause that
// doubles on each crash (up to a ceiling) and resets once it has stayed up a while, so a worker
// crash never takes the API down with it, and a process that cannot start does not spin the CPU.
// Stopping is bounded: SIGTERM to everything, then SIGKILL to whatever is still there after the
// grace period, whatever PostgreSQL, Redis or an open connection are doing meanwhile.
import { type ChildProcess, spawn } from 'node:child_process';

export interface ProcessSpec {
  /** Shown in the log lines, e.g. "API" or "workers". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface SuperviseOptions {
  log(line: string): void;
  /** Pause before the first restart; doubles on each crash in a row. */
  firstRestartMs?: number;
  maxRestartMs?: number;
  /** A process up this long counts as healthy again: its next crash restarts after firstRestartMs. */
  stableMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  graceMs?: number;
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

export interface Supervisor {
  /** The running child of each spec, by name (undefined while it waits to be restarted). */
  child(name: string): ChildProcess | undefined;
  restarts(name: string): number;
  /**
   * Settles when the named process first says it is ready (it sends 'ready' over the IPC channel,
   * after its last start-up log line is written); rejects if `stop()` comes first.
   */
  ready(name: string): Promise<void>;
  /**
   * Stops the named process and starts it again at once, not counted as a crash (`npm run dev`
   * does this when its files change). One that is waiting out a crash pause starts now.
   */
  restart(name: string): void;
  stop(): Promise<void>;
}

export function supervise(specs: ProcessSpec[], options: SuperviseOptions): Supervisor {
  const firstRestartMs = options.firstRestartMs ?? 1_000;
  const maxRestartMs = options.maxRestartMs ?? 30_000;
  const stableMs = options.stableMs ?? 60_000;
  const graceMs = options.graceMs ?? 8_000;
  let stopping = false;

  const slots = specs.map((spec) => ({
    spec,
    child: undefined as ChildProcess | undefined,
    restartTimer: undefined as NodeJS.Timeout | undefined,
    crashesInARow: 0,
    restarts: 0,
    /** Set by restart(): the coming exit was asked for. */
    restartAsked: false,
    ready: Promise.withResolvers<void>(),
  }));
  for (const slot of slots) slot.ready.promise.catch(() => {}); // nobody may be waiting

  function start(slot: (typeof slots)[number]) {
    const startedAt = Date.now();
    const stdio = options.stdio ?? 'inherit';
    const child = spawn(slot.spec.command, slot.spec.args, {
      cwd: slot.spec.cwd,
      env: slot.spec.env,
      // The IPC channel closes when this process dies, even by SIGKILL: the children stop on that
      // rather than run on as orphans (the `disconnect` handler in the API's and workers' main.ts).
      stdio: [stdio, stdio, stdio, 'ipc'],
    });
    slot.child = child;
    child.on('message', (message) => {
      if (message === 'ready') slot.ready.resolve();
    });
    child.once('error', (error) => options.log(`${slot.spec.name} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      slot.child = undefined;
      if (stopping) return;
      if (slot.restartAsked) {
        slot.restartAsked = false;
        slot.crashesInARow = 0;
        slot.restarts += 1;
        start(slot);
        return;
      }
      if (Date.now() - startedAt >= stableMs) slot.crashesInARow = 0;
      const pause = Math.min(firstRestartMs * 2 ** slot.crashesInARow, maxRestartMs);
      slot.crashesInARow += 1;
      options.log(
        `${slot.spec.name} stopped unexpectedly (${signal ? `signal ${signal}` : `exit ${code}`}); ` +
          `restarting it in ${(pause / 1000).toFixed(1)} s, the rest keeps running`,
      );
      slot.restartTimer = setTimeout(() => {
        slot.restartTimer = undefined;
        if (stopping) return;
        slot.restarts += 1;
        start(slot);
      }, pause);
    });
  }
  for (const slot of slots) start(slot);

  let stopped: Promise<void> | undefined;
  return {
    child: (name) => slots.find((slot) => slot.spec.name === name)?.child,
    restarts: (name) => slots.find((slot) => slot.spec.name === name)?.restarts ?? 0,
    ready: (name) => slots.find((slot) => slot.spec.name === name)?.ready.promise ?? Promise.reject(new Error(name)),
    restart(name) {
      const slot = slots.find((candidate) => candidate.spec.name === name);
      if (!slot || stopping) return;
      if (slot.child) {
        if (slot.restartAsked) return;
        slot.restartAsked = true;
        const child = slot.child;
        child.kill('SIGTERM');
        setTimeout(() => {
          if (slot.child === child) child.kill('SIGKILL');
        }, graceMs).unref();
        return;
      }
      // Waiting out a crash pause: the change may be the fix, so try it now.
      clearTimeout(slot.restartTimer);
      slot.restartTimer = undefined;
      slot.restarts += 1;
      start(slot);
    },
    stop() {
      stopping = true;
      for (const slot of slots) slot.ready.reject(new Error('stopped'));
      stopped ??= Promise.all(
        slots.map(async (slot) => {
          clearTimeout(slot.restartTimer);
          const child = slot.child;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          const killer = setTimeout(() => {
            options.log(`${slot.spec.name} did not stop within ${graceMs / 1000} s; killing it`);
            child.kill('SIGKILL');
          }, graceMs);
          await exited;
          clearTimeout(killer);
        }),
      ).then(() => {});
      return stopped;
    },
  };
}
