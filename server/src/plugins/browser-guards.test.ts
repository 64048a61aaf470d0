// What a browser may keep, where state-changing requests may come from, and the CSRF token's life.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const cookiesOf = (client: TestClient) =>
  ['gaps_session', 'gaps_csrf']
    .filter((name) => client.cookie(name))
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');

describe('Cache-Control', () => {
  it('is no-store on API answers about people, and left alone on the health check', async () => {
    const { email } = await makePerson(t.db);
    const client = await signedIn(t.app, email);
    for (const url of ['/api/me/profile', '/api/session', '/api/calls', '/api/no-such-thing']) {
      expect((await client.get(url)).headers['cache-control'], url).toBe('no-store');
    }
    expect((await client.post('/api/session/logout')).headers['cache-control']).toBe('no-store');
    expect((await client.get('/api/health')).headers['cache-control']).not.toBe('no-store');
  });
});

describe('state-changing requests from another site', () => {
  it('are refused by Origin or Sec-Fetch-Site, and change nothing; our own origin is let through', async () => {
    const { email, id } = await makePerson(t.db);
    const client = await signedIn(t.app, email);
    const token = (await client.get('/api/session')).json().csrfToken;
    const patch = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/me/profile',
        headers: { cookie: cookiesOf(client), 'x-csrf-token': token, ...headers },
        payload: { name: 'Changed by another site' },
      });
    const crossSite: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3000.evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const refused = await patch(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
      expect(refused.json().error.code).toBe('cross_site');
    }
    const name = () => t.db.selectFrom('person').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await name()).name).not.toBe('Changed by another site');
    expect((await patch({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await name()).name).toBe('Changed by another site');
  });
});

describe('the CSRF token', () => {
  it('changes at sign-in and at sign-out: a token from before is refused after', async () => {
    const { email } = await makePerson(t.db);
    const client = new TestClient(t.app);
    const before = (await client.get('/api/session')).json().csrfToken;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/session/login',
      headers: { cookie: cookiesOf(client), 'x-csrf-token': before },
      payload: { email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookies = Object.fromEntries(
      (login.cookies as Array<{ name: string; value: string }>).map((c) => [c.name, c.value]),
    );
    expect(cookies.gaps_csrf).toBeTruthy();
    const signedInCookie = `gaps_session=${cookies.gaps_session}; gaps_csrf=${cookies.gaps_csrf}`;
    const withOldToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/profile',
      headers: { cookie: signedInCookie, 'x-csrf-token': before },
      payload: { name: 'Old token' },
    });
    expect(withOldToken.statusCode).toBe(403);
    expect(withOldToken.json().error.code).toBe('csrf');

    const after = (
      await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: signedInCookie } })
    ).json().csrfToken;
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/session/logout',
      headers: { cookie: signedInCookie, 'x-csrf-token': after },
    });
    expect(logout.statusCode).toBe(204);
    const newSecret = (logout.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'gaps_csrf');
    expect(newSecret?.value).toBeTruthy();
    expect(newSecret?.value).not.toBe(cookies.gaps_csrf);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/password-reset',
      headers: { cookie: `gaps_csrf=${newSecret!.value}`, 'x-csrf-token': after },
      payload: { email },
    });
    expect(reuse.statusCode).toBe(403);
  });
});
