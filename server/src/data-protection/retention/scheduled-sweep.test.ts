// The retention sweep on its schedule: the 'privacy' queue's job scheduler on real Redis makes the
// job, the API process's worker runs it, and it deletes what is due under the sweep's own name in
// the audit log. It stops when closed.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { LocalFileStore } from '@gaps/workers/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteRedisKeys, testConfig } from '../../../test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { insertPerson } from '../../accounts/person.repository.ts';
import { startDataProtectionJobs } from '../jobs.ts';

let t: TestDatabase;
const config = testConfig();
const queuePrefix = `test-${randomUUID()}`;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  await deleteRedisKeys(config.REDIS_URL, queuePrefix);
});

describe('the retention sweep on its schedule', () => {
  it('runs through the privacy queue, deletes what is due, and is audited as the scheduled sweep', async () => {
    const personId = await insertPerson(t.db, {
      email: 'someone@example.org',
      name: 'Some One',
      password: 'long enough password',
    });
    await t.db
      .insertInto('session')
      .values([
        { token_hash: 'expired', person_id: personId, expires_at: new Date(Date.now() - 60_000) },
        { token_hash: 'live', person_id: personId, expires_at: new Date(Date.now() + 3_600_000) },
      ])
      .execute();
    const log = pino({ level: 'warn' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
    const jobs = startDataProtectionJobs({
      db: t.db,
      store: new LocalFileStore(config.DATA_DIR),
      dataDir: config.DATA_DIR,
      publicUrl: config.PUBLIC_URL,
      clock: () => new Date(),
      redisUrl: config.REDIS_URL,
      queuePrefix,
      retentionEveryHours: 0.0001, // 360 ms
      log,
    });
    try {
      await vi.waitFor(
        async () => {
          const runs = await t.db.selectFrom('retention_run').select('id').where('dry_run', '=', false).execute();
          expect(runs.length).toBeGreaterThanOrEqual(2);
        },
        { timeout: 20_000, interval: 100 },
      );
    } finally {
      await jobs.close();
    }
    const sessions = await t.db.selectFrom('session').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).toEqual(['live']);
    const runs = await t.db
      .selectFrom('retention_run')
      .select(['id', 'run_by', 'counts', 'failure'])
      .orderBy('started_at')
      .execute();
    expect(runs[0]).toMatchObject({ run_by: null, failure: null, counts: expect.objectContaining({ sessions: 1 }) });
    // Every later run found nothing left to delete.
    for (const later of runs.slice(1)) expect(later.counts).toMatchObject({ sessions: 0 });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['system_actor', 'actor_id', 'object_id'])
      .where('action', '=', 'retention.swept')
      .orderBy('id')
      .execute();
    expect(audit.length).toBe(runs.length);
    expect(audit[0]).toEqual({ system_actor: 'retention_sweep', actor_id: null, object_id: runs[0]!.id });
    // Closed: no more runs.
    const count = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await t.db.selectFrom('retention_run').select('id').execute()).length).toBe(count);
  });
});
