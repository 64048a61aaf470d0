// The admin's Retention API: admins only; periods checked (whole months, 1 to 120) with messages
// that say what to write, and nothing stored when refused; a dry run that says in one sentence what
// the next run would delete; "run now" that deletes exactly a recent dry run's list, or nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../../test/client.ts';

let t: TestApp;
let admin: TestClient;
let venueId: string;
let personId: string;

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  const adminPerson = await makePerson(t.db, 'admin');
  admin = await signedIn(t.app, adminPerson.email);
  personId = (await makePerson(t.db, 'author')).id;
});
afterAll(async () => {
  await t?.close();
});

async function expiredSessions(n: number) {
  const hashes = Array.from({ length: n }, () => randomUUID().replaceAll('-', ''));
  await t.db
    .insertInto('session')
    .values(
      hashes.map((token_hash) => ({ token_hash, person_id: personId, expires_at: new Date(Date.now() - 86_400_000) })),
    )
    .execute();
  return hashes;
}

async function sessionsLeft(hashes: string[]) {
  return (await t.db.selectFrom('session').select('token_hash').where('token_hash', 'in', hashes).execute()).length;
}

describe('who may use the retention API', () => {
  it('answers 404 to editors and authors, and 401 to nobody signed in', async () => {
    const editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    for (const client of [editor, author]) {
      expect((await client.get('/api/admin/retention')).statusCode).toBe(404);
      const put = await client.put(`/api/admin/retention/venues/${venueId}`, {
        unsuccessfulEntriesMonths: 1,
        mailBodiesMonths: 1,
        draftsMonths: 1,
      });
      expect(put.statusCode).toBe(404);
      expect((await client.post('/api/admin/retention/dry-runs')).statusCode).toBe(404);
      expect((await client.post('/api/admin/retention/runs', { dryRunId: randomUUID() })).statusCode).toBe(404);
    }
    expect((await new TestClient(t.app).get('/api/admin/retention')).statusCode).toBe(401);
    const venue = await t.db
      .selectFrom('venue')
      .select(['retain_drafts_months'])
      .where('id', '=', venueId)
      .executeTakeFirstOrThrow();
    expect(venue.retain_drafts_months).toBe(18);
    expect(await t.db.selectFrom('retention_run').select('id').execute()).toEqual([]);
  });
});

describe('retention periods', () => {
  it('shows each venue with the defaults and the schedule', async () => {
    const overview = (await admin.get('/api/admin/retention')).json();
    expect(overview.venues).toContainEqual(
      expect.objectContaining({ venueId, unsuccessfulEntriesMonths: 12, mailBodiesMonths: 6, draftsMonths: 18 }),
    );
    expect(overview.schedule).toEqual({ everyHours: 24, lastScheduledRun: null, nextRunAbout: null });
  });

  it('refuses anything but whole months from 1 to 120, says what to write, and keeps the old periods', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ unsuccessfulEntriesMonths: 0, mailBodiesMonths: 6, draftsMonths: 18 }, 'at least 1 month'],
      [{ unsuccessfulEntriesMonths: 12, mailBodiesMonths: 121, draftsMonths: 18 }, 'at most 120 months'],
      [{ unsuccessfulEntriesMonths: 12, mailBodiesMonths: 6, draftsMonths: 1.5 }, 'whole number of months'],
      [{ unsuccessfulEntriesMonths: '12', mailBodiesMonths: 6, draftsMonths: 18 }, 'whole number of months'],
      [{ unsuccessfulEntriesMonths: 12, mailBodiesMonths: 6 }, 'untouched drafts'],
    ];
    for (const [body, words] of cases) {
      const answer = await admin.put(`/api/admin/retention/venues/${venueId}`, body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error.message).toContain(words);
    }
    const venue = await t.db
      .selectFrom('venue')
      .select(['retain_unsuccessful_entries_months', 'retain_mail_bodies_months', 'retain_drafts_months'])
      .where('id', '=', venueId)
      .executeTakeFirstOrThrow();
    expect(venue).toEqual({
      retain_unsuccessful_entries_months: 12,
      retain_mail_bodies_months: 6,
      retain_drafts_months: 18,
    });
    const missing = await admin.put(`/api/admin/retention/venues/${randomUUID()}`, {
      unsuccessfulEntriesMonths: 12,
      mailBodiesMonths: 6,
      draftsMonths: 18,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('saves new periods and audits what changed', async () => {
    const answer = await admin.put(`/api/admin/retention/venues/${venueId}`, {
      unsuccessfulEntriesMonths: 24,
      mailBodiesMonths: 6,
      draftsMonths: 12,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      venueId,
      unsuccessfulEntriesMonths: 24,
      mailBodiesMonths: 6,
      draftsMonths: 12,
    });
    const event = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', venueId)
      .where('action', '=', 'retention.settings_updated')
      .executeTakeFirstOrThrow();
    expect(event.details).toEqual({
      fields: ['unsuccessful award entries: 12 → 24 months', 'untouched drafts: 18 → 12 months'],
    });
  });
});

