import { z } from 'zod';
import { plausibleInstant } from '../calls/date-rules.ts';
import { reminderKinds } from './schedule.ts';

const instant = z.iso.datetime();
export const sentKindSchema = z.enum([...reminderKinds, 'manual']).meta({ id: 'ReminderKind' });

export const pauseBody = z.object({
  /** Pause until this time; absent or null: until the editor resumes them. */
  until: plausibleInstant.nullable().optional(),
});

export const sentNowSchema = z.object({ sentAt: instant }).meta({ id: 'ReminderSentNow' });
export const unresponsiveSchema = z
  .object({
    /** The name of the alternate invited in their place, or null when none was lined up. */
    alternateInvited: z.string().nullable(),
  })
  .meta({ id: 'MarkedUnresponsive' });

/** Editors only: reviewers by number, no names (the panel already has them). */
export const assignmentRemindersSchema = z
  .object({
    assignments: z.array(
      z.object({
        assignmentId: z.uuid(),
        round: z.number().int(),
        reviewerNumber: z.number().int(),
        pausedFrom: instant.nullable(),
        /** Null while paused: until the editor resumes them. */
        pausedUntil: instant.nullable(),
        /** Reminders are paused right now. */
        paused: z.boolean(),
        /** Something to look at (a reminder that bounced), with when it was noted. */
        attention: z.string().nullable(),
        attentionAt: instant.nullable(),
        sent: z.array(
          z.object({ kind: sentKindSchema, occurrence: z.number().int(), sentAt: instant, byHand: z.boolean() }),
        ),
        /** The next one the sweep would send (within 60 days), or null. */
        next: z.object({ kind: z.enum(reminderKinds), occurrence: z.number().int(), at: instant }).nullable(),
        /** A request for more time waiting for the editor's answer. */
        extensionRequest: z
          .object({ id: z.uuid(), requestedDueAt: instant, reason: z.string(), requestedAt: instant })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'AssignmentReminders' });

export const scheduledRemindersSchema = z
  .object({
    from: instant,
    to: instant,
    /** By time; the submissions an editor is an author of are left out. */
    reminders: z.array(
      z.object({
        at: instant,
        submissionId: z.uuid(),
        submissionCode: z.string().nullable(),
        reviewerNumber: z.number().int(),
        kind: z.enum(reminderKinds),
        occurrence: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ScheduledReminders' });
