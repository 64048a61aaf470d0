// The co-author's confirmation link: look at what it names (reads only), then confirm. The token
// travels in the body, not the URL, so request logs never hold it. Anyone holding the link may use
// it, signed in or not: it proves the mailbox, as the account links do.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { token } from '../accounts/account.schemas.ts';
import { auditContext } from '../audit/context.ts';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { confirmAuthorship, describeAuthorshipLink } from './author-confirmation.ts';

export const authorshipLinkSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    callTitle: z.string(),
    venueName: z.string(),
    venueKind: venueKindSchema,
    /** The venue's editorial contact address; null until its editors set one. */
    venueContactEmail: z.string().nullable(),
    /** The author row the link was sent for: the reader's own name and address. */
    authorName: z.string(),
    authorEmail: z.string(),
    submitterName: z.string(),
    /** Whether the person signed in (if any) is the one the link was sent to. */
    viewer: z.enum(['signed_out', 'this_author', 'someone_else']),
  })
  .meta({ id: 'AuthorshipLink' });

export const authorshipConfirmedSchema = z
  .object({
    submissionId: z.uuid(),
    /** True when the submission now shows under the signed-in person's My submissions. */
    linked: z.boolean(),
    message: z.string(),
  })
  .meta({ id: 'AuthorshipConfirmed' });

export async function authorConfirmationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['submissions'];
  const limit = { rateLimit: { max: 60, timeWindow: '15 minutes' } };

  app.post(
    '/authorship/look-up',
    { config: limit, schema: { tags, body: token, response: { 200: authorshipLinkSchema } } },
    async (request) => describeAuthorshipLink(app.db, request.body.token, request.viewer ?? null),
  );

  app.post(
    '/authorship/confirm',
    { config: limit, schema: { tags, body: token, response: { 200: authorshipConfirmedSchema } } },
    async (request) => {
      const done = await confirmAuthorship(
        { db: app.db, audit: auditContext(request), viewer: request.viewer ?? null },
        request.body.token,
      );
      return {
        ...done,
        message: done.linked
          ? 'Thank you: you have confirmed that you are an author. It is now under My submissions.'
          : 'Thank you: you have confirmed that you are an author.',
      };
    },
  );
}
