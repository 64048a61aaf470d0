// The job scheduler on real Redis: the sweep runs on its interval in this process, sends what is
// due once however many intervals pass, logs one line for a sweep that sent something (none for
// the rest), and stops when closed.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteRedisKeys, testConfig } from '../../test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { PUBLIC_URL, remindersWritten, seedWorld } from '../../test/reminder-world.ts';
import { startReminderSweeps } from './sweep-scheduler.ts';

let t: TestDatabase;
const { REDIS_URL } = testConfig();
const queuePrefix = `test-${randomUUID()}`;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  await deleteRedisKeys(REDIS_URL, queuePrefix);
});

describe('the reminder sweep on its schedule', () => {
  it('runs every interval, sends once, says so once, and stops when closed', async () => {
    const now = new Date('2031-05-10T12:00:00Z');
    const world = await seedWorld(t.db, [
      {
        id: 'due',
        timeZone: 'Europe/London',
        invitedAt: new Date('2031-05-04T12:00:00Z'),
        dueAt: new Date('2031-06-10T12:00:00Z'),
      },
    ]);
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    let sweeps = 0;
    const running = startReminderSweeps({
      db: t.db,
      redisUrl: REDIS_URL,
      queuePrefix,
      everyMinutes: 0.005, // 300 ms
      publicUrl: PUBLIC_URL,
      clock: () => {
        sweeps += 1;
        return now;
      },
      log,
    });
    try {
      await vi.waitFor(() => expect(sweeps).toBeGreaterThanOrEqual(4), { timeout: 20_000, interval: 100 });
    } finally {
      await running.close();
    }
    const after = sweeps;
    expect(await remindersWritten(t.db, world)).toEqual([
      { assignment: 'due', kind: 'invitation_reminder', occurrence: 1, at: now.toISOString() },
    ]);
    expect(lines.filter((l) => l.includes('reminder sweep sent reminders'))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sweeps).toBe(after);
  });
});
