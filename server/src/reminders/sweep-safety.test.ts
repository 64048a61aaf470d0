// Never twice, nothing missed: two sweeps at once on separate connections, and a sweep process
// killed while a batch is open, then started again. And each event of the policy, one at a time:
// a decision, a withdrawal, a submitted review, a decline, an extension and a pause each stop or
// move the reminders; after downtime only the latest one due is sent.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createDatabase } from '@gaps/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  applyEventsUntil,
  eventsOf,
  PUBLIC_URL,
  remindersWritten,
  seedWorld,
  sortPlanned,
  type WorldAssignment,
} from '../../test/reminder-world.ts';
import { planReminders } from './plan.ts';
import { defaultReminderPolicy } from './policy.ts';
import { runSweep } from './sweep.ts';

const DAY = 86_400_000;
const T0 = new Date('2031-06-01T00:00:00Z');
const plus = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Assignments each owed something at `now`: reminders to answer, expiries, due soon, overdue, escalations. */
function allDue(prefix: string, count: number, now: Date): WorldAssignment[] {
  return Array.from({ length: count }, (_, i): WorldAssignment => {
    const id = `${prefix}${i}`;
    const zone = ['Europe/London', 'Asia/Tokyo', 'America/Chicago'][i % 3]!;
    switch (i % 5) {
      case 0:
        return { id, timeZone: zone, invitedAt: plus(now, -6), dueAt: plus(now, 20) };
      case 1:
        return { id, timeZone: zone, invitedAt: plus(now, -15), dueAt: plus(now, 20) };
      case 2:
        return { id, timeZone: zone, invitedAt: plus(now, -10), acceptedAt: plus(now, -9), dueAt: plus(now, 0.5) };
      case 3:
        return { id, timeZone: zone, invitedAt: plus(now, -20), acceptedAt: plus(now, -19), dueAt: plus(now, -2) };
      default:
        return {
          id,
          timeZone: zone,
          invitedAt: plus(now, -40),
          acceptedAt: plus(now, -39),
          dueAt: plus(now, -23),
          venue: i % 2 ? 'contact' : 'editors',
        };
    }
  });
}

/** What one sweep at `now` owes these assignments, by the plan (a window of that one sweep). */
const owedAt = (timelines: WorldAssignment[], now: Date) =>
  sortPlanned(
    planReminders({
      from: now,
      to: now,
      everyMinutes: 15,
      policy: defaultReminderPolicy,
      assignments: timelines.map(({ closedBy: _c, venue: _v, ...rest }) => rest),
    }),
  );

async function messagesPerKey(assignmentIds: string[]) {
  const rows = await t.db
    .selectFrom('email_message')
    .select(['assignment_id', 'template'])
    .where('assignment_id', 'in', assignmentIds)
    .where('template', 'like', 'reminder.%')
    .execute();
  return rows.map((r) => `${r.assignment_id} ${r.template}`);
}

