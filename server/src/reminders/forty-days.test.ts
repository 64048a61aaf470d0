// A controllable clock: 100 assignments in mixed states, three venues' worth of readers in several
// zones, driven through 40 days of sweeps at 15-minute steps, each event applied at its time through
// the real services. What was written must be exactly what the plan command says for the same
// timelines (and, for a few, what a person works out by hand); what reaches the SMTP server through
// the real mail worker must be each reminder once, dated in its reader's zone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningWorkers, startWorkers } from '@gaps/workers/start-workers';
import {
  memoryLogger,
  type ReceivedMail,
  startSmtpServer,
  type TestSmtpServer,
  testConfig as workersTestConfig,
} from '@gaps/workers/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  eventsOf,
  PUBLIC_URL,
  remindersWritten,
  seedWorld,
  sortPlanned,
  type World,
  type WorldAssignment,
} from '../../test/reminder-world.ts';
import { dateTimeFor } from '../mail-templates/words.ts';
import { planReminders } from './plan.ts';
import { defaultReminderPolicy } from './policy.ts';
import { runSweep } from './sweep.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = new Date('2031-03-01T00:00:00Z');
const END = new Date(T0.getTime() + 40 * DAY);
const at = (iso: string) => new Date(iso);
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Auckland'];

/** Worked out by hand from the default policy (README "Reminders"). */
const handWritten: Array<{ timeline: WorldAssignment; expected: Array<[string, number, string]> }> = [
  {
    // Never answers: reminded after 5 and 10 days, expired at 14, each at the first sweep after.
    timeline: {
      id: 'hand-silent',
      timeZone: 'Asia/Kolkata',
      invitedAt: at('2031-03-01T00:07:00Z'),
      dueAt: at('2031-03-29T12:00:00Z'),
    },
    expected: [
      ['invitation_reminder', 1, '2031-03-06T00:15:00.000Z'],
      ['invitation_reminder', 2, '2031-03-11T00:15:00.000Z'],
      ['invitation_expired', 1, '2031-03-15T00:15:00.000Z'],
    ],
  },
  {
    // Accepts, never sends: due soon 7 and 1 days before, overdue 1, 8, 15 days after, then the editors.
    timeline: {
      id: 'hand-late',
      timeZone: 'America/New_York',
      invitedAt: at('2031-03-01T09:00:00Z'),
      acceptedAt: at('2031-03-02T10:00:00Z'),
      dueAt: at('2031-03-12T12:00:00Z'),
      venue: 'contact',
    },
    expected: [
      ['due_soon', 1, '2031-03-05T12:00:00.000Z'],
      ['due_soon', 2, '2031-03-11T12:00:00.000Z'],
      ['overdue', 1, '2031-03-13T12:00:00.000Z'],
      ['overdue', 2, '2031-03-20T12:00:00.000Z'],
      ['overdue', 3, '2031-03-27T12:00:00.000Z'],
      ['escalation', 1, '2031-04-03T12:00:00.000Z'],
    ],
  },
  {
    // The due date moves on 5 March: a new cycle counts from the new date; sent the day before it.
    timeline: {
      id: 'hand-extended',
      timeZone: 'Europe/London',
      invitedAt: at('2031-03-01T09:00:00Z'),
      acceptedAt: at('2031-03-01T10:00:00Z'),
      dueAt: at('2031-03-10T12:00:00Z'),
      dueAtChanges: [[at('2031-03-05T06:00:00Z'), at('2031-03-20T12:00:00Z')]],
      submittedAt: at('2031-03-19T00:00:00Z'),
    },
    expected: [
      ['due_soon', 1, '2031-03-03T12:00:00.000Z'],
      ['due_soon', 1, '2031-03-13T12:00:00.000Z'],
    ],
  },
  {
    // Paused over the due date: the reminders in the pause are passed over, the latest sent at its end.
    timeline: {
      id: 'hand-paused',
      timeZone: 'Australia/Sydney',
      invitedAt: at('2031-03-01T09:00:00Z'),
      acceptedAt: at('2031-03-01T10:00:00Z'),
      dueAt: at('2031-03-15T12:00:00Z'),
      pausedFrom: at('2031-03-07T00:00:00Z'),
      pausedUntil: at('2031-03-17T00:00:00Z'),
    },
    expected: [
      ['overdue', 1, '2031-03-17T00:00:00.000Z'],
      ['overdue', 2, '2031-03-23T12:00:00.000Z'],
      ['overdue', 3, '2031-03-30T12:00:00.000Z'],
      ['escalation', 1, '2031-04-06T12:00:00.000Z'],
    ],
  },
  {
    // Decided on day 7: one reminder to answer, then nothing.
    timeline: {
      id: 'hand-decided',
      timeZone: 'Pacific/Auckland',
      invitedAt: at('2031-03-01T00:07:00Z'),
      dueAt: at('2031-03-29T12:00:00Z'),
      submissionClosedAt: at('2031-03-08T00:00:00Z'),
      closedBy: 'decided',
    },
    expected: [['invitation_reminder', 1, '2031-03-06T00:15:00.000Z']],
  },
];

