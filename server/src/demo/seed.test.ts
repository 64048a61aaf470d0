import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { seedDemoData } from './seed-demo-data.ts';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gaps-seed-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('seeds people, venues, calls and submissions in several states once, and never twice', async () => {
    expect(await seedDemoData(database.db, { password: 'demo-demo-demo', dataDir })).toBe(true);
    expect(await seedDemoData(database.db, { password: 'demo-demo-demo', dataDir })).toBe(false);
    const people = await database.db.selectFrom('person').select('email').orderBy('email').execute();
    expect(people.map((p) => p.email)).toEqual([
      'admin@example.org',
      'author1@example.org',
      'author2@example.org',
      'editor@example.org',
      'reviewer1@example.org',
      'reviewer2@example.org',
    ]);
    const states = await database.db.selectFrom('submission').select(['status', 'code']).orderBy('code').execute();
    expect(states.map((s) => s.status).sort()).toEqual(['draft', 'screening', 'submitted', 'submitted', 'withdrawn']);
    expect(states.filter((s) => s.code).map((s) => s.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CWEA-\d{4}-001$/), expect.stringMatching(/^JSWP-\d{4}-0001$/)]),
    );
    // The seed uploads through the same use case as authors: every manuscript has its audit entry.
    const versions = await database.db.selectFrom('manuscript_version').select('submission_id').execute();
    const uploads = await database.db
      .selectFrom('audit_event')
      .select(['object_id', 'actor_id'])
      .where('action', '=', 'submission.manuscript_uploaded')
      .execute();
    expect(versions.length).toBe(4);
    expect(uploads.map((u) => u.object_id).sort()).toEqual(versions.map((v) => v.submission_id).sort());
    expect(uploads.every((u) => u.actor_id !== null)).toBe(true);
    // No editor signs in during the seed: its screening move is the system's, and says so.
    const screening = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'system_actor'])
      .where('action', '=', 'submission.status_changed')
      .where('details', '@>', JSON.stringify({ to: 'screening' }))
      .executeTakeFirstOrThrow();
    expect(screening).toEqual({ actor_id: null, system_actor: 'demo_seed' });
    const award = await database.db
      .selectFrom('call')
      .select(['deadline_at', 'time_zone'])
      .where('slug', 'like', 'awards-%')
      .executeTakeFirstOrThrow();
    // Midnight at the end of 1 July, London summer time.
    expect(award.deadline_at!.toISOString()).toMatch(/-07-01T23:00:00\.000Z$/);
  });
});
