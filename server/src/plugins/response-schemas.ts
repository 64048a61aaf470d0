// Response shapes shared by many routes. Every route declares what it answers (a test checks),
// so the web app's types can be generated from the OpenAPI description.
import type { Readable } from 'node:stream';
import { z } from 'zod';

/** The body of every error answer (see errors.ts). */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    requestId: z.string(),
  })
  .meta({ id: 'ApiError' });

/** A change that has nothing more to say than that it was made. */
export const okSchema = z.object({ ok: z.boolean() }).meta({ id: 'Ok' });

/** 204: done, no body. */
export const noContentSchema = z.undefined().describe('Done; no body.');

/** A PDF sent as an attachment (streamed: the serializer never sees it). */
export const pdfFileResponse = {
  description: 'The PDF, as an attachment.',
  content: { 'application/pdf': { schema: z.custom<Readable>(() => true).meta({ type: 'string', format: 'binary' }) } },
};