/** 95 more, in every state, from a fixed seed (so a failure can be replayed). */
function generated(count: number): WorldAssignment[] {
  let seed = 20311;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
  return Array.from({ length: count }, (_, i): WorldAssignment => {
    const invitedAt = plus(T0, between(0, 6 * DAY) + between(0, 96) * 15 * MIN + between(0, 15) * MIN);
    const kind = i % 10;
    const dueAt = plus(invitedAt, (kind === 3 ? 10 : between(10, 24)) * DAY + between(0, 24) * HOUR);
    const acceptedAt = plus(invitedAt, between(1, kind === 9 ? 12 : 4) * DAY + between(0, 60) * MIN);
    const base: WorldAssignment = {
      id: `a${String(i).padStart(3, '0')}`,
      timeZone: zones[i % zones.length]!,
      invitedAt,
      dueAt,
      venue: i % 3 === 0 ? 'contact' : 'editors',
    };
    switch (kind) {
      case 0: // never answers; some with a stored answer-by time shorter than the call's
        return i % 20 === 0 ? { ...base, invitationExpiresAt: plus(invitedAt, 12 * DAY) } : base;
      case 1: // accepts, sends early
        return { ...base, acceptedAt, submittedAt: plus(dueAt, -between(1, 5) * DAY) };
      case 2: // accepts, sends late
        return { ...base, acceptedAt, submittedAt: plus(dueAt, between(2, 12) * DAY + between(0, 90) * MIN) };
      case 3: // accepts, never sends: overdue, then the editors
      case 9: // accepts late (after reminders to answer), never sends
        return { ...base, acceptedAt };
      case 4: // declines
        return { ...base, declinedAt: plus(invitedAt, between(1, 9) * DAY + between(0, 90) * MIN) };
      case 5: // extended once, sends after the old due date
        return {
          ...base,
          acceptedAt,
          dueAtChanges: [[plus(acceptedAt, DAY), plus(dueAt, 10 * DAY)]],
          submittedAt: plus(dueAt, 5 * DAY),
        };
      case 6: // paused around the due date
        return { ...base, acceptedAt, pausedFrom: plus(dueAt, -2 * DAY), pausedUntil: plus(dueAt, 9 * DAY) };
      case 7: // withdrawn by the author
        return {
          ...base,
          acceptedAt,
          submissionClosedAt: plus(invitedAt, between(3, 20) * DAY),
          closedBy: 'withdrawn',
        };
      default: // decided
        return { ...base, submissionClosedAt: plus(invitedAt, between(2, 25) * DAY), closedBy: 'decided' };
    }
  });
}

const timelines: WorldAssignment[] = [...handWritten.map((h) => h.timeline), ...generated(95)];
const planInput = {
  from: T0,
  to: END,
  everyMinutes: 15,
  policy: defaultReminderPolicy,
  assignments: timelines.map(({ closedBy: _c, venue: _v, ...timeline }) => timeline),
};

