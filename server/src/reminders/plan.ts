// "What will the sweep send?": runs the sweep's own rule (schedule.ts `reminderDue`) at every sweep
// time in a window, with each assignment's events taking effect at their time. Used by
// `npm run -s reminders -- plan FILE.json` and by the editor's "reminders scheduled" view, so the
// preview and the sweep cannot disagree.
import { z } from 'zod';
import { type ReminderPolicy, reminderPolicySchema } from './policy.ts';
import { type AssignmentFacts, type ReminderKind, reminderDue, type SentKey, scheduleFor } from './schedule.ts';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not a time zone (use a name such as "Europe/London")');

/** One assignment's life: each timestamp takes effect at its time. */
export const assignmentTimelineSchema = z.strictObject({
  id: z.string().min(1),
  timeZone: timeZone.default('Europe/London'),
  invitedAt: instant,
  dueAt: instant,
  acceptedAt: instant.optional(),
  declinedAt: instant.optional(),
  submittedAt: instant.optional(),
  cancelledAt: instant.optional(),
  pausedFrom: instant.optional(),
  pausedUntil: instant.optional(),
  /** [when, new due date]: the due date moves at `when`. */
  dueAtChanges: z.array(z.tuple([instant, instant])).optional(),
  submissionClosedAt: instant.optional(),
  /** The stored answer-by time (from the database); absent: invitedAt + the policy's expiry. */
  invitationExpiresAt: instant.optional(),
});
export type AssignmentTimeline = z.output<typeof assignmentTimelineSchema>;

export const planInputSchema = z
  .strictObject({
    from: instant,
    to: instant,
    everyMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(15),
    policy: reminderPolicySchema.default(reminderPolicySchema.parse({})),
    downtime: z.array(z.tuple([instant, instant])).default([]),
    assignments: z.array(assignmentTimelineSchema),
  })
  .superRefine((input, ctx) => {
    if (input.to < input.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" is before "from"' });
    const ids = new Set<string>();
    input.assignments.forEach((a, i) => {
      if (ids.has(a.id))
        ctx.addIssue({ code: 'custom', path: ['assignments', i, 'id'], message: `id "${a.id}" is used twice` });
      ids.add(a.id);
    });
    // A window of years at one-minute sweeps would run for a long time: say so instead.
    const sweeps = (input.to.getTime() - input.from.getTime()) / (input.everyMinutes * 60_000);
    if (sweeps > 200_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['everyMinutes'],
        message: `${Math.round(sweeps)} sweeps is too many; widen everyMinutes or shorten the window`,
      });
    }
  });
export type PlanInput = z.output<typeof planInputSchema>;

export interface PlannedReminder {
  assignment: string;
  kind: ReminderKind;
  occurrence: number;
  at: string;
}

const reached = (at: Date | undefined, now: Date) => at !== undefined && at <= now;

/** The assignment as the sweep at `now` would read it from the database. */
export function factsAt(timeline: AssignmentTimeline, now: Date, expired: boolean): AssignmentFacts {
  let status: AssignmentFacts['status'] = 'invited';
  if (reached(timeline.cancelledAt, now)) status = 'cancelled';
  else if (expired) status = 'expired';
  else if (reached(timeline.declinedAt, now)) status = 'declined';
  else if (reached(timeline.submittedAt, now)) status = 'submitted';
  else if (reached(timeline.acceptedAt, now)) status = 'accepted';
  let dueAt = timeline.dueAt;
  let dueSetAt: Date | null = null;
  for (const [when, due] of [...(timeline.dueAtChanges ?? [])].sort((a, b) => a[0].getTime() - b[0].getTime())) {
    if (when <= now) {
      dueAt = due;
      dueSetAt = when;
    }
  }
  return {
    id: timeline.id,
    status,
    invitedAt: timeline.invitedAt,
    acceptedAt: reached(timeline.acceptedAt, now) ? (timeline.acceptedAt ?? null) : null,
    dueAt,
    dueSetAt,
    invitationExpiresAt: timeline.invitationExpiresAt ?? null,
    pausedFrom: timeline.pausedFrom ?? null,
    pausedUntil: timeline.pausedUntil ?? null,
    submissionClosed: reached(timeline.submissionClosedAt, now),
  };
}

export interface PlanRun {
  from: Date;
  to: Date;
  everyMinutes: number;
  policy: ReminderPolicy;
  downtime?: Array<[Date, Date]>;
  assignments: AssignmentTimeline[];
  /** Reminders already sent before `from` (the database's reminder_sent), by assignment id. */
  alreadySent?: ReadonlyMap<string, SentKey[]>;
}

