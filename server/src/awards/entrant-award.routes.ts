// An award entry after the announcement: its certificate, the entrant's offer of the essay to the
// journal, and the editors' move of it into the journal.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { okSchema, pdfFileResponse } from '../plugins/response-schemas.ts';
import type { Viewer } from '../policy/permissions.ts';
import { requireRelation, requireSubmitter } from '../submissions/submission-access.ts';
import { certificateOf } from './certificates/certificate.service.ts';
import { setJournalConsent } from './journal/journal-consent.ts';
import { journalCallsFor, type MoveContext, moveIntoJournal } from './journal/journal-move.ts';

const params = z.object({ submissionId: z.uuid() });
const tags = ['awards'];

export const journalCallsSchema = z
  .object({
    calls: z.array(z.object({ id: z.uuid(), title: z.string(), venueName: z.string() })),
  })
  .meta({ id: 'JournalCalls' });
export const movedSchema = z.object({ submissionId: z.uuid(), code: z.string() }).meta({ id: 'MovedIntoJournal' });

export async function entrantAwardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest): MoveContext => ({
    db: app.db,
    audit: auditContext(request),
    viewer: request.viewer as Viewer,
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  // Not audited: a certificate says only what the announcement already said, and downloading it
  // twice changes nothing.
  app.get(
    '/submissions/:submissionId/certificate',
    { schema: { tags, params, response: { 200: pdfFileResponse } } },
    async (request, reply) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['author', 'editor']);
      const { code, pdf } = await certificateOf(app.db, request.params.submissionId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Readable.from([Buffer.from(pdf)]));
    },
  );

  for (const consent of [true, false]) {
    const route = consent ? app.put.bind(app) : app.delete.bind(app);
    route(
      '/submissions/:submissionId/journal-consent',
      { schema: { tags, params, response: { 200: okSchema } } },
      async (request: FastifyRequest<{ Params: z.infer<typeof params> }>) => {
        await requireSubmitter(app.db, request.viewer, request.params.submissionId);
        await setJournalConsent(app.db, auditContext(request), request.params.submissionId, consent, app.clock());
        return { ok: true };
      },
    );
  }

  app.get(
    '/submissions/:submissionId/journal-calls',
    { schema: { tags, params, response: { 200: journalCallsSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      return { calls: await journalCallsFor(app.db, request.viewer as Viewer, app.clock()) };
    },
  );

  app.post(
    '/submissions/:submissionId/move-to-journal',
    { schema: { tags, params, body: z.object({ callId: z.uuid() }), response: { 200: movedSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      const moved = await moveIntoJournal(ctx(request), request.params.submissionId, request.body.callId);
      return { submissionId: moved.id, code: moved.code };
    },
  );
}
