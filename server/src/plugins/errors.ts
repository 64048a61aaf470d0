import { isDatabaseBusy, isNobodyWaiting } from '@gaps/db';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { sendBusy } from './overload.ts';

/** Throw this from anywhere: the error handler turns it into `{ error: { code, message } }`. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

// 404 for anything outside the caller's reach, so a response never confirms that an object exists.
export const notFound = (what = 'page') =>
  new HttpError(404, 'not_found', `We could not find that ${what}. Check the address, or go back and try again.`);

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = request.id;
    if (isNobodyWaiting(error)) {
      // The client left and its queries were cancelled (plugins/cancel-on-disconnect.ts): nobody reads this.
      return reply.status(499).send({ error: { code: 'client_gone', message: error.message }, requestId });
    }
    if (error instanceof HttpError) {
      return reply
        .headers(error.headers)
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message }, requestId });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message ?? 'is not valid',
      }));
      const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
      return reply.status(400).send({
        error: { code: 'invalid_input', message: `Please check what you entered. ${summary}`, fields },
        requestId,
      });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({
        error: { code: 'too_many_requests', message: 'Too many attempts. Please wait a few minutes and try again.' },
        requestId,
      });
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return reply.status(403).send({
        error: { code: 'csrf', message: 'Your page was out of date. Reload the page and try again.' },
        requestId,
      });
    }
    // Backstop for input the checks above let through but PostgreSQL refuses: a character it cannot
    // store, or a date outside its range. The request is at fault, and nothing was written.
    const postgresCode = (error as { code?: unknown }).code;
    if (typeof postgresCode === 'string' && postgresCode in refusedByPostgres) {
      request.log.warn({ err: error }, 'input refused by PostgreSQL');
      return reply.status(400).send({
        error: { code: 'invalid_input', message: refusedByPostgres[postgresCode] },
        requestId,
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
      return reply.status(error.statusCode).send({
        error: { code: 'bad_request', message: plainClientError(error) },
        requestId,
      });
    }
    if (isDatabaseBusy(error)) {
      request.log.warn({ err: error }, 'database busy');
      return sendBusy(request, reply);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      error: {
        code: 'server_error',
        message: `Something went wrong on our side. Please try again; if it keeps happening, tell the office and quote reference ${requestId}.`,
      },
      requestId,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: notFound().message }, requestId: request.id });
  });
});

const unstorableCharacter =
  'Please check what you entered: it contains a character we cannot store. Retype it, or paste it as plain text.';
const refusedByPostgres: Record<string, string> = {
  '22021': unstorableCharacter,
  '22P05': unstorableCharacter,
  '22007': 'Please check the dates you entered: one of them is not a date we can read.',
  '22008': 'Please check the dates you entered: one of them is outside the range we accept.',
};

function plainClientError(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'That is too large for us to accept.';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return 'We could not read that request (unexpected content type).';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code?.startsWith('FST_ERR_CTP'))
    return 'We could not read that request.';
  return 'We could not accept that request.';
}
