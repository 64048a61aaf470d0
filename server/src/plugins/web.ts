// The built SvelteKit pages (adapter-node) answer every non-API address on the same origin.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export async function mountWeb(app: FastifyInstance, buildDir: string) {
  const handlerFile = path.resolve(buildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    throw new Error(`The web pages are not built (${handlerFile} is missing). Run \`npm run build\` first.`);
  }
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  const serve = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    reply.hijack();
    // Fastify's onSend hooks do not run for hijacked replies, so repeat the security headers here.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string);
    }
    handler(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404;
      reply.raw.setHeader('content-type', 'text/plain; charset=utf-8');
      reply.raw.end('Not found');
    });
  };
  app.route({ method: ['GET', 'HEAD'], url: '/', handler: serve, schema: { hide: true } });
  app.route({ method: ['GET', 'HEAD'], url: '/*', handler: serve, schema: { hide: true } });
}
