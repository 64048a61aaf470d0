// A call's reminder policy, on the call's settings page: read it (as the sweep will use it) and
// change it, or go back to the defaults. The invitation's expiry is the call's invitation_days,
// so it is stored there; the rest in call.reminder_policy (NULL: the defaults). Audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { recordAudit } from '../audit/events.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize, can } from '../policy/permissions.ts';
import { callReminderPolicy, defaultReminderPolicy, reminderPolicySchema } from './policy.ts';

const tags = ['reminders'];

const policyShape = z.object({
  invitationRemindersAfterDays: z.array(z.number()),
  invitationExpiresAfterDays: z.number(),
  dueSoonBeforeDays: z.array(z.number()),
  overdueFirstAfterDays: z.number(),
  overdueEveryDays: z.number(),
  overdueTimes: z.number().int(),
  escalate: z.boolean(),
});

export const reminderPolicyAnswer = z
  .object({
    /** The policy the sweep uses for this call now. */
    policy: policyShape,
    /** True when the call has no policy of its own. */
    usesDefaults: z.boolean(),
    defaults: policyShape,
  })
  .meta({ id: 'CallReminderPolicy' });

export const reminderPolicyBody = z
  .object({
    /** null: use the defaults. */
    policy: reminderPolicySchema.nullable(),
  })
  .superRefine((body, ctx) => {
    // The expiry is stored as the call's invitation_days: whole days, 1 to 90.
    const days = body.policy?.invitationExpiresAfterDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 90)) {
      ctx.addIssue({
        code: 'custom',
        path: ['policy', 'invitationExpiresAfterDays'],
        message: 'choose a whole number of days from 1 to 90',
      });
    }
  });

export async function reminderPolicyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ callId: z.uuid() });

  async function editorsCall(viewer: Parameters<typeof authorize>[0], callId: string) {
    authorize(viewer, { kind: 'account.use' });
    const call = await app.db
      .selectFrom('call')
      .select(['id', 'venue_id', 'reminder_policy', 'invitation_days'])
      .where('id', '=', callId)
      .executeTakeFirst();
    // One answer for "no such call" and "not your venue's call".
    if (!call || !can(viewer, { kind: 'venue.manage', venueId: call.venue_id })) throw notFound('call');
    return call;
  }
  const answer = (stored: unknown, invitationDays: number) => ({
    policy: callReminderPolicy(stored, invitationDays),
    usesDefaults: stored === null,
    defaults: defaultReminderPolicy,
  });

  app.get(
    '/calls/:callId/reminder-policy',
    { schema: { tags, params, response: { 200: reminderPolicyAnswer } } },
    async (request) => {
      const call = await editorsCall(request.viewer, request.params.callId);
      return answer(call.reminder_policy, call.invitation_days);
    },
  );

  app.put(
    '/calls/:callId/reminder-policy',
    { schema: { tags, params, body: reminderPolicyBody, response: { 200: reminderPolicyAnswer } } },
    async (request) => {
      const call = await editorsCall(request.viewer, request.params.callId);
      const policy = request.body.policy;
      // The expiry is the call's invitation_days (the sweep reads it there); the JSON keeps it too,
      // so the stored policy parses on its own. "Use the defaults" resets both.
      const invitationDays = policy?.invitationExpiresAfterDays ?? defaultReminderPolicy.invitationExpiresAfterDays;
      const json = policy ? JSON.stringify(policy) : null;
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('call')
          .set({ reminder_policy: json, invitation_days: invitationDays })
          .where('id', '=', call.id)
          .execute();
        await recordAudit(trx, auditContext(request), {
          action: 'call.reminder_policy_changed',
          objectType: 'call',
          objectId: call.id,
          details: { policy: policy ?? null, invitationDays },
        });
      });
      return answer(policy, invitationDays);
    },
  );
}
