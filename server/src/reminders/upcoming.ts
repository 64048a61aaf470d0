// What the sweep will send next, for the editor's pages: the assignments as the sweep reads them
// (loadReminderSubjects), run through planReminders (the sweep's own rule at each sweep time).
// Current facts only, no future events: a reply, a decision or an extension changes the answer
// next time the page is read. Never a second rule.
import type { DB } from '@gaps/db';
import type { Kysely } from 'kysely';
import { loadReminderSubjects, type ReminderSubject } from './assignment-facts.ts';
import { type AssignmentTimeline, type PlannedReminder, planReminders } from './plan.ts';
import type { SentKey } from './schedule.ts';

const DAY = 86_400_000;

/** The assignment as the sweep reads it now, as a timeline with nothing changing ahead. */
function timelineOf(subject: ReminderSubject, now: Date): AssignmentTimeline {
  const { facts } = subject;
  return {
    id: facts.id,
    timeZone: 'UTC', // the plan's times are instants; pages write them in the reader's zone
    invitedAt: facts.invitedAt,
    // No due date (possible for an invitation): the rule skips due reminders when it is null, and
    // factsAt passes it through unchanged.
    dueAt: facts.dueAt as Date,
    // A due date moved earlier: the plan learns when, as a change that has already happened.
    ...(facts.dueSetAt && facts.dueAt ? { dueAtChanges: [[facts.dueSetAt, facts.dueAt]] as Array<[Date, Date]> } : {}),
    ...(facts.status === 'accepted' ? { acceptedAt: facts.acceptedAt ?? facts.invitedAt } : {}),
    ...(facts.pausedFrom ? { pausedFrom: facts.pausedFrom } : {}),
    ...(facts.pausedUntil ? { pausedUntil: facts.pausedUntil } : {}),
    ...(facts.invitationExpiresAt ? { invitationExpiresAt: facts.invitationExpiresAt } : {}),
    ...(facts.submissionClosed ? { submissionClosedAt: now } : {}),
  };
}

/** Every reminder the sweep would send from `from` to `to` for these subjects, sorted by time. */
export function upcomingReminders(
  subjects: ReminderSubject[],
  from: Date,
  to: Date,
  /** The sweep's interval (REMINDER_SWEEP_MINUTES): the plan walks the same grid. */
  everyMinutes: number,
): PlannedReminder[] {
  // One plan per call: planReminders takes one policy, and a call has one.
  const byCall = Map.groupBy(subjects, (subject) => subject.callId);
  const planned: PlannedReminder[] = [];
  // BullMQ's `every` runs the sweep at whole multiples of the interval (…:00, :15, :30, :45): the
  // plan walks the same times.
  const step = everyMinutes * 60_000;
  const firstSweep = new Date(Math.ceil(from.getTime() / step) * step);
  for (const group of byCall.values()) {
    const alreadySent = new Map<string, SentKey[]>(group.map((subject) => [subject.facts.id, subject.sent]));
    planned.push(
      ...planReminders({
        from: firstSweep,
        to,
        everyMinutes,
        policy: group[0]!.policy,
        assignments: group.map((subject) => timelineOf(subject, from)),
        alreadySent,
      }),
    );
  }
  return planned.sort((a, b) => a.at.localeCompare(b.at));
}

/** The next reminder for each open assignment of a submission, within `days` (none: null). */
export async function nextReminders(
  db: Kysely<DB>,
  assignmentIds: string[],
  now: Date,
  everyMinutes: number,
  days = 60,
): Promise<Map<string, PlannedReminder>> {
  const subjects = await loadReminderSubjects(db, { assignmentIds });
  const next = new Map<string, PlannedReminder>();
  for (const reminder of upcomingReminders(subjects, now, new Date(now.getTime() + days * DAY), everyMinutes)) {
    if (!next.has(reminder.assignment)) next.set(reminder.assignment, reminder);
  }
  return next;
}

/** The call's "reminders scheduled in the next 14 days". */
export async function callScheduledReminders(
  db: Kysely<DB>,
  callId: string,
  now: Date,
  everyMinutes: number,
  days = 14,
) {
  const subjects = await loadReminderSubjects(db, { callId });
  const to = new Date(now.getTime() + days * DAY);
  return { subjects, planned: upcomingReminders(subjects, now, to, everyMinutes) };
}
