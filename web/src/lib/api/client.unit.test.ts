import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiClient, withQuery } from './client.ts';
import { ApiError } from './errors.ts';

type Handler = (request: { method: string; url: string; headers: Record<string, string>; body?: string }) => Response;

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('ApiClient', () => {
  let calls: Array<{ method: string; url: string; headers: Record<string, string>; body?: string }>;
  let handler: Handler;

  beforeEach(() => {
    calls = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const request = {
        method: init.method ?? 'GET',
        url,
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
      };
      calls.push(request);
      return handler(request);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  test('fetches the CSRF token once and sends it on every state-changing call', async () => {
    let tokens = 0;
    handler = ({ url }) =>
      url === '/api/session' ? json(200, { person: null, csrfToken: `token-${++tokens}` }) : json(200, { ok: true });
    const client = new ApiClient();
    await client.post('/api/a', { x: 1 });
    await client.patch('/api/b', { y: 2 });
    await client.delete('/api/c');
    await client.get('/api/d');

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET /api/session',
      'POST /api/a',
      'PATCH /api/b',
      'DELETE /api/c',
      'GET /api/d',
    ]);
    expect(calls.slice(1, 4).map((call) => call.headers['x-csrf-token'])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(calls[4]!.headers['x-csrf-token']).toBeUndefined();
    // An empty body must not be labelled as JSON: the API refuses that.
    expect(calls[3]!.headers['content-type']).toBeUndefined();
    expect(calls[1]!.headers['content-type']).toBe('application/json');
  });

  test('refreshes the token and tries once more when it was refused', async () => {
    let tokens = 0;
    handler = ({ url, headers }) => {
      if (url === '/api/session') return json(200, { person: null, csrfToken: `token-${++tokens}` });
      return headers['x-csrf-token'] === 'token-2'
        ? json(200, { saved: true })
        : json(403, { error: { code: 'csrf', message: 'Your page was out of date.' }, requestId: 'r1' });
    };
    const client = new ApiClient();
    await expect(client.post('/api/save', {})).resolves.toEqual({ saved: true });
    expect(calls.map((call) => call.url)).toEqual(['/api/session', '/api/save', '/api/session', '/api/save']);
  });

  test('does not retry more than once', async () => {
    handler = ({ url }) =>
      url === '/api/session'
        ? json(200, { person: null, csrfToken: 't' })
        : json(403, { error: { code: 'csrf', message: 'Your page was out of date.' }, requestId: 'r1' });
    const client = new ApiClient();
    await expect(client.post('/api/save', {})).rejects.toMatchObject({ status: 403, code: 'csrf' });
    expect(calls.filter((call) => call.url === '/api/save')).toHaveLength(2);
  });

  test('turns the error shape into an ApiError with fields, reference and Retry-After', async () => {
    handler = ({ url }) =>
      url === '/api/session'
        ? json(200, { person: null, csrfToken: 't' })
        : json(
            429,
            {
              error: {
                code: 'too_many_requests',
                message: 'Too many attempts.',
                fields: [{ path: 'email', message: 'x' }],
              },
              requestId: 'req-9',
            },
            { 'retry-after': '120' },
          );
    const error = await new ApiClient().post('/api/session/login', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_requests',
      message: 'Too many attempts.',
      fields: [{ path: 'email', message: 'x' }],
      requestId: 'req-9',
      retryAfter: 120,
    });
  });

  test('an answer that is not the API’s JSON, or no answer at all, still becomes a plain-words ApiError', async () => {
    handler = () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'x-request-id': 'proxy-1' } });
    await expect(new ApiClient().get('/api/venues')).rejects.toMatchObject({
      status: 502,
      code: 'server_error',
      requestId: 'proxy-1',
    });
    handler = () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(new ApiClient().get('/api/venues')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  test('after signing in (the CSRF secret rotates), the next save asks for a fresh token instead of being refused', async () => {
    let tokens = 0;
    handler = ({ url, headers }) => {
      if (url === '/api/session') return json(200, { person: null, csrfToken: `token-${++tokens}` });
      return headers['x-csrf-token'] === `token-${tokens}`
        ? json(200, { ok: true })
        : json(403, { error: { code: 'csrf', message: 'Your page was out of date.' }, requestId: 'r' });
    };
    const client = new ApiClient();
    await client.post('/api/session/login', { email: 'a@example.org', password: 'x' });
    // The server now holds a new secret; the page says so.
    tokens++;
    client.forgetCsrfToken();
    await client.patch('/api/submissions/1', { title: 'x' });
    expect(calls.map((call) => `${call.method} ${call.url} ${call.headers['x-csrf-token'] ?? ''}`)).toEqual([
      'GET /api/session ',
      'POST /api/session/login token-1',
      'GET /api/session ',
      'PATCH /api/submissions/1 token-3',
    ]);
  });

  test('tells the session when the API says nobody is signed in', async () => {
    handler = () => json(401, { error: { code: 'sign_in_required', message: 'Please sign in.' }, requestId: 'r' });
    const client = new ApiClient();
    const onSignedOut = vi.fn();
    client.onSignedOut = onSignedOut;
    await expect(client.get('/api/me/profile')).rejects.toBeInstanceOf(ApiError);
    expect(onSignedOut).toHaveBeenCalledOnce();
  });
});

test('withQuery leaves out empty values', () => {
  expect(withQuery('/api/admin/people', { q: 'ben smith', after: null, x: '' })).toBe('/api/admin/people?q=ben+smith');
  expect(withQuery('/api/admin/people', {})).toBe('/api/admin/people');
});
