// A venue's settings for decisions: how long a letter is held (so a decision can still be
// rescinded) and what the reviewers are told. Editors of the venue only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { recordAudit } from '../audit/events.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize } from '../policy/permissions.ts';
import { type ReviewerMailChoice, reviewerMailChoices } from './decision-rules.ts';

const venueParams = z.object({ venueId: z.uuid() });
export const decisionSettingsSchema = z
  .object({
    decisionReviewerMail: z.enum(reviewerMailChoices, {
      error: 'Choose what the reviewers are told: none, thanks, or thanks_and_outcome.',
    }),
    letterHoldMinutes: z
      .number({ error: 'Write the hold time as a whole number of minutes, from 0 to 1440.' })
      .int({ error: 'Write the hold time as a whole number of minutes, from 0 to 1440.' })
      .min(0, { error: 'The hold time cannot be negative: 0 sends letters at once.' })
      .max(1440, { error: 'Letters can be held for at most 1440 minutes (one day).' }),
  })
  .meta({ id: 'DecisionSettings' });

export async function decisionSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];

  const load = async (venueId: string) => {
    const row = await app.db
      .selectFrom('venue')
      .select(['decision_reviewer_mail', 'letter_hold_minutes'])
      .where('id', '=', venueId)
      .executeTakeFirst();
    if (!row) throw notFound('venue');
    return {
      decisionReviewerMail: row.decision_reviewer_mail as ReviewerMailChoice,
      letterHoldMinutes: row.letter_hold_minutes,
    };
  };

  app.get(
    '/venues/:venueId/decision-settings',
    { schema: { tags, params: venueParams, response: { 200: decisionSettingsSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      return load(request.params.venueId);
    },
  );

  app.put(
    '/venues/:venueId/decision-settings',
    { schema: { tags, params: venueParams, body: decisionSettingsSchema, response: { 200: decisionSettingsSchema } } },
    async (request) => {
      const { venueId } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      await app.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('venue')
          .set({
            decision_reviewer_mail: request.body.decisionReviewerMail,
            letter_hold_minutes: request.body.letterHoldMinutes,
          })
          .where('id', '=', venueId)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw notFound('venue');
        await recordAudit(trx, auditContext(request), {
          action: 'venue.decision_settings_changed',
          objectType: 'venue',
          objectId: venueId,
          details: request.body,
        });
      });
      return load(venueId);
    },
  );
}