describe('never twice, nothing missed', () => {
  it('two sweeps at once on separate connections write each reminder once', async () => {
    const now = plus(T0, 0);
    const timelines = allDue('twin', 40, now);
    const world = await seedWorld(t.db, timelines);
    await applyEventsUntil(t.db, world, eventsOf(timelines), now);
    const [a, b] = [createDatabase(t.url, { max: 2 }), createDatabase(t.url, { max: 2 })];
    try {
      const [one, two] = await Promise.all([
        runSweep(a, { now, publicUrl: PUBLIC_URL, batchSize: 3 }),
        runSweep(b, { now, publicUrl: PUBLIC_URL, batchSize: 3 }),
      ]);
      const written = await remindersWritten(t.db, world);
      expect(written).toEqual(owedAt(timelines, now));
      const sent = (s: typeof one) =>
        s.invitation_reminder + s.invitation_expired + s.due_soon + s.overdue + s.escalation;
      expect(sent(one) + sent(two)).toBe(written.length);
      const messages = await messagesPerKey([...world.ids.values()]);
      expect(new Set(messages).size).toBe(messages.length);
      // A third sweep finds nothing left to do.
      expect(sent(await runSweep(t.db, { now, publicUrl: PUBLIC_URL }))).toBe(0);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('a sweep killed with a batch open leaves that batch unwritten; the next sweep writes all, once', async () => {
    // A database of its own: the child's batches must be these assignments, not other tests'.
    const own = await createTestDatabase();
    const t = own;
    const now = plus(T0, 3);
    const timelines = allDue('killed', 20, now);
    const world = await seedWorld(t.db, timelines);
    await applyEventsUntil(t.db, world, eventsOf(timelines), now);
    const child = spawn(
      process.execPath,
      [path.resolve(import.meta.dirname, '../../test/sweep-child.ts'), t.url, now.toISOString(), '4'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('batch open')) resolve();
      });
      child.once('exit', () => reject(new Error(`the child ended before its batch was open: ${output}`)));
    });
    const firstBatch = await remindersWritten(t.db, world);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The first batch committed; the open one rolled back with the process (its locks released).
    expect(firstBatch.length).toBeGreaterThan(0);
    expect(await remindersWritten(t.db, world)).toEqual(firstBatch);

    await runSweep(t.db, { now, publicUrl: PUBLIC_URL, batchSize: 4 });
    expect(await remindersWritten(t.db, world)).toEqual(owedAt(timelines, now));
    const messages = await t.db
      .selectFrom('email_message')
      .select(['assignment_id', 'template'])
      .where('template', 'like', 'reminder.%')
      .where('assignment_id', 'is not', null) // escalations list several
      .execute();
    const keys = messages.map((m) => `${m.assignment_id} ${m.template}`);
    expect(new Set(keys).size).toBe(keys.length);
    await own.drop();
  });
});

describe('one broken assignment', () => {
  it('holds up no other: its batch is retried one by one, and it waits for the next sweep', async () => {
    const own = await createTestDatabase();
    try {
      const now = plus(T0, 0);
      const timelines = allDue('broken', 12, now).filter((a) => !a.acceptedAt);
      const world = await seedWorld(own.db, timelines);
      const broken = world.ids.get(timelines[0]!.id)!;
      // A fault only this assignment's writes meet.
      await sql`
        CREATE FUNCTION refuse_broken() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'broken on purpose'; END $$;
        CREATE TRIGGER refuse_broken BEFORE INSERT ON reminder_sent FOR EACH ROW
        WHEN (NEW.assignment_id = ${sql.lit(broken)}::uuid) EXECUTE FUNCTION refuse_broken();
      `.execute(own.db);
      const summary = await runSweep(own.db, { now, publicUrl: PUBLIC_URL, batchSize: 50 });
      expect(summary.failed).toEqual([{ assignmentId: broken, error: 'broken on purpose' }]);
      const written = await remindersWritten(own.db, world);
      expect(written).toEqual(owedAt(timelines, now).filter((p) => p.assignment !== timelines[0]!.id));
      await sql`DROP TRIGGER refuse_broken ON reminder_sent`.execute(own.db);
      expect((await runSweep(own.db, { now, publicUrl: PUBLIC_URL })).failed).toEqual([]);
      expect(await remindersWritten(own.db, world)).toEqual(owedAt(timelines, now));
    } finally {
      await own.drop();
    }
  });
});

/** Drives one assignment through sweeps at the given days after T0; answers what was written. */
async function drive(timeline: WorldAssignment, days: number[]) {
  const world = await seedWorld(t.db, [timeline]);
  const events = eventsOf([timeline]);
  for (const day of days) {
    const now = plus(T0, day);
    while (events[0] && events[0].at <= now) await events.shift()!.apply(t.db, world);
    await runSweep(t.db, { now, publicUrl: PUBLIC_URL });
  }
  const written = await remindersWritten(t.db, world);
  return {
    sent: written.map((w) => `${w.kind} ${w.occurrence} day ${(new Date(w.at).getTime() - T0.getTime()) / DAY}`),
    status: (
      await t.db
        .selectFrom('assignment')
        .select('status')
        .where('id', '=', world.ids.get(timeline.id)!)
        .executeTakeFirstOrThrow()
    ).status,
  };
}

