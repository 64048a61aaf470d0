// What the API writes to its log: at INFO one line per request (method, path, status, time), and
// nothing personal. Bodies are never logged, query values are left out (a search or a link's token
// can hold a name, an address or a secret), e-mail addresses are masked in every line, and the
// paths below are censored wherever they appear.
import { developmentConsole, maskingHooks } from '@gaps/workers/shared';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { isInProcess } from './in-process.ts';

export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
];

export function loggerOptions(config: ServerConfig, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  const base = { level: config.LOG_LEVEL, redact: { paths: redactPaths, censor: '[redacted]' }, hooks: maskingHooks };
  const destination = stream ?? (config.NODE_ENV === 'development' ? developmentConsole() : undefined);
  return (destination ? { ...base, stream: destination } : base) as FastifyServerOptions['logger'];
}

/** The path as logged: query keys kept, their values left out (`/api/calls?q&cursor`). */
export function loggablePath(rawUrl: string): string {
  // An invitation link's token is in its path (/invitations/<token>, page and API): never logged.
  const url = rawUrl.replace(/\/invitations\/[^/?#]+/, '/invitations/[token]');
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const keys = url
    .slice(queryAt + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0]);
  return keys.length ? `${url.slice(0, queryAt)}?${keys.join('&')}` : url.slice(0, queryAt);
}

// The built pages' scripts, styles and icons, and the health probe (polled by `npm start`, load
// balancers and monitors): a line for each would bury the requests a person made.
const ROUTINE = /^\/(?:_app\/|favicon|robots\.txt|api\/health(?:$|\?))/;

/**
 * Exactly one line per request, when it is answered: Fastify's default writes two ("incoming
 * request" and "request completed", each a dozen lines on the development console) and a third
 * for a route not found, with the query string and the client's address in them.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override routeNotFound() {}
  override defaultErrorLog() {}
  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply) {
    // A client that leaves mid-download is routine; anything else is worth a look.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') reply.log.debug('client left early');
    else reply.log.warn({ err: error }, 'response cut short');
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const path = loggablePath(request.url);
    const ms = Math.round(reply.elapsedTime);
    const line = { request: { id: request.id, method: request.method, path, status: reply.statusCode, ms } };
    const message = `${request.method} ${path} ${reply.statusCode} ${ms} ms`;
    const log = request.server.log;
    if (error) log.error({ ...line, err: error }, message);
    else if (ROUTINE.test(path) || isInProcess(request)) log.debug(line, message);
    else log.info(line, message);
  }
}
