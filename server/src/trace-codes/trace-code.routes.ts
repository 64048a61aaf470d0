// The reviewer's download of the review copy (with their trace code in the footer), and the
// editor's look-up of a trace code found on a leaked copy.
import { LocalFileStore } from '@gaps/workers/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireReviewer } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import { toTraceCodeView, traceCodeViewSchema } from '../blinding/project-trace-code.ts';
import { HttpError } from '../plugins/errors.ts';
import { pdfFileResponse } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { findTraceCode } from './trace-code.repository.ts';
import { normaliseTraceCode } from './trace-code.ts';
import { tracedCopyFor } from './traced-copy.service.ts';

const tags = ['review copies'];

/** The same answer whether no copy has the code or it is one the editor may not trace. */
const unknownCode = () =>
  new HttpError(
    404,
    'trace_code_not_found',
    'No copy of this venue carries that trace code. Check the 8 letters and digits against the footer of the copy.',
  );

export async function traceCodeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(app.config.DATA_DIR);

  app.get(
    '/assignments/:assignmentId/review-copy/file',
    {
      schema: {
        tags,
        description:
          'The anonymised copy for its reviewer (accepted or submitted), with the assignment’s trace code in the footer of every page.',
        params: z.object({ assignmentId: z.uuid() }),
        querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        response: { 200: pdfFileResponse },
      },
    },
    async (request, reply) => {
      const access = await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      const copy = await tracedCopyFor({ db: app.db, audit: auditContext(request), store }, access);
      const disposition = request.query.inline === '1' ? 'inline' : 'attachment';
      return reply
        .type('application/pdf')
        .header('content-disposition', `${disposition}; filename="${copy.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(copy.body);
    },
  );

  app.get(
    '/venues/:venueId/trace-codes/:code',
    {
      schema: {
        tags,
        description: 'Editors: whose download a trace code (from a copy’s footer) came from.',
        params: z.object({ venueId: z.uuid(), code: z.string().max(40) }),
        response: { 200: traceCodeViewSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const code = normaliseTraceCode(request.params.code);
      const row = code ? await findTraceCode(app.db, request.params.venueId, code) : undefined;
      if (!row) throw unknownCode();
      // An editor who is an author of the submission gets no reviewer identities for it.
      await requireRelation(app.db, request.viewer, row.submission_id, ['editor']).catch(() => {
        throw unknownCode();
      });
      return toTraceCodeView(row);
    },
  );
}
