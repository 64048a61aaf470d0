// The reviewer's review of one assignment: the page, the autosaved draft, submitting it, the text
// form for writing offline; and the editor's reopening. Every reviewer route starts with
// requireReviewer, which answers 404 to anyone but this assignment's reviewer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAssignmentFacts, requireReviewer } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import { reviewDraftSchema, reviewPageSchema } from '../blinding/project-review.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { okSchema } from '../plugins/response-schemas.ts';
import { authorize, type Viewer } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { venueWords } from '../venues/venue-words.ts';
import { REVIEW_TEXT_LIMIT, reviewPatchSchema } from './review.schemas.ts';
import {
  loadReviewPage,
  type ReviewAssignment,
  type ReviewContext,
  reopenReview,
  saveReview,
  submitReview,
} from './review.service.ts';
import { readReviewForm, renderReviewForm } from './review-form.ts';

const params = z.object({ assignmentId: z.uuid() });
const textFileResponse = {
  description: 'The review form as plain text (UTF-8), as an attachment.',
  content: { 'text/plain': { schema: z.string() } },
};
/** The form as uploaded: read by the page from the chosen file (UTF-8), sent as JSON. */
const formUpload = z.object({ text: z.string().max(4 * REVIEW_TEXT_LIMIT) }).meta({ id: 'ReviewFormUpload' });

export async function reviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['reviews'];
  const ctx = (request: FastifyRequest): ReviewContext => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
  });
  const reviewer = async (request: FastifyRequest<{ Params: { assignmentId: string } }>): Promise<ReviewAssignment> => {
    const { facts } = await requireReviewer(app.db, request.viewer, request.params.assignmentId);
    return facts;
  };

  app.get(
    '/assignments/:assignmentId/review',
    { schema: { tags, params, response: { 200: reviewPageSchema } } },
    async (request) => loadReviewPage(app.db, await reviewer(request)),
  );

  app.put(
    '/assignments/:assignmentId/review',
    { schema: { tags, params, body: reviewPatchSchema, response: { 200: reviewDraftSchema } } },
    async (request) => saveReview(ctx(request), await reviewer(request), request.body),
  );

  app.post(
    '/assignments/:assignmentId/review/submit',
    { schema: { tags, params, response: { 200: reviewDraftSchema } } },
    async (request) => submitReview(ctx(request), await reviewer(request)),
  );

  app.get(
    '/assignments/:assignmentId/review/form',
    { schema: { tags, params, response: { 200: textFileResponse } } },
    async (request, reply) => {
      const page = await loadReviewPage(app.db, await reviewer(request));
      const code = page.submission.code ?? 'draft';
      const text = renderReviewForm(
        {
          code,
          title: page.submission.title,
          words: venueWords(page.venueKind),
          reviewerNumber: page.assignment.reviewerNumber,
          criteria: page.rubric?.criteria ?? [],
          asksRecommendation: page.asksRecommendation,
        },
        page.review,
      );
      // Named by the code only: never anything the author chose (a file name is a channel too).
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="review-${code.replace(/[^A-Za-z0-9-]/g, '')}.txt"`)
        .header('cache-control', 'private, no-store')
        .send(text);
    },
  );

  app.post(
    '/assignments/:assignmentId/review/form',
    { schema: { tags, params, body: formUpload, response: { 200: reviewDraftSchema } } },
    async (request) => {
      const assignment = await reviewer(request);
      const page = await loadReviewPage(app.db, assignment);
      const reading = readReviewForm(request.body.text, {
        code: page.submission.code ?? 'draft',
        criteria: page.rubric?.criteria ?? [],
        asksRecommendation: page.asksRecommendation,
      });
      if (!reading.ok) {
        throw new HttpError(
          400,
          'form_unreadable',
          `Nothing was saved: line ${reading.line} of the form could not be read: ${reading.message}`,
        );
      }
      return saveReview(ctx(request), assignment, reading.patch);
    },
  );

  app.post(
    '/assignments/:assignmentId/review/reopen',
    { schema: { tags, params, response: { 200: okSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      const facts = await loadAssignmentFacts(app.db, request.params.assignmentId);
      // The same 404 whether the assignment does not exist or is not this editor's to reopen.
      if (!facts) throw notFound('assignment');
      await requireRelation(app.db, request.viewer, facts.submissionId, ['editor']).catch(() => {
        throw notFound('assignment');
      });
      await reopenReview({ ...ctx(request), editorId: (request.viewer as Viewer).personId }, facts.id);
      return { ok: true };
    },
  );
}
