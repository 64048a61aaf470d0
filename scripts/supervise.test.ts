// The supervisor of `npm start`, with tiny stand-in children: a crash is restarted with back-off
// while the other process keeps serving, and stopping is bounded even for a child that ignores SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessSpec, type Supervisor, supervise } from './supervise.ts';

const node = (name: string, code: string): ProcessSpec => ({ name, command: process.execPath, args: ['-e', code] });
const steady = node('api', 'setInterval(() => {}, 1000)');
const crashing = node('workers', 'setTimeout(() => process.exit(3), 50)');
const stubborn = node(
  'stubborn',
  "process.on('SIGTERM', () => {}); process.send('ready'); setInterval(() => {}, 1000)",
);

let running: Supervisor | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('supervise', () => {
  it('restarts a crashed process with growing pauses and logs it, while the other keeps running', async () => {
    const lines: string[] = [];
    running = supervise([steady, crashing], {
      log: (line) => lines.push(line),
      firstRestartMs: 100,
      maxRestartMs: 400,
      stdio: 'ignore',
    });
    const api = running.child('api');
    await until(() => running!.restarts('workers') >= 3);
    expect(running.child('api')).toBe(api);
    expect(api!.exitCode).toBeNull();
    const pauses = lines
      .filter((line) => line.startsWith('workers stopped unexpectedly (exit 3)'))
      .map((line) => Number(/restarting it in ([\d.]+) s/.exec(line)![1]));
    expect(pauses.slice(0, 3)).toEqual([0.1, 0.2, 0.4]);
  });

  it('tells when each process first says it is ready, and gives up waiting on stop', async () => {
    const slow = node('slow', "setTimeout(() => process.send('ready'), 200); setInterval(() => {}, 1000)");
    running = supervise([slow, steady], { log: () => {}, stdio: 'ignore' });
    await running.ready('slow');
    expect(running.child('slow')!.exitCode).toBeNull();
    const never = running.ready('api');
    await running.stop();
    await expect(never).rejects.toThrow('stopped');
  });

  it('restarts a process on request at once, without counting it as a crash', async () => {
    const lines: string[] = [];
    running = supervise([steady], { log: (line) => lines.push(line), firstRestartMs: 5_000, stdio: 'ignore' });
    const first = running.child('api')!;
    running.restart('api');
    await until(() => running!.child('api') !== undefined && running!.child('api') !== first);
    expect(first.signalCode).toBe('SIGTERM');
    expect(running.restarts('api')).toBe(1);
    expect(lines).toEqual([]);
  });

  it('starts a crashed process waiting out its pause at once when asked to restart it', async () => {
    const lines: string[] = [];
    running = supervise([crashing], { log: (line) => lines.push(line), firstRestartMs: 20_000, stdio: 'ignore' });
    await until(() => lines.length === 1 && running!.child('workers') === undefined);
    expect(lines[0]).toContain('restarting it in 20.0 s');
    running.restart('workers');
    expect(running.child('workers')).toBeDefined();
    expect(running.restarts('workers')).toBe(1);
  });

  it('stops within the grace period even when a child ignores SIGTERM, and restarts nothing after', async () => {
    const lines: string[] = [];
    running = supervise([steady, stubborn], { log: (line) => lines.push(line), graceMs: 500, stdio: 'ignore' });
    // It says ready once its SIGTERM handler is in place.
    await running.ready('stubborn');
    const started = Date.now();
    await running.stop();
    const took = Date.now() - started;
    expect(took).toBeLessThan(2_000);
    expect(lines).toContain('stubborn did not stop within 0.5 s; killing it');
    expect(running.child('api')).toBeUndefined();
    expect(running.child('stubborn')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(running.restarts('api') + running.restarts('stubborn')).toBe(0);
  });

  it('lets the children stop with it when the supervisor itself is killed (SIGKILL)', async () => {
    const supervisorCode = `
      const { supervise } = await import(${JSON.stringify(path.join(import.meta.dirname, 'supervise.ts'))});
      const running = supervise(
        [{ name: 'api', command: process.execPath, args: ['-e', "process.once('disconnect', () => process.exit(0)); setInterval(() => {}, 1000)"] }],
        { log: () => {}, stdio: 'ignore' },
      );
      setTimeout(() => console.log(running.child('api').pid), 200);
      setInterval(() => {}, 1000);`;
    const supervisor = spawn(process.execPath, ['--input-type=module', '-e', supervisorCode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((resolve) =>
      supervisor.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(childPid)).toBe(true);
    supervisor.kill('SIGKILL');
    await until(() => !alive(childPid), 5_000);
  });
});
