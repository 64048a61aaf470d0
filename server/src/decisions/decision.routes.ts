// Journal decisions: the editor's record and actions, the author's letter, production status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import {
  authorDecisionSchema,
  editorDecisionsSchema,
  letterDraftSchema,
  projectAuthorDecision,
  projectEditorDecision,
  projectProduction,
} from '../blinding/project-decision.ts';
import { notFound } from '../plugins/errors.ts';
import type { Viewer } from '../policy/permissions.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { loadDecisions } from './decision.repository.ts';
import { draftLetter, markReadyForPublication, recordDecision, rescindDecision } from './decision.service.ts';
import { decisionLabels, decisionOutcomes, outcomesFor, type ReviewerMailChoice } from './decision-rules.ts';

const params = z.object({ submissionId: z.uuid() });
const decisionParams = params.extend({ decisionId: z.uuid() });
const outcome = z.enum(decisionOutcomes, {
  error: `Choose one of the outcomes: ${decisionOutcomes.join(', ')}.`,
});
export const letterInput = z.object({
  outcome,
  subject: z.string().trim().max(300),
  letter: z.string().trim().max(60_000),
});

export async function decisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];
  const ctx = (request: FastifyRequest): SubmissionContext => ({
    db: app.db,
    audit: auditContext(request),
    viewer: request.viewer as Viewer,
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  async function editorView(submissionId: string) {
    const facts = await app.db
      .selectFrom('submission')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .select([
        'submission.status',
        'submission.production_status',
        'submission.production_updated_at',
        'venue.kind',
        'venue.letter_hold_minutes',
        'venue.decision_reviewer_mail',
      ])
      .where('submission.id', '=', submissionId)
      .executeTakeFirst();
    if (!facts) throw notFound('submission');
    const journal = facts.kind === 'journal';
    const outcomes = journal ? outcomesFor(facts.status) : [];
    const why = !journal
      ? 'Award entries do not get journal decisions: their results are chosen on the award’s ranking page.'
      : outcomes.length === 0
        ? `Nothing can be decided while the submission is ${facts.status.replace('_', ' ')}.`
        : null;
    return {
      decidable: outcomes.length > 0,
      why,
      outcomes: outcomes.map((o) => ({ outcome: o, label: decisionLabels[o] })),
      decisions: (await loadDecisions(app.db, submissionId)).map((row) => projectEditorDecision(row, app.clock())),
      production: projectProduction(facts),
      letterHoldMinutes: facts.letter_hold_minutes,
      reviewerMail: facts.decision_reviewer_mail as ReviewerMailChoice,
    };
  }

  app.get(
    '/submissions/:submissionId/decisions',
    { schema: { tags, params, response: { 200: editorDecisionsSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      return editorView(request.params.submissionId);
    },
  );

  app.post(
    '/submissions/:submissionId/decisions/draft',
    { schema: { tags, params, body: z.object({ outcome }), response: { 200: letterDraftSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      return draftLetter(ctx(request), request.params.submissionId, request.body.outcome);
    },
  );

  app.post(
    '/submissions/:submissionId/decisions',
    { schema: { tags, params, body: letterInput, response: { 201: editorDecisionsSchema } } },
    async (request, reply) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await recordDecision(ctx(request), request.params.submissionId, request.body);
      return reply.status(201).send(await editorView(request.params.submissionId));
    },
  );

  app.post(
    '/submissions/:submissionId/decisions/:decisionId/rescind',
    {
      schema: {
        tags,
        params: decisionParams,
        body: z.object({ reason: z.string().trim().max(2000) }),
        response: { 200: editorDecisionsSchema },
      },
    },
    async (request) => {
      const { submissionId, decisionId } = request.params;
      await requireRelation(app.db, request.viewer, submissionId, ['editor']);
      await rescindDecision(ctx(request), submissionId, decisionId, request.body.reason);
      return editorView(submissionId);
    },
  );

  app.put(
    '/submissions/:submissionId/production',
    {
      schema: {
        tags,
        params,
        body: z.object({ status: z.literal('ready_for_publication') }),
        response: { 200: editorDecisionsSchema },
      },
    },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await markReadyForPublication(ctx(request), request.params.submissionId);
      return editorView(request.params.submissionId);
    },
  );

  app.get(
    '/submissions/:submissionId/decision-letter',
    { schema: { tags, params, response: { 200: authorDecisionSchema } } },
    async (request) => {
      const { submissionId } = request.params;
      await requireRelation(app.db, request.viewer, submissionId, ['author']);
      const [standing] = (await loadDecisions(app.db, submissionId)).filter((d) => !d.rescinded_at);
      const production = await app.db
        .selectFrom('submission')
        .select(['production_status', 'production_updated_at'])
        .where('id', '=', submissionId)
        .executeTakeFirstOrThrow();
      const decision = projectAuthorDecision(standing, app.clock());
      // Production follows the letter: an author learns nothing of an acceptance not yet sent.
      return {
        decision,
        production: decision
          ? projectProduction(production)
          : projectProduction({ production_status: null, production_updated_at: null }),
      };
    },
  );
}
