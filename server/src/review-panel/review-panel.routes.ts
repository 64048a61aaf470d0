// The editor's view of reviews: one submission's reviewers, scores and confidential comments, and
// one call's "who reviews what". Editors only: anyone else gets the 404 of something that does not
// exist (an editor who is an author of the submission included, via requireRelation).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  reviewPanelView,
  reviewProgressView,
  toReviewPanelView,
  toReviewProgressView,
} from '../blinding/project-review-panel.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize, can } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import {
  loadCallFacts,
  loadPanelAlternates,
  loadPanelAssignments,
  loadPanelCriteria,
  loadPanelScores,
  loadPanelSubmission,
  loadProgressAssignments,
  loadSubmissionsInReview,
} from './review-panel.repository.ts';

const tags = ['review panel'];

export async function reviewPanelRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/submissions/:submissionId/reviews',
    { schema: { tags, params: z.object({ submissionId: z.uuid() }), response: { 200: reviewPanelView } } },
    async (request) => {
      const { submissionId } = request.params;
      await requireRelation(app.db, request.viewer, submissionId, ['editor']);
      const submission = await loadPanelSubmission(app.db, submissionId);
      if (!submission) throw notFound('submission'); // deleted since the check: same answer as never there
      const [assignments, scores, criteria, alternates] = await Promise.all([
        loadPanelAssignments(app.db, submissionId),
        loadPanelScores(app.db, submissionId),
        loadPanelCriteria(app.db, submissionId, submission.rubric_id),
        loadPanelAlternates(app.db, submissionId),
      ]);
      return toReviewPanelView({ submission, assignments, scores, criteria, alternates, now: app.clock() });
    },
  );

  app.get(
    '/calls/:callId/review-progress',
    { schema: { tags, params: z.object({ callId: z.uuid() }), response: { 200: reviewProgressView } } },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      const call = await loadCallFacts(app.db, request.params.callId);
      // One answer for "no such call" and "not your venue's call": no existence oracle.
      if (!call || !can(request.viewer, { kind: 'venue.manage', venueId: call.venue_id })) throw notFound('call');
      const [submissions, assignments] = await Promise.all([
        loadSubmissionsInReview(app.db, call.id, request.viewer.personId),
        loadProgressAssignments(app.db, call.id, request.viewer.personId),
      ]);
      return toReviewProgressView(call, submissions, assignments, app.clock());
    },
  );
}
