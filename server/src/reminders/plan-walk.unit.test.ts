// planReminders jumps between the moments that matter; planRemindersEverySweep asks the rule at
// every sweep time. On random lives (every event kind, pauses, moved due dates, downtime) they
// must give the same reminders, or the jump skipped a sweep that mattered.
import { describe, expect, it } from 'vitest';
import { type AssignmentTimeline, planReminders, planRemindersEverySweep } from './plan.ts';
import { reminderPolicySchema } from './policy.ts';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const from = Date.parse('2027-01-01T00:00:00Z');
const DAY = 86_400_000;

function randomLife(next: () => number, i: number): AssignmentTimeline {
  const at = (maxDays: number) => new Date(from + Math.floor(next() * maxDays * DAY));
  const invitedAt = at(10);
  const life: AssignmentTimeline = {
    id: `a${i}`,
    timeZone: 'UTC',
    invitedAt,
    dueAt: new Date(invitedAt.getTime() + (14 + next() * 28) * DAY),
  };
  const after = (base: Date, maxDays: number) => new Date(base.getTime() + Math.floor(next() * maxDays * DAY) + 60_000);
  if (next() < 0.7) life.acceptedAt = after(invitedAt, 16);
  else if (next() < 0.3) life.declinedAt = after(invitedAt, 12);
  if (life.acceptedAt && next() < 0.5) life.submittedAt = after(life.acceptedAt, 40);
  if (next() < 0.15) life.cancelledAt = after(invitedAt, 30);
  if (next() < 0.2) {
    life.pausedFrom = after(invitedAt, 20);
    if (next() < 0.7) life.pausedUntil = after(life.pausedFrom, 10);
  }
  if (next() < 0.25) life.dueAtChanges = [[after(invitedAt, 25), after(life.dueAt, 20)]];
  if (next() < 0.1) life.submissionClosedAt = after(invitedAt, 35);
  return life;
}

describe('planReminders', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`gives what asking at every sweep gives (seed ${seed})`, () => {
      const next = random(seed);
      const assignments = Array.from({ length: 60 }, (_, i) => randomLife(next, i));
      const downStart = from + Math.floor(next() * 30) * DAY + 3_600_000;
      const run = {
        from: new Date(from),
        to: new Date(from + 60 * DAY),
        everyMinutes: seed === 3 ? 60 : 15,
        policy: reminderPolicySchema.parse(seed === 4 ? { overdueTimes: 5, overdueEveryDays: 3 } : {}),
        downtime: [[new Date(downStart), new Date(downStart + (1 + next() * 9) * DAY)]] as Array<[Date, Date]>,
        assignments,
      };
      const everySweep = planRemindersEverySweep(run);
      expect(everySweep.length).toBeGreaterThan(50);
      expect(planReminders(run)).toEqual(everySweep);
    });
  }
});
