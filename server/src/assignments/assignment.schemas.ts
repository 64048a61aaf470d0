import { z } from 'zod';
import { email } from '../accounts/account.schemas.ts';
import { plausibleInstant } from '../calls/date-rules.ts';
import { conflictReasons } from '../conflicts/find-conflicts.ts';
import { apiErrorSchema } from '../plugins/response-schemas.ts';

const overrideReason = z.string().trim().min(1).max(2000);

/** Invite someone in the pool (personId), or someone without an account yet (email and name). */
export const inviteBody = z
  .object({
    personId: z.uuid().optional(),
    email: email.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    dueAt: plausibleInstant.optional(),
    /** Needed when the person has a conflict of interest with the authors; audited. */
    overrideReason: overrideReason.optional(),
  })
  .refine((body) => body.personId || (body.email && body.name), {
    message: 'choose a person, or give the e-mail address and name of someone to invite',
  });

export const invitedSchema = z.object({ assignmentId: z.uuid() }).meta({ id: 'Invited' });

/** The 409 that lists the conflicts, so the editor can decide and give a reason. Editors only. */
export const conflictNeedsOverrideSchema = apiErrorSchema
  .extend({
    error: apiErrorSchema.shape.error.extend({
      /** With code conflict_needs_override; other 409s (e.g. not_in_review) have none. */
      conflicts: z
        .array(z.object({ personId: z.uuid(), reason: z.enum(conflictReasons), detail: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: 'ConflictNeedsOverride' });

export const alternateBody = z.object({ personId: z.uuid(), overrideReason: overrideReason.optional() });

export const alternatesSchema = z
  .object({
    alternates: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        email: z.string(),
        position: z.number().int(),
        conflictOverride: z.string().nullable(),
        /** When they were moved up (invited or passed over); null while waiting. */
        usedAt: z.iso.datetime().nullable(),
        assignmentId: z.uuid().nullable(),
      }),
    ),
  })
  .meta({ id: 'Alternates' });

export const cancelBody = z.object({ reason: z.string().trim().min(1, { message: 'give a reason' }).max(2000) });
export const dueDateBody = z.object({ dueAt: plausibleInstant });

export const declineBody = z.object({
  reason: z.string().trim().max(2000).optional(),
  suggestion: z.string().trim().max(500).optional(),
});

export const messageSchema = z.object({ message: z.string() }).meta({ id: 'InvitationMessage' });