let db: TestDatabase;
let world: World;
let smtp: TestSmtpServer;
let workers: RunningWorkers;
let queuePrefix: string;
let sweeps = 0;
let sweepMs = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedWorld(db.db, timelines, { contact: 'JWA', editors: 'EAW' });
  const events = eventsOf(timelines);
  // Every sweep time the plan sends at, every one just after an event, and one an hour otherwise:
  // a sweep that sent something the plan does not would show in the comparison at the next one.
  const planTimes = new Set(planReminders(planInput).map((p) => new Date(p.at).getTime()));
  // The outbox, sent through the relay and the real mail worker to an SMTP server in this process,
  // as the days pass: the worker checks each reminder again when it sends it (the review may have
  // been submitted meanwhile), so it must see the simulated time, and send soon after the sweep.
  smtp = await startSmtpServer();
  queuePrefix = testConfig().QUEUE_PREFIX;
  let simulatedNow = T0.getTime();
  workers = await startWorkers(
    workersTestConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testConfig().REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      SMTP_URL: smtp.url,
      WORKER_CONCURRENCY: '8',
      OUTBOX_POLL_MS: '50',
    }),
    { logger: memoryLogger().logger, now: () => new Date(simulatedNow) },
  );
  const delivered = () =>
    vi.waitFor(
      async () => {
        const waiting = await db.db
          .selectFrom('email_message')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', 'not in', ['sent', 'failed', 'skipped'])
          .executeTakeFirstOrThrow();
        if (Number(waiting.n) > 0) throw new Error(`${waiting.n} messages not yet delivered`);
      },
      { timeout: 120_000, interval: 50 },
    );
  const started = Date.now();
  for (let t = T0.getTime(); t <= END.getTime(); t += 15 * MIN) {
    simulatedNow = t;
    let changed = false;
    while (events[0] && events[0].at.getTime() <= t) {
      await events.shift()!.apply(db.db, world);
      changed = true;
    }
    if (!changed && !planTimes.has(t) && t % HOUR !== 0) continue;
    const summary = await runSweep(db.db, { now: new Date(t), publicUrl: PUBLIC_URL, batchSize: 25 });
    sweeps += 1;
    if (summary.due > 0) await delivered();
  }
  sweepMs = Date.now() - started;
  await delivered();
}, 600_000);

afterAll(async () => {
  await workers?.stop();
  await smtp?.close();
  await db?.drop();
});

const messageIdOf = (mail: ReceivedMail) => mail.headers.get('message-id') ?? '';