/** Every time the assignment's facts change by themselves (its events), by time. */
function eventTimes(timeline: AssignmentTimeline): number[] {
  const times = [
    timeline.acceptedAt,
    timeline.declinedAt,
    timeline.submittedAt,
    timeline.cancelledAt,
    timeline.pausedFrom,
    timeline.pausedUntil,
    timeline.submissionClosedAt,
    ...(timeline.dueAtChanges ?? []).map(([when]) => when),
  ];
  return times.filter((t): t is Date => t !== undefined).map((t) => t.getTime());
}

/**
 * Every reminder the sweep would send in the window, sorted by time (then by input order).
 * Assignments are independent, so each is walked alone; between two sweep times where neither its
 * facts change (an event) nor a slot comes due, the rule's answer cannot change, so the walk jumps
 * to the first sweep time at or after the next such moment. The answer is the same as asking at
 * every sweep time (plan.unit.test.ts checks this), in a fraction of the time.
 */
export function planReminders(run: PlanRun): PlannedReminder[] {
  const step = run.everyMinutes * 60_000;
  const from = run.from.getTime();
  const to = run.to.getTime();
  const downtime = (run.downtime ?? []).map(([start, end]) => [start.getTime(), end.getTime()] as const);
  /** The first sweep time at or after `t` that is not in downtime, or Infinity past the window. */
  const sweepAtOrAfter = (t: number): number => {
    let tick = from + Math.max(0, Math.ceil((t - from) / step)) * step;
    for (;;) {
      if (tick > to) return Number.POSITIVE_INFINITY;
      const down = downtime.find(([start, end]) => start <= tick && tick < end);
      if (!down) return tick;
      tick = from + Math.ceil((down[1] - from) / step) * step;
    }
  };
  const planned: Array<PlannedReminder & { order: number }> = [];
  run.assignments.forEach((timeline, order) => {
    const sent = [...(run.alreadySent?.get(timeline.id) ?? [])];
    const events = eventTimes(timeline);
    let expired = false;
    for (let t = sweepAtOrAfter(from); Number.isFinite(t); ) {
      const now = new Date(t);
      const facts = factsAt(timeline, now, expired);
      const slot = reminderDue(facts, run.policy, sent, now);
      if (slot) {
        sent.push({ kind: slot.kind, occurrence: slot.occurrence, anchor: slot.anchor });
        if (slot.kind === 'invitation_expired') expired = true;
        planned.push({
          assignment: timeline.id,
          kind: slot.kind,
          occurrence: slot.occurrence,
          at: now.toISOString(),
          order,
        });
      }
      const next = Math.min(
        ...events.filter((e) => e > t),
        ...scheduleFor(factsAt(timeline, now, expired), run.policy)
          .map((s) => s.at.getTime())
          .filter((at) => at > t),
      );
      t = Number.isFinite(next) ? sweepAtOrAfter(Math.max(next, t + 1)) : Number.POSITIVE_INFINITY;
    }
  });
  return planned
    .sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order)
    .map(({ order: _order, ...reminder }) => reminder);
}

/** The plain walk: the rule asked at every sweep time. Kept to check planReminders against. */
export function planRemindersEverySweep(run: PlanRun): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const sent = new Map<string, SentKey[]>();
  for (const a of run.assignments) sent.set(a.id, [...(run.alreadySent?.get(a.id) ?? [])]);
  const expired = new Set<string>();
  const step = run.everyMinutes * 60_000;
  const down = (t: number) => (run.downtime ?? []).some(([start, end]) => start.getTime() <= t && t < end.getTime());
  for (let t = run.from.getTime(); t <= run.to.getTime(); t += step) {
    if (down(t)) continue;
    const now = new Date(t);
    for (const timeline of run.assignments) {
      const keys = sent.get(timeline.id) ?? [];
      const slot = reminderDue(factsAt(timeline, now, expired.has(timeline.id)), run.policy, keys, now);
      if (!slot) continue;
      keys.push({ kind: slot.kind, occurrence: slot.occurrence, anchor: slot.anchor });
      if (slot.kind === 'invitation_expired') expired.add(timeline.id);
      planned.push({ assignment: timeline.id, kind: slot.kind, occurrence: slot.occurrence, at: now.toISOString() });
    }
  }
  return planned;
}
