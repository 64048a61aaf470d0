// What one assignment is owed at one moment: the single rule behind the sweep (sweep.ts), the
// plan command and the editor's "reminders scheduled" view (plan.ts). Pure: facts in, a reminder
// (or nothing) out. The sweep derives the facts from the database each time it runs, so a changed
// due date, a pause or a decision takes effect with nothing to clean up.
import type { ReminderPolicy } from './policy.ts';

export const reminderKinds = [
  'invitation_reminder',
  'invitation_expired',
  'due_soon',
  'overdue',
  'escalation',
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** An assignment as it stands at the moment of a sweep. */
export interface AssignmentFacts {
  id: string;
  status: 'invited' | 'accepted' | 'declined' | 'expired' | 'submitted' | 'cancelled';
  invitedAt: Date;
  /** When the invitation was accepted: due reminders count only from then. */
  acceptedAt: Date | null;
  dueAt: Date | null;
  /** When the due date was last moved (null: set with the invitation): due reminders count from then. */
  dueSetAt?: Date | null;
  /** The stored answer-by time; absent: invitedAt + the policy's expiry days. */
  invitationExpiresAt?: Date | null;
  pausedFrom: Date | null;
  pausedUntil: Date | null;
  /** The submission was withdrawn or decided: nothing more to anyone. */
  submissionClosed: boolean;
}

/** One reminder in the schedule. Its key is (assignment, kind, anchor, occurrence). */
export interface Slot {
  kind: ReminderKind;
  /** 1-based, within its kind and anchor. */
  occurrence: number;
  at: Date;
  /** The time it counts from: the invitation for invitation kinds, the due date for the others. */
  anchor: Date;
}

/** A reminder already written (reminder_sent), as its key. */
export interface SentKey {
  kind: string;
  occurrence: number;
  anchor: Date;
}

const DAY = 86_400_000;
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

/** Every reminder the policy gives the assignment in its current state, by time. */
export function scheduleFor(facts: AssignmentFacts, policy: ReminderPolicy): Slot[] {
  const slots: Slot[] = [];
  if (facts.status === 'invited') {
    const anchor = facts.invitedAt;
    const expiresAt = facts.invitationExpiresAt ?? plusDays(anchor, policy.invitationExpiresAfterDays);
    [...policy.invitationRemindersAfterDays]
      .sort((a, b) => a - b)
      .map((days) => plusDays(anchor, days))
      .filter((at) => at < expiresAt)
      .forEach((at, i) => {
        slots.push({ kind: 'invitation_reminder', occurrence: i + 1, at, anchor });
      });
    slots.push({ kind: 'invitation_expired', occurrence: 1, at: expiresAt, anchor });
  } else if (facts.status === 'accepted' && facts.dueAt) {
    const anchor = facts.dueAt;
    [...policy.dueSoonBeforeDays]
      .sort((a, b) => b - a)
      .forEach((days, i) => {
        slots.push({ kind: 'due_soon', occurrence: i + 1, at: plusDays(anchor, -days), anchor });
      });
    for (let i = 0; i < policy.overdueTimes; i += 1) {
      const days = policy.overdueFirstAfterDays + i * policy.overdueEveryDays;
      slots.push({ kind: 'overdue', occurrence: i + 1, at: plusDays(anchor, days), anchor });
    }
    if (policy.escalate) {
      const days = policy.overdueFirstAfterDays + policy.overdueTimes * policy.overdueEveryDays;
      slots.push({ kind: 'escalation', occurrence: 1, at: plusDays(anchor, days), anchor });
    }
  }
  // Only what comes after the state began, or the due date last moved: accepting (or being given
  // more time) three days before the due date does not trigger the "due in 7 days" reminder.
  const since =
    facts.status === 'accepted'
      ? Math.max((facts.acceptedAt ?? facts.invitedAt).getTime(), facts.dueSetAt?.getTime() ?? 0)
      : facts.invitedAt.getTime();
  return slots.filter((slot) => slot.at.getTime() > since).sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function isPaused(facts: AssignmentFacts, now: Date): boolean {
  if (!facts.pausedFrom && !facts.pausedUntil) return false;
  const started = !facts.pausedFrom || facts.pausedFrom <= now;
  const notEnded = !facts.pausedUntil || facts.pausedUntil > now;
  return started && notEnded;
}

const sameKey = (slot: Slot, sent: SentKey) =>
  sent.kind === slot.kind && sent.occurrence === slot.occurrence && sent.anchor.getTime() === slot.anchor.getTime();

/**
 * The reminder to send now, if any: the latest one due by `now`, unless it (or a later one) was
 * already sent. After downtime or a pause this sends only the latest missed reminder, never a burst;
 * earlier missed ones are passed over for good.
 */
export function reminderDue(facts: AssignmentFacts, policy: ReminderPolicy, sent: SentKey[], now: Date): Slot | null {
  if (facts.submissionClosed || isPaused(facts, now)) return null;
  const slots = scheduleFor(facts, policy);
  const latest = slots.findLastIndex((slot) => slot.at <= now);
  if (latest < 0) return null;
  // A "due soon" reminder held up past the due date (downtime, a pause) would be wrong; the overdue
  // reminder comes a day later instead.
  if (slots[latest]?.kind === 'due_soon' && now >= (slots[latest]?.anchor ?? now)) return null;
  if (slots.slice(latest).some((slot) => sent.some((key) => sameKey(slot, key)))) return null;
  return slots[latest] ?? null;
}
