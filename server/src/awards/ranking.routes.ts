// The award panel chair's page: the calibrated ranking of an award call, then lock → un-blind →
// eligibility → results → announce. Editors of the award venue only (`venue.manage`): anyone
// else, and any call that is not an award's, gets the 404 of a call that does not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import {
  type AwardRankingView,
  awardOutcomeSchema,
  awardRankingView,
  toAwardRankingView,
} from '../blinding/project-award-ranking.ts';
import { notFound } from '../plugins/errors.ts';
import { isAuthorInCall } from '../policy/own-submissions.ts';
import { authorize, can } from '../policy/permissions.ts';
import { announceResults } from './announce-results.ts';
import { checkEligibility, saveOutcomes } from './award-results.ts';
import { lockRanking, snapshotOf, unblindRanking } from './lock-ranking.ts';
import {
  type AwardCallRow,
  loadAwardCall,
  loadEntrants,
  loadRankingRow,
  loadResults,
  loadWinnerMoves,
} from './ranking.repository.ts';
import { currentRanking } from './ranking.service.ts';

const tags = ['awards'];
const callParams = z.object({ callId: z.uuid() });
const confirmed = z.object({
  confirm: z.literal(true, { error: 'confirm the step (send confirm: true)' }),
});
const withMessage = z
  .object({ message: z.string().nullable(), ranking: awardRankingView })
  .meta({ id: 'AwardStepAnswer' });

export async function awardRankingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const requireChair = async (request: FastifyRequest, callId: string): Promise<AwardCallRow> => {
    authorize(request.viewer, { kind: 'account.use' });
    const call = await loadAwardCall(app.db, callId);
    // One answer for "no such call", "not an award" and "not your venue": no existence oracle.
    if (call?.venue_kind !== 'award' || !can(request.viewer, { kind: 'venue.manage', venueId: call.venue_id })) {
      throw notFound('call');
    }
    // An editor who entered this call must not read its judges' marks of their own essay (nor rank
    // their rivals): they are an entrant here, and entrants get the same 404.
    if (await isAuthorInCall(app.db, call.id, request.viewer.personId)) throw notFound('call');
    return call;
  };
  const step = (request: FastifyRequest) => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
    personId: request.viewer!.personId,
  });

  async function ranking(call: AwardCallRow): Promise<AwardRankingView> {
    const row = await loadRankingRow(app.db, call.id);
    const [snapshot, results, moves, entrants] = await Promise.all([
      row ? snapshotOf(row) : currentRanking(app.db, call.id),
      row ? loadResults(app.db, call.id) : [],
      row ? loadWinnerMoves(app.db, call.id) : [],
      // Identities are read only once the chair has un-blinded the locked ranking.
      row?.unblinded_at ? loadEntrants(app.db, call.id) : [],
    ]);
    return toAwardRankingView({
      call,
      snapshot,
      row,
      results,
      moves,
      entrants,
      formFields: (call.application_form_fields as Array<{ key: string; label: string }>) ?? [],
    });
  }

  app.get(
    '/calls/:callId/award-ranking',
    { schema: { tags, params: callParams, response: { 200: awardRankingView } } },
    async (request) => ranking(await requireChair(request, request.params.callId)),
  );

  app.post(
    '/calls/:callId/award-ranking/lock',
    {
      schema: {
        tags,
        description:
          'Stores the calibrated ranking as it stands (audited). 409 marks_missing unless confirmMissing; 409 already_locked.',
        params: callParams,
        body: z.object({ confirmMissing: z.boolean().default(false) }),
        response: { 200: awardRankingView },
      },
    },
    async (request) => {
      const call = await requireChair(request, request.params.callId);
      await lockRanking(step(request), call, request.body.confirmMissing);
      return ranking(call);
    },
  );

  app.post(
    '/calls/:callId/award-ranking/unblind',
    {
      schema: {
        tags,
        description: 'After the lock: shows the entrants’ names and application forms to the chair (audited).',
        params: callParams,
        body: confirmed,
        response: { 200: awardRankingView },
      },
    },
    async (request) => {
      const call = await requireChair(request, request.params.callId);
      await unblindRanking(step(request), call);
      return ranking(call);
    },
  );

  app.put(
    '/calls/:callId/award-results',
    {
      schema: {
        tags,
        description: 'Shortlist, winner (one per category) and commended on the locked ranking.',
        params: callParams,
        body: z.object({
          outcomes: z
            .array(z.object({ submissionId: z.uuid(), outcome: awardOutcomeSchema }))
            .min(1)
            .max(1000),
        }),
        response: { 200: awardRankingView },
      },
    },
    async (request) => {
      const call = await requireChair(request, request.params.callId);
      await saveOutcomes(step(request), call, request.body.outcomes);
      return ranking(call);
    },
  );

  app.post(
    '/calls/:callId/award-results/:submissionId/eligibility',
    {
      schema: {
        tags,
        description:
          'After un-blinding: eligible or ineligible (with a note). An ineligible winner hands the award on.',
        params: callParams.extend({ submissionId: z.uuid() }),
        body: z.object({
          eligibility: z.enum(['eligible', 'ineligible']),
          note: z.string().max(2000).default(''),
        }),
        response: { 200: withMessage },
      },
    },
    async (request) => {
      const call = await requireChair(request, request.params.callId);
      const message = await checkEligibility(step(request), call, request.params.submissionId, request.body);
      return { message, ranking: await ranking(call) };
    },
  );

  app.post(
    '/calls/:callId/award-announcement',
    {
      schema: {
        tags,
        description: 'Sends every entrant the message for their outcome and decides the entries. Once only.',
        params: callParams,
        body: confirmed,
        response: { 200: withMessage },
      },
    },
    async (request) => {
      const call = await requireChair(request, request.params.callId);
      const counts = await announceResults({ ...step(request), publicUrl: app.config.PUBLIC_URL }, call);
      const message =
        `Announced. ${counts.winners} ${counts.winners === 1 ? 'winner' : 'winners'}, ` +
        `${counts.commended} commended and ${counts.others} other ${counts.others === 1 ? 'entrant' : 'entrants'} are being told by e-mail.`;
      return { message, ranking: await ranking(call) };
    },
  );
}
