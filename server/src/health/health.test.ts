import { heartbeatKey } from '@gaps/workers/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/health', () => {
  it('answers 503 naming the workers while none has reported, and 200 once one has', async () => {
    const down = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'degraded', database: 'up', redis: 'up', workers: 'down' });
    expect(down.json().problems.join(' ')).toMatch(/worker/i);

    const redis = new Redis(t.config.REDIS_URL);
    await redis.set(heartbeatKey(t.config.QUEUE_PREFIX), new Date().toISOString(), 'EX', 30);
    redis.disconnect();
    const up = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', database: 'up', redis: 'up', workers: 'up', problems: [] });
  });

  it('names Redis when it does not answer, and sign-up still works (mail waits in the outbox)', async () => {
    const offline = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const health = await offline.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ database: 'up', redis: 'down' });
      const { TestClient } = await import('../../test/client.ts');
      const client = new TestClient(offline.app);
      const registered = await client.post('/api/accounts/register', {
        name: 'Offline',
        email: 'offline@example.org',
        password: 'long enough password',
      });
      expect(registered.statusCode).toBe(202);
      const outbox = await offline.db.selectFrom('job_outbox').select(['job_name', 'relayed_at']).execute();
      expect(outbox).toEqual([{ job_name: 'mail.send', relayed_at: null }]);
    } finally {
      await offline.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the API from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/session/login', '/api/me/profile', '/api/admin/people']),
    );
    expect(
      spec.paths['/api/accounts/register'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('email');
  });

  it('answers an unknown API address with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
