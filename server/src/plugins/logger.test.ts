// The API's log at INFO: one line per request a person made (none for the pages' scripts and the
// health probe), and nothing personal in any line: no e-mail address, query value, cookie, token,
// title or client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { TestClient } from '../../test/client.ts';
import { inProcessHeaders } from './in-process.ts';
import { loggablePath } from './logger.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const parsed = (from: number) => t.logs.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the request log', () => {
  it('writes exactly one line per request at INFO, with method, path, status and time', async () => {
    const from = t.logs.length;
    const client = new TestClient(t.app);
    for (let i = 0; i < 20; i++) expect((await client.get('/api/calls')).statusCode).toBe(200);
    expect((await client.get('/api/no-such-thing')).statusCode).toBe(404);
    const lines = parsed(from);
    expect(lines).toHaveLength(21);
    expect(lines.every((line) => line.level === 30)).toBe(true);
    expect(lines[0]).toMatchObject({
      msg: expect.stringMatching(/^GET \/api\/calls 200 \d+ ms$/),
      request: { method: 'GET', path: '/api/calls', status: 200 },
    });
    expect(lines[20]).toMatchObject({ msg: expect.stringMatching(/^GET \/api\/no-such-thing 404 \d+ ms$/) });
  });

  it('writes no line at INFO for the health probe or the pages’ scripts and styles', async () => {
    const from = t.logs.length;
    await t.app.inject('/api/health');
    await t.app.inject('/_app/immutable/entry/start.js');
    await t.app.inject('/favicon.png');
    expect(parsed(from)).toEqual([]);
  });

  it('writes no line of its own for the pages’ in-process calls to the API (the page has its line)', async () => {
    const from = t.logs.length;
    await t.app.inject({ url: '/api/calls', headers: inProcessHeaders });
    expect(parsed(from)).toEqual([]);
    // The mark is this process's secret: a guess from outside is logged like any request.
    await t.app.inject({ url: '/api/calls', headers: { 'x-gaps-in-process': 'guess' } });
    expect(parsed(from)).toHaveLength(1);
  });

  it('leaves out everything personal: addresses, query values, cookies, tokens, titles, the client', async () => {
    const person = await makePerson(t.db, 'author', 'ada.lovelace@example.org');
    const from = t.logs.length;
    const client = new TestClient(t.app);
    client.ip = '198.51.100.23';
    await client.post('/api/session/login', { email: person.email, password: TEST_PASSWORD });
    const sessionCookie = client.cookie('session') ?? client.cookie('sid') ?? '';
    await client.get('/api/calls?q=ada.lovelace%40example.org&cursor=secret-cursor');
    await client.get('/api/calls?q=Mourning and Melancholia');
    await t.app.inject('/verify-email?token=tok-4711-abcdef');
    await t.app.inject(`/api/people/${encodeURIComponent('ada.lovelace@example.org')}`);
    const text = t.logs.slice(from).join('\n');
    expect(parsed(from).length).toBeGreaterThanOrEqual(5);
    for (const personal of [
      'ada.lovelace',
      'Lovelace',
      TEST_PASSWORD,
      'secret-cursor',
      'Mourning',
      'tok-4711',
      '198.51.100.23',
      'remoteAddress',
      'cookie',
    ]) {
      expect(text).not.toContain(personal);
    }
    if (sessionCookie) expect(text).not.toContain(sessionCookie);
    expect(text).toContain('GET /api/calls?q&cursor 200');
    expect(text).toContain('[e-mail]');
  });

  it('masks an e-mail address that any code writes to the log', async () => {
    const from = t.logs.length;
    t.app.log.warn({ err: new Error('550 <mary.shelley@example.ac.uk>: mailbox unavailable') }, 'a refusal');
    const text = t.logs.slice(from).join('\n');
    expect(text).toContain('550 <[e-mail]>');
    expect(text).not.toContain('mary.shelley');
  });
});

describe('loggablePath', () => {
  it('keeps the query keys and drops their values', () => {
    expect(loggablePath('/api/calls')).toBe('/api/calls');
    expect(loggablePath('/api/calls?q=x%40y.org&cursor=abc')).toBe('/api/calls?q&cursor');
    expect(loggablePath('/reset-password?token=abc')).toBe('/reset-password?token');
    expect(loggablePath('/a?')).toBe('/a');
    expect(loggablePath('/a?flag&&b=')).toBe('/a?flag&b');
  });
});