describe('dry run and run now', () => {
  it('says what the next run would delete, deletes exactly that on "run now", and refuses the same dry run twice', async () => {
    const hashes = await expiredSessions(3);
    const dry = await admin.post('/api/admin/retention/dry-runs');
    expect(dry.statusCode).toBe(201);
    const run = dry.json();
    expect(run.dryRun).toBe(true);
    expect(run.summary).toBe('The next run would delete: 3 expired sessions.');
    expect(run.itemCount).toBe(3);
    expect(run.items.map((item: { id: string }) => item.id).sort()).toEqual([...hashes].sort());
    expect(await sessionsLeft(hashes)).toBe(3);

    const done = await admin.post('/api/admin/retention/runs', { dryRunId: run.id });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ dryRun: false, summary: 'The run deleted: 3 expired sessions.' });
    expect(await sessionsLeft(hashes)).toBe(0);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['actor_id', 'system_actor'])
      .where('action', '=', 'retention.swept')
      .executeTakeFirstOrThrow();
    expect(audit.system_actor).toBeNull();
    expect(audit.actor_id).not.toBeNull();

    const again = await admin.post('/api/admin/retention/runs', { dryRunId: run.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('Run the dry run again');
  });

  it('deletes nothing when something came due after the dry run', async () => {
    const first = await expiredSessions(1);
    const dry = (await admin.post('/api/admin/retention/dry-runs')).json();
    const later = await expiredSessions(1);
    const refused = await admin.post('/api/admin/retention/runs', { dryRunId: dry.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('retention_list_changed');
    expect(await sessionsLeft([...first, ...later])).toBe(2);
  });

  it('refuses a dry run more than an hour old, and a run that was not a dry run', async () => {
    const hashes = await expiredSessions(1);
    const dry = (await admin.post('/api/admin/retention/dry-runs')).json();
    t.setNow(new Date(Date.now() + 2 * 3_600_000));
    try {
      const stale = await admin.post('/api/admin/retention/runs', { dryRunId: dry.id });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('dry_run_stale');
    } finally {
      t.setNow(null);
    }
    expect(await sessionsLeft(hashes)).toBe(1);
    const fresh = (await admin.post('/api/admin/retention/dry-runs')).json();
    const real = (await admin.post('/api/admin/retention/runs', { dryRunId: fresh.id })).json();
    const notDry = await admin.post('/api/admin/retention/runs', { dryRunId: real.id });
    expect(notDry.statusCode).toBe(409);
    expect(notDry.json().error.code).toBe('not_a_dry_run');
    const unknown = await admin.post('/api/admin/retention/runs', { dryRunId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists the runs, newest first, and when the schedule runs next', async () => {
    const scheduledAt = new Date('2030-01-01T03:00:00Z');
    await t.db
      .insertInto('retention_run')
      .values({ dry_run: false, started_at: scheduledAt, finished_at: scheduledAt, as_of: scheduledAt, run_by: null })
      .execute();
    const overview = (await admin.get('/api/admin/retention')).json();
    expect(overview.schedule.lastScheduledRun.startedAt).toBe(scheduledAt.toISOString());
    expect(overview.schedule.nextRunAbout).toBe('2030-01-02T03:00:00.000Z');
    expect(overview.runs[0].startedAt).toBe(scheduledAt.toISOString());
    expect(overview.runs.length).toBeGreaterThan(3);
    const one = await admin.get(`/api/admin/retention/runs/${overview.runs[1].id}`);
    expect(one.statusCode).toBe(200);
    expect(Array.isArray(one.json().items)).toBe(true);
  });
});
