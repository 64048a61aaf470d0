// The built SvelteKit pages (adapter-node) answer every non-API address on the same origin.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { inProcessHeaders } from './in-process.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * How the pages' server-side loads reach /api: in this process, through `app.inject`, rather
 * than out to the network and back (web/src/hooks.server.ts finds it on the incoming request,
 * which adapter-node hands to SvelteKit as `platform.req`).
 */
export type InProcessApi = (request: Request) => Promise<Response>;
export type RequestWithApi = IncomingMessage & { gapsApi?: InProcessApi };

export async function mountWeb(app: FastifyInstance, buildDir: string) {
  const handlerFile = path.resolve(buildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    throw new Error(`The web pages are not built (${handlerFile} is missing). Run \`npm run build\` first.`);
  }
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    // Fastify's onSend hooks do not run for hijacked replies, so repeat the security headers here.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string);
    }
    (request.raw as RequestWithApi).gapsApi = (apiRequest) => injectApi(app, request, apiRequest);
    handler(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404;
      reply.raw.setHeader('content-type', 'text/plain; charset=utf-8');
      reply.raw.end('Not found');
    });
  };
  app.route({ method: ['GET', 'HEAD'], url: '/', handler: serve, schema: { hide: true } });
  app.route({ method: ['GET', 'HEAD'], url: '/*', handler: serve, schema: { hide: true } });
}

const nullBodyStatus = new Set([101, 204, 205, 304]);

/**
 * One /api request made while rendering a page, through every hook a browser's request meets
 * (session, no-store, overload, one log line). It carries the visitor's address, so logs and
 * rate limits see the visitor rather than this process.
 */
async function injectApi(app: FastifyInstance, page: FastifyRequest, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const forwardedFor = page.headers['x-forwarded-for'];
  if (forwardedFor) headers['x-forwarded-for'] = [forwardedFor].flat().join(', ');
  Object.assign(headers, inProcessHeaders);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const answer = await app.inject({
    method: request.method as HTTPMethods,
    url: `${url.pathname}${url.search}`,
    headers,
    payload: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
    remoteAddress: page.raw.socket?.remoteAddress,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of [value].flat()) responseHeaders.append(name, String(one));
  }
  const body =
    nullBodyStatus.has(answer.statusCode) || request.method === 'HEAD' ? null : new Uint8Array(answer.rawPayload);
  return new Response(body, { status: answer.statusCode, headers: responseHeaders });
}
