// Shared by the workers' tests: configuration, a log that can be searched, polling, clean-up.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { parseEnv, type WorkersConfig, workersEnvSchema } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import './provided-context.ts';

export function testQueuePrefix(): string {
  return `test-${randomUUID()}`;
}

export function testConfig(env: Record<string, string | undefined>): WorkersConfig {
  return parseEnv(workersEnvSchema, { NODE_ENV: 'test', LOG_LEVEL: 'debug', OUTBOX_POLL_MS: '50', ...env });
}

/** A real pino logger whose output the test can read. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * For "nothing happens" claims: watches `check` for `forMs` and fails at the first moment it is
 * false. Waiting proves nothing on its own, so the window should be several times the interval of
 * whatever would act (e.g. the relay's poll), and the caller should first see that thing stopped.
 */
export async function holdsFor(check: () => Promise<boolean>, forMs: number, what: string): Promise<void> {
  const until = Date.now() + forMs;
  do {
    if (!(await check())) throw new Error(`${what}: no longer true after ${forMs - (until - Date.now())} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (Date.now() < until);
}

/** Removes every key of a test's queue prefix (its queues, jobs and heartbeat). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
