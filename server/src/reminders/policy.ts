// A call's reminder policy: when reviewers (and judges) are reminded, when an unanswered invitation
// expires, when the editor is told. Stored per call as JSON (call.reminder_policy; NULL = these
// defaults); the invitation's expiry is the call's `invitation_days`, so there is one place for it.
import { z } from 'zod';

// Whole days: the schedule is told in days, and 0.001 of one would be a reminder every 86 seconds.
const days = z
  .int({ error: 'write a whole number of days, such as 5' })
  .min(1, { error: 'write at least 1 day' })
  .max(365, { error: 'write at most 365 days' });

export const reminderPolicySchema = z
  .strictObject({
    /** Reminders to answer an invitation, days after it was sent. */
    invitationRemindersAfterDays: z.array(days).max(5).default([5, 10]),
    /** An unanswered invitation expires this many days after it was sent (the next alternate is invited). */
    invitationExpiresAfterDays: days.default(14),
    /** Reminders before the due date, days before it. */
    dueSoonBeforeDays: z.array(days).max(5).default([7, 1]),
    /** The first overdue reminder, days after the due date… */
    overdueFirstAfterDays: days.default(1),
    /** …then one every this many days… */
    overdueEveryDays: days.default(7),
    /** …this many overdue reminders at most… */
    overdueTimes: z.int().min(0).max(10).default(3),
    /** …then, one interval later, one message to the editors listing the reviews overdue. */
    escalate: z.boolean().default(true),
  })
  .superRefine((policy, ctx) => {
    const late = policy.invitationRemindersAfterDays.filter((d) => d >= policy.invitationExpiresAfterDays);
    if (late.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['invitationRemindersAfterDays'],
        message: `a reminder after ${late[0]} days comes after the invitation has expired (${policy.invitationExpiresAfterDays} days); choose fewer days`,
      });
    }
    for (const key of ['invitationRemindersAfterDays', 'dueSoonBeforeDays'] as const) {
      if (new Set(policy[key]).size !== policy[key].length) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'the same number of days is listed twice' });
      }
    }
  });

export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;
export type ReminderPolicyInput = z.input<typeof reminderPolicySchema>;

export const defaultReminderPolicy: ReminderPolicy = reminderPolicySchema.parse({});

/**
 * The policy of a call as stored: its JSON (NULL for the defaults) and its invitation_days. A stored
 * policy that no longer parses (an older shape) falls back to the defaults rather than silence.
 */
export function callReminderPolicy(stored: unknown, invitationDays: number): ReminderPolicy {
  const parsed = reminderPolicySchema.safeParse(stored ?? {});
  const policy = parsed.success ? parsed.data : defaultReminderPolicy;
  return {
    ...policy,
    invitationExpiresAfterDays: invitationDays,
    invitationRemindersAfterDays: policy.invitationRemindersAfterDays.filter((d) => d < invitationDays),
  };
}
