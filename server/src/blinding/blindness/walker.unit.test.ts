// The walker's own check, end to end over a small API that leaks on purpose: it must find the id
// that only a listing reveals, follow it into every route, and report a name in a header and in a
// compressed PDF, a 404 that differs from the one for a made-up id, and a server error.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/client.ts';
import { deflatedPdf } from './crafted-pdf.ts';
import { needlesOf } from './fold-text.ts';
import { apiRoutes, BlindnessWalk } from './walker.ts';

const hidden = '3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f';
const uuidParam = { in: 'path', name: 'thingId', schema: { type: 'string', format: 'uuid' } };
const app = Fastify();

beforeAll(async () => {
  const missing = (requestId: string) => ({ error: { code: 'not_found', message: 'No such thing.' }, requestId });
  app.get('/api/openapi.json', async () => ({
    paths: {
      '/api/things': { get: {} },
      '/api/things/{thingId}': { get: { parameters: [uuidParam] } },
      '/api/things/{thingId}/file': { get: { parameters: [uuidParam] } },
      '/api/things/{thingId}/poke': { post: { parameters: [uuidParam] } },
      '/api/broken': { get: {} },
    },
  }));
  app.get('/api/session', async () => ({ csrfToken: 'token' }));
  app.get('/api/things', async () => ({ things: [{ id: hidden }] }));
  app.get<{ Params: { id: string } }>('/api/things/:id', async (request, reply) =>
    request.params.id === hidden
      ? reply.header('x-owner', 'Z. ÅNGSTRÖM').send({ ok: true })
      : reply.status(404).send(missing(request.id)),
  );
  app.get<{ Params: { id: string } }>('/api/things/:id/file', async (request, reply) =>
    request.params.id === hidden
      ? reply.type('application/pdf').send(deflatedPdf('BT (Zo\\353 \\305ngstr\\366m-Okonkwo) Tj ET'))
      : reply.status(404).send(missing(request.id)),
  );
  app.post<{ Params: { id: string } }>('/api/things/:id/poke', async (request, reply) =>
    reply
      .status(404)
      .send(
        request.params.id === hidden ? { error: { code: 'not_found', message: 'Not yours.' } } : missing(request.id),
      ),
  );
  app.get('/api/broken', async () => {
    throw new Error('boom');
  });
  await app.ready();
});
afterAll(() => app.close());

describe('the walker', () => {
  it('follows ids it is shown and reports every kind of leak', async () => {
    const walk = new BlindnessWalk({
      app,
      client: new TestClient(app),
      viewer: 'a reviewer',
      needles: needlesOf("author's name", 'Zoë Ångström-Okonkwo', 'name'),
      seedIds: [],
    });
    const routes = await apiRoutes(app);
    await walk.walkReads(routes);
    await walk.walkChanges(routes);
    expect(walk.ids).toContain(hidden);
    expect(walk.filesRead).toBe(1);
    const findings = walk.findings.join('\n');
    expect(findings).toMatch(new RegExp(`GET /api/things/${hidden} → 200: shows author's name`));
    expect(findings).toMatch(new RegExp(`GET /api/things/${hidden}/file → 200: shows author's name`));
    expect(findings).toMatch(
      new RegExp(`POST /api/things/${hidden}/poke → 404 .*not the answer for a thing that does not exist`),
    );
    expect(findings).toMatch(/GET \/api\/broken → 500: a server error/);
    expect(walk.findings).toHaveLength(4);
  });
});