describe('40 days of sweeps over 100 assignments', () => {
  it('ran at every time the plan sends, after every event, and hourly between', () => {
    expect(sweeps).toBeGreaterThan(40 * 24);
    console.info(`${sweeps} sweeps (with the events between them) in ${sweepMs} ms`);
  });

  it('wrote exactly what the plan command says for the same timelines', async () => {
    const planned = planReminders(planInput);
    expect(await remindersWritten(db.db, world)).toEqual(sortPlanned(planned));
    // Every kind happened, so the comparison covers them all.
    expect(new Set(planned.map((p) => p.kind))).toEqual(
      new Set(['invitation_reminder', 'invitation_expired', 'due_soon', 'overdue', 'escalation']),
    );
  });

  it('the plan command itself, run on the same JSON, prints the same', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'plan-')), 'plan.json');
    writeFileSync(file, JSON.stringify(planInput));
    const run = spawnSync(process.execPath, ['scripts/reminders-cli.ts', 'plan', file], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(sortPlanned(JSON.parse(run.stdout))).toEqual(await remindersWritten(db.db, world));
  });

  it('matches the hand-worked expectations', async () => {
    const written = await remindersWritten(db.db, world);
    for (const { timeline, expected } of handWritten) {
      const mine = written.filter((w) => w.assignment === timeline.id).map((w) => [w.kind, w.occurrence, w.at]);
      expect(mine, timeline.id).toEqual(expected);
    }
  });

  it('delivered each message once, reminders dated in the reader’s zone with the zone named', async () => {
    const ids = smtp.received.map(messageIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    const messages = await db.db
      .selectFrom('email_message')
      .select(['id', 'template', 'to_address', 'text_body', 'assignment_id'])
      .where('template', 'like', 'reminder.%')
      .orderBy('created_at')
      .execute();
    const received = new Map(smtp.received.map((m) => [messageIdOf(m).replace(/^<|@.*$/g, ''), m]));
    const keys = await db.db
      .selectFrom('reminder_sent')
      .select(['assignment_id', 'reason', 'email_message_id'])
      .where('reason', 'in', ['invitation_reminder', 'due_soon', 'overdue', 'escalation'])
      .execute();
    // Every reviewer reminder has its own message; escalations share their venue's.
    expect(messages.filter((m) => m.template !== 'reminder.escalation')).toHaveLength(
      keys.filter((k) => k.reason !== 'escalation').length,
    );
    const byAssignment = new Map(
      [...world.ids].map(([timeline, id]) => [id, timelines.find((x) => x.id === timeline)!]),
    );
    for (const message of messages) {
      const mail = received.get(message.id);
      expect(mail, `${message.template} to ${message.to_address} was not delivered`).toBeDefined();
      expect(mail!.envelopeTo).toEqual([message.to_address]);
      if (message.template === 'reminder.escalation') continue;
      const timeline = byAssignment.get(message.assignment_id!)!;
      expect(mail!.body).toContain(`(${timeline.timeZone} time)`);
    }
    // The reminder to answer names the answer-by time (the call's 14 days), in the reader's zone.
    const silent = messages.filter((m) => m.assignment_id === world.ids.get('hand-silent'));
    expect(silent).toHaveLength(2);
    for (const m of silent) expect(m.text_body).toContain('by 15 March 2031 at 05:37 (Asia/Kolkata time)');
    // A due-date reminder names the due date in force when it was sent, in the reader's zone.
    const lateMail = messages.filter((m) => m.assignment_id === world.ids.get('hand-late'));
    expect(lateMail).toHaveLength(5);
    for (const m of lateMail) expect(m.text_body).toContain('12 March 2031 at 08:00 (America/New_York time)');
    const extended = messages.filter((m) => m.assignment_id === world.ids.get('hand-extended'));
    expect(extended.map((m) => m.text_body.includes('20 March 2031 at 12:00 (Europe/London time)'))).toEqual([
      false,
      true,
    ]);
  });

  it('told each venue’s readers once per sweep, reviewers by number only, dates in their zone', async () => {
    const escalations = await db.db
      .selectFrom('email_message')
      .select(['id', 'to_address', 'text_body', 'created_at'])
      .where('template', '=', 'reminder.escalation')
      .execute();
    expect(escalations.length).toBeGreaterThan(0);
    const toContact = escalations.filter((e) => e.to_address === world.contactEmail);
    const lateMessage = toContact.find((e) => e.text_body.includes('JWA-002'));
    // The venue with an address: its call's zone; reviewers by number; days overdue; the page.
    expect(lateMessage?.text_body).toContain(
      `JWA-002, reviewer 1: due ${dateTimeFor(at('2031-03-12T12:00:00Z'), 'America/Toronto')}, 22 days overdue`,
    );
    expect(lateMessage?.text_body).toContain(`${PUBLIC_URL}/submissions/${world.submissionOf.get('hand-late')}`);
    expect(lateMessage?.text_body).not.toContain('Reviewer hand-late');
    // The award's editors, each in their own zone, and never both of them on one message.
    for (const editor of world.editors) {
      const theirs = escalations.filter((e) => e.to_address === editor.email);
      expect(theirs.length).toBeGreaterThan(0);
      for (const e of theirs) {
        expect(e.text_body).toContain(`(${editor.timeZone} time)`);
        expect(e.text_body).toMatch(/judge \d+: due/);
      }
    }
    // One message per reader per sweep: no two to the same reader at the same time.
    const perReaderSweep = escalations.map((e) => `${e.to_address} ${e.created_at.toISOString()}`);
    expect(new Set(perReaderSweep).size).toBe(perReaderSweep.length);
    // Each escalated assignment points at a message that lists it.
    const keys = await db.db
      .selectFrom('reminder_sent')
      .innerJoin('email_message', 'email_message.id', 'reminder_sent.email_message_id')
      .innerJoin('assignment', 'assignment.id', 'reminder_sent.assignment_id')
      .innerJoin('submission', 'submission.id', 'assignment.submission_id')
      .select(['submission.code', 'email_message.text_body'])
      .where('reminder_sent.reason', '=', 'escalation')
      .execute();
    expect(keys.length).toBe((await remindersWritten(db.db, world)).filter((w) => w.kind === 'escalation').length);
    for (const key of keys) expect(key.text_body).toContain(`${key.code}, `);
  });

  it('expired the silent invitations through the state machine and told the editors', async () => {
    const expired = await db.db
      .selectFrom('assignment')
      .select('status')
      .where('id', '=', world.ids.get('hand-silent')!)
      .executeTakeFirstOrThrow();
    expect(expired.status).toBe('expired');
    const audit = await db.db
      .selectFrom('audit_event')
      .select('system_actor')
      .where('object_id', '=', world.ids.get('hand-silent')!)
      .where('action', '=', 'assignment.status_changed')
      .execute();
    expect(audit).toEqual([{ system_actor: 'invitation_sweep' }]);
    const told = await db.db
      .selectFrom('email_message')
      .select('to_address')
      .where('template', '=', 'assignment.invitation_ended')
      .where('text_body', 'like', '%EAW-001%')
      .execute();
    expect(told.map((m) => m.to_address).sort()).toEqual(world.editors.map((e) => e.email).sort());
  });
});
