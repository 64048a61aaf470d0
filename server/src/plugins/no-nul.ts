// PostgreSQL cannot store the NUL character (U+0000) in text: it refuses the whole statement, which
// used to surface as a 500 from whichever route wrote the field (title, abstract, profile name,
// application form, search and filter fields...). No person types NUL, so refuse it once, here,
// before any route runs: every body, query string and address parameter under /api.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

/** The path of the first string (value or key) holding NUL, e.g. "body.authors.0.name"; null if none. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = `${path}.${key}`;
    if (key.includes('\u0000')) return innerPath;
    const found = findNul(inner, innerPath, depth + 1);
    if (found) return found;
  }
  return null;
}

export const noNulPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const where =
      findNul(request.params, 'address') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
    if (where) {
      throw new HttpError(
        400,
        'invalid_characters',
        `Please check what you entered: ${where.replace(/^\w+\./, '')} contains an invisible control character (NUL) that we cannot store. Retype it, or paste it as plain text.`,
      );
    }
  });
});
