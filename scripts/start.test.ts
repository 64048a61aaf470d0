// `npm start` as a person first meets it, on a fresh database and data folder: a short console
// whose last words are the banner (address, demo log-ins, how to stop), and then one line per
// request, with nothing personal in it. (The web build's quiet run is in run-quietly.unit.test.ts;
// here the pages are already built by `npm test`, or built once by the start itself.)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteRedisKeys } from '../server/test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../server/test/database.ts';

const BANNER_END = 'Press Ctrl+C to stop.';
let database: TestDatabase;
let dataDir: string;
let start: ChildProcess;
let output = '';
let port: number;
const queuePrefix = `test-start-${process.pid}-${Date.now()}`;

async function until(check: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s. Output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gaps-test-start-'));
  port = await freePort();
  start = spawn(process.execPath, [path.join(import.meta.dirname, 'start.ts')], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...withoutSmtp(process.env),
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      DATA_DIR: dataDir,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  start.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await until(() => output.includes(BANNER_END), 'the banner', 150_000);
}, 180_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    start.kill('SIGINT');
    await exited;
  }
  await database?.drop();
  await deleteRedisKeys(inject('redisUrl'), queuePrefix);
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('npm start', () => {
  it('prints a short start-up, without the build’s file list, then the banner', () => {
    const before = output.slice(0, output.indexOf('GAPS Submissions is running at'));
    expect(linesOf(before).length).toBeLessThanOrEqual(20);
    expect(before).not.toContain('.svelte-kit/output');
    expect(before).not.toMatch(/gzip:/);
    expect(output).toContain(`GAPS Submissions is running at http://localhost:${port}`);
    expect(output).toContain('editor@example.org');
  });

  it('leaves the banner last: what follows it is one line per request a person made, and nothing personal', async () => {
    const afterBanner = () => output.slice(output.indexOf(BANNER_END) + BANNER_END.length);
    // The health probe and the pages' scripts are routine (no line); then ten searches, one line each.
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBeLessThan(600);
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/calls?q=mary.shelley%40example.org`);
      expect(response.status).toBe(200);
    }
    await until(
      () => (afterBanner().match(/GET \/api\/calls\?q 200 \d+ ms/g) ?? []).length === 10,
      'ten request lines',
      20_000,
    );
    const lines = linesOf(afterBanner());
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/calls\?q 200 \d+ ms$/);
    expect(output).not.toContain('mary.shelley');
  });
});

function withoutSmtp(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SMTP_URL: _ignored, ...rest } = env;
  return rest;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
}
