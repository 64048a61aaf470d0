// The one rule, on its own: what the default policy schedules, and what is due at a moment.
import { describe, expect, it } from 'vitest';
import { callReminderPolicy, defaultReminderPolicy } from './policy.ts';
import { type AssignmentFacts, reminderDue, scheduleFor } from './schedule.ts';

const DAY = 86_400_000;
const T0 = new Date('2031-01-10T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);

const invited = (extra: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  id: 'a',
  status: 'invited',
  invitedAt: T0,
  acceptedAt: null,
  dueAt: day(30),
  pausedFrom: null,
  pausedUntil: null,
  submissionClosed: false,
  ...extra,
});
const accepted = (extra: Partial<AssignmentFacts> = {}) =>
  invited({ status: 'accepted', acceptedAt: day(1), dueAt: day(20), ...extra });
const show = (slots: ReturnType<typeof scheduleFor>) =>
  slots.map((s) => `${s.kind} ${s.occurrence} +${(s.at.getTime() - T0.getTime()) / DAY}`);

describe('scheduleFor, default policy', () => {
  it('an invitation: reminders after 5 and 10 days, expiry at 14', () => {
    expect(show(scheduleFor(invited(), defaultReminderPolicy))).toEqual([
      'invitation_reminder 1 +5',
      'invitation_reminder 2 +10',
      'invitation_expired 1 +14',
    ]);
  });

  it('a stored answer-by time earlier than a reminder drops that reminder', () => {
    const slots = scheduleFor(invited({ invitationExpiresAt: day(8) }), defaultReminderPolicy);
    expect(show(slots)).toEqual(['invitation_reminder 1 +5', 'invitation_expired 1 +8']);
  });

  it('accepted: 7 and 1 days before, 1, 8, 15 days after, escalation at 22', () => {
    expect(show(scheduleFor(accepted(), defaultReminderPolicy))).toEqual([
      'due_soon 1 +13',
      'due_soon 2 +19',
      'overdue 1 +21',
      'overdue 2 +28',
      'overdue 3 +35',
      'escalation 1 +42',
    ]);
  });

  it('accepting late leaves out the reminders before the acceptance', () => {
    expect(show(scheduleFor(accepted({ acceptedAt: day(15) }), defaultReminderPolicy))[0]).toBe('due_soon 2 +19');
  });

  it('answered, submitted, cancelled: nothing', () => {
    for (const status of ['declined', 'submitted', 'cancelled', 'expired'] as const) {
      expect(scheduleFor(invited({ status }), defaultReminderPolicy)).toEqual([]);
    }
  });

  it('the call’s invitation days set the expiry and drop reminders after it', () => {
    const policy = callReminderPolicy(null, 7);
    expect(show(scheduleFor(invited(), policy))).toEqual(['invitation_reminder 1 +5', 'invitation_expired 1 +7']);
  });
});

describe('reminderDue', () => {
  const p = defaultReminderPolicy;
  it('nothing before the first slot; the slot once due', () => {
    expect(reminderDue(invited(), p, [], day(4.9))).toBeNull();
    expect(reminderDue(invited(), p, [], day(5))).toMatchObject({ kind: 'invitation_reminder', occurrence: 1 });
  });

  it('not again once its key is written', () => {
    const key = { kind: 'invitation_reminder', occurrence: 1, anchor: T0 };
    expect(reminderDue(invited(), p, [key], day(6))).toBeNull();
  });

  it('after downtime, only the latest slot due; the missed ones are passed over for good', () => {
    expect(reminderDue(accepted(), p, [], day(29))).toMatchObject({ kind: 'overdue', occurrence: 2 });
    const written = [{ kind: 'overdue', occurrence: 2, anchor: day(20) }];
    expect(reminderDue(accepted(), p, written, day(30))).toBeNull();
  });

  it('a key for another due date does not count: a moved due date starts a new cycle', () => {
    const old = [{ kind: 'due_soon', occurrence: 1, anchor: day(20) }];
    expect(reminderDue(accepted({ dueAt: day(25) }), p, old, day(18.5))).toMatchObject({
      kind: 'due_soon',
      occurrence: 1,
    });
  });

  it('nothing while paused or once the submission is closed', () => {
    expect(reminderDue(accepted({ pausedFrom: day(10), pausedUntil: day(22) }), p, [], day(21))).toBeNull();
    expect(reminderDue(accepted({ pausedFrom: day(10), pausedUntil: day(22) }), p, [], day(22))).toMatchObject({
      kind: 'overdue',
      occurrence: 1,
    });
    expect(reminderDue(accepted({ submissionClosed: true }), p, [], day(21))).toBeNull();
  });
});

describe('moving and passing the due date', () => {
  it('never sends "due soon" once the due date has passed (a sweep held up past it)', () => {
    const facts = accepted();
    const justAfterDue = new Date(day(20).getTime() + 6 * 3_600_000);
    expect(reminderDue(facts, defaultReminderPolicy, [], justAfterDue)).toBeNull();
    expect(reminderDue(facts, defaultReminderPolicy, [], day(21))?.kind).toBe('overdue');
  });

  it('counts due reminders from when the due date last moved, so an extension sets off no burst', () => {
    // Due on day 20, moved on day 19 to day 22: "7 days before" (day 15) is already past.
    const moved = accepted({ dueAt: day(22), dueSetAt: day(19) });
    expect(reminderDue(moved, defaultReminderPolicy, [], new Date(day(19).getTime() + 900_000))).toBeNull();
    expect(show(scheduleFor(moved, defaultReminderPolicy))[0]).toBe('due_soon 2 +21');
    expect(reminderDue(moved, defaultReminderPolicy, [], day(21))?.kind).toBe('due_soon');
  });
});