const accepted = (id: string, extra: Partial<WorldAssignment> = {}): WorldAssignment => ({
  id,
  timeZone: 'Europe/London',
  invitedAt: plus(T0, -1),
  acceptedAt: plus(T0, -0.5),
  dueAt: plus(T0, 10),
  ...extra,
});
const everyDay = Array.from({ length: 40 }, (_, i) => i);

describe('what stops or moves the reminders', () => {
  it('without events: due soon 7 and 1 days before, overdue 1, 8, 15 days after, then the editors', async () => {
    expect((await drive(accepted('plain'), everyDay)).sent).toEqual([
      'due_soon 1 day 3',
      'due_soon 2 day 9',
      'overdue 1 day 11',
      'overdue 2 day 18',
      'overdue 3 day 25',
      'escalation 1 day 32',
    ]);
  });

  it('a decision cancels the assignment: nothing after it', async () => {
    const run = await drive(accepted('decided', { submissionClosedAt: plus(T0, 5), closedBy: 'decided' }), everyDay);
    expect(run).toEqual({ sent: ['due_soon 1 day 3'], status: 'cancelled' });
  });

  it('a withdrawal cancels the assignment: nothing after it', async () => {
    const run = await drive(
      accepted('withdrawn', { submissionClosedAt: plus(T0, 5), closedBy: 'withdrawn' }),
      everyDay,
    );
    expect(run).toEqual({ sent: ['due_soon 1 day 3'], status: 'cancelled' });
  });

  it('a submitted review: nothing after it, even past the due date', async () => {
    const run = await drive(accepted('submitted', { submittedAt: plus(T0, 9.5) }), everyDay);
    expect(run).toEqual({ sent: ['due_soon 1 day 3', 'due_soon 2 day 9'], status: 'submitted' });
  });

  it('a decline: no reminder to answer, no expiry', async () => {
    const run = await drive(
      { id: 'declined', timeZone: 'Asia/Tokyo', invitedAt: T0, dueAt: plus(T0, 30), declinedAt: plus(T0, 2) },
      everyDay,
    );
    expect(run).toEqual({ sent: [], status: 'declined' });
  });

  it('an extension: the reminders count from the new due date', async () => {
    const run = await drive(accepted('extended', { dueAtChanges: [[plus(T0, 4), plus(T0, 20)]] }), everyDay);
    expect(run.sent).toEqual([
      'due_soon 1 day 3',
      'due_soon 1 day 13',
      'due_soon 2 day 19',
      'overdue 1 day 21',
      'overdue 2 day 28',
      'overdue 3 day 35',
    ]);
  });

  it('a pause: nothing while it lasts, then only the latest reminder due', async () => {
    const run = await drive(accepted('paused', { pausedFrom: plus(T0, 2), pausedUntil: plus(T0, 12.5) }), everyDay);
    expect(run.sent).toEqual(['overdue 1 day 13', 'overdue 2 day 18', 'overdue 3 day 25', 'escalation 1 day 32']);
  });

  it('after downtime only the latest reminder due is sent, not the ones missed', async () => {
    // Sweeps stop on day 2 and start again on day 19: due soon ×2 and overdue 1 and 2 fell in between.
    const run = await drive(accepted('downtime'), [0, 1, 2, 19, 20, 25, 26]);
    expect(run.sent).toEqual(['overdue 2 day 19', 'overdue 3 day 25']);
  });

  it('an unanswered invitation: reminded on days 5 and 10, expired on day 14 through the state machine', async () => {
    const run = await drive(
      { id: 'silent', timeZone: 'Pacific/Auckland', invitedAt: T0, dueAt: plus(T0, 30) },
      everyDay,
    );
    expect(run).toEqual({
      sent: ['invitation_reminder 1 day 5', 'invitation_reminder 2 day 10', 'invitation_expired 1 day 14'],
      status: 'expired',
    });
  });
});
