import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { TestClient } from '../../test/client.ts';
import { lastLinkTo as lastLinkIn } from '../../test/mail.ts';
import { hashToken } from './tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const lastLinkTo = (email: string, page: string) => lastLinkIn(t.db, email, page);

describe('registration, verification and sign-in', () => {
  const email = 'new.author@example.org';
  const password = 'a long enough secret';

  it('registers, mails a verification link, and refuses sign-in until the address is confirmed', async () => {
    const client = new TestClient(t.app);
    const registered = await client.post('/api/accounts/register', {
      name: 'New Author',
      email: 'New.Author@Example.org',
      password,
    });
    expect(registered.statusCode).toBe(202);
    expect(registered.json().message).toContain(email);

    const early = await client.post('/api/session/login', { email, password });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('email_not_verified');

    const token = await lastLinkTo(email, 'verify-email');
    expect((await client.post('/api/accounts/verify-email', { token })).statusCode).toBe(200);
    // A link works once.
    const again = await client.post('/api/accounts/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_link');

    const login = await client.post('/api/session/login', { email, password });
    expect(login.statusCode).toBe(200);
    expect(login.json().person).toMatchObject({ email, name: 'New Author', emailVerified: true, isAdmin: false });
    const cookie = login.headers['set-cookie'] as string | string[];
    const sessionCookie = [cookie].flat().find((c) => c.startsWith('gaps_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);

    const session = await client.get('/api/session');
    expect(session.json().person.email).toBe(email);
  });

  it('keeps where the visitor was going in the verification link, and refuses an address off this site', async () => {
    const client = new TestClient(t.app);
    const going = { name: 'Going Somewhere', email: 'going@example.org', password };
    for (const next of [
      '//evil.example.org/x',
      'https://evil.example.org',
      '/\\evil.example.org',
      '/\t/evil.example.org',
    ]) {
      const refused = await client.post('/api/accounts/register', { ...going, next });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([{ path: 'next', message: 'use a path on this site, like /calls' }]);
    }
    expect(await t.db.selectFrom('person').select('id').where('email', '=', going.email).execute()).toEqual([]);

    const next = '/calls?start=0b5f3a7e-0000-4000-8000-000000000000';
    expect((await client.post('/api/accounts/register', { ...going, next })).statusCode).toBe(202);
    const mail = await t.db
      .selectFrom('email_message')
      .select('text_body')
      .where('to_address', '=', going.email)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toMatch(
      /http:\/\/localhost:3000\/verify-email\?token=[\w-]+&next=%2Fcalls%3Fstart%3D0b5f3a7e-0000-4000-8000-000000000000\s/,
    );
    // Sent again from the sign-in page, the link still leads there.
    await client.post('/api/accounts/resend-verification', { email: going.email, next });
    const again = await t.db
      .selectFrom('email_message')
      .select('text_body')
      .where('to_address', '=', going.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(again.text_body).toContain('&next=%2Fcalls%3Fstart%3D');
  });

  it('answers a second registration for the same address the same way, without a second account', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/api/accounts/register', {
      name: 'Someone Else',
      email,
      password: 'another password',
    });
    expect(response.statusCode).toBe(202);
    const people = await t.db.selectFrom('person').select('name').where('email', '=', email).execute();
    expect(people).toEqual([{ name: 'New Author' }]);
    const mail = await t.db
      .selectFrom('email_message')
      .select('template')
      .where('to_address', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.template).toBe('account.already_registered');
  });

  it('explains every bad field and stores nothing', async () => {
    const before = await t.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await new TestClient(t.app).post('/api/accounts/register', {
      name: '',
      email: 'not-an-address',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'name', 'password']);
    const after = await t.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const client = new TestClient(t.app);
    await client.login(email, password);
    const oldCookie = client.cookie('gaps_session')!;
    expect((await client.post('/api/session/logout')).statusCode).toBe(204);
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/me/profile',
      headers: { cookie: `gaps_session=${oldCookie}` },
    });
    expect(replay.statusCode).toBe(401);
    const stored = await t.db
      .selectFrom('session')
      .select('token_hash')
      .where('token_hash', '=', hashToken(oldCookie))
      .execute();
    expect(stored).toHaveLength(0);
  });
});

describe('brute force and CSRF', () => {
  it('locks an account and address out after 10 failed sign-ins: the 11th answers 429 with Retry-After', async () => {
    const { email } = await makePerson(t.db);
    const client = new TestClient(t.app);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await client.post('/api/session/login', { email, password: `wrong ${attempt}` });
      expect(response.statusCode).toBe(401);
    }
    const eleventh = await client.post('/api/session/login', { email, password: TEST_PASSWORD });
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(800);
    expect(eleventh.json().error.message).toMatch(/wait/);
    // Another address is not locked out of the same account.
    const elsewhere = new TestClient(t.app);
    elsewhere.ip = '198.51.100.9';
    expect((await elsewhere.post('/api/session/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token, and changes nothing', async () => {
    const { email, id } = await makePerson(t.db);
    const client = new TestClient(t.app);
    await client.login(email);
    const response = await client.request('PATCH', '/api/me/profile', { name: 'Changed' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
    const person = await t.db.selectFrom('person').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(person.name).toBe('Test author');
    const login = await new TestClient(t.app).request(
      'POST',
      '/api/session/login',
      { email, password: TEST_PASSWORD },
      { csrf: false },
    );
    expect(login.statusCode).toBe(403);
  });

  it('never writes a password to the logs', async () => {
    const secret = 'Very-Distinctive-Secret-4711';
    const client = new TestClient(t.app);
    await client.post('/api/accounts/register', {
      name: 'Log Check',
      email: 'log.check@example.org',
      password: secret,
    });
    await client.post('/api/session/login', { email: 'log.check@example.org', password: secret });
    await client.post('/api/session/login', { email: 'log.check@example.org', password: `${secret}-wrong` });
    await client.post('/api/accounts/register', { name: 'x', email: 'bad', password: secret });
    expect(t.logs.length).toBeGreaterThan(3);
    expect(t.logs.join('\n')).not.toContain(secret);
    const audit = await t.db.selectFrom('audit_event').select('details').execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});

describe('password reset, profile, e-mail change', () => {
  it('resets a forgotten password through the e-mailed link and signs out every session', async () => {
    const { email } = await makePerson(t.db);
    const device = new TestClient(t.app);
    await device.login(email);
    const client = new TestClient(t.app);
    expect((await client.post('/api/accounts/password-reset', { email })).statusCode).toBe(202);
    // Unknown addresses get the same answer.
    const unknown = await client.post('/api/accounts/password-reset', { email: 'nobody@example.org' });
    expect(unknown.statusCode).toBe(202);
    const token = await lastLinkTo(email, 'reset-password');
    const confirmed = await client.post('/api/accounts/password-reset/confirm', {
      token,
      password: 'my new long password',
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await device.get('/api/me/profile')).statusCode).toBe(401);
    expect((await client.post('/api/session/login', { email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await client.post('/api/session/login', { email, password: 'my new long password' })).statusCode).toBe(200);
  });

  it('edits the profile and rejects a malformed ORCID iD without changing anything', async () => {
    const { email } = await makePerson(t.db);
    const client = new TestClient(t.app);
    await client.login(email);
    const updated = await client.patch('/api/me/profile', {
      name: 'Dr Ada Example',
      affiliation: 'University of Somewhere',
      orcid: '0000-0002-1825-0097',
      timeZone: 'America/New_York',
      emailDomains: ['Somewhere.ac.uk'],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      name: 'Dr Ada Example',
      orcid: '0000-0002-1825-0097',
      timeZone: 'America/New_York',
      emailDomains: ['somewhere.ac.uk'],
    });
    const bad = await client.patch('/api/me/profile', { name: 'Other', orcid: '1234', timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['orcid', 'timeZone']);
    expect((await client.get('/api/me/profile')).json().name).toBe('Dr Ada Example');
    // The check digit X may be typed lower-case; the API, not each form, upper-cases it.
    const lowerX = await client.patch('/api/me/profile', { orcid: ' 0000-0002-1694-233x ' });
    expect(lowerX.statusCode).toBe(200);
    expect(lowerX.json().orcid).toBe('0000-0002-1694-233X');
  });

  it('changes the e-mail address only after the new address confirms it', async () => {
    const { email, id } = await makePerson(t.db);
    const client = new TestClient(t.app);
    await client.login(email);
    const wrong = await client.post('/api/me/email', { newEmail: 'moved@example.org', currentPassword: 'not it' });
    expect(wrong.statusCode).toBe(400);
    expect(
      (await client.post('/api/me/email', { newEmail: 'moved@example.org', currentPassword: TEST_PASSWORD }))
        .statusCode,
    ).toBe(202);
    expect((await t.db.selectFrom('person').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email).toBe(
      email,
    );
    const token = await lastLinkTo('moved@example.org', 'confirm-email');
    expect((await client.post('/api/accounts/confirm-email', { token })).statusCode).toBe(200);
    expect((await t.db.selectFrom('person').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email).toBe(
      'moved@example.org',
    );
  });

  it('changes the password only with the current one, keeping this session and ending the others', async () => {
    const { email } = await makePerson(t.db);
    const other = new TestClient(t.app);
    await other.login(email);
    const client = new TestClient(t.app);
    await client.login(email);
    expect(
      (await client.post('/api/me/password', { currentPassword: 'nope', newPassword: 'a brand new password' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' }))
        .statusCode,
    ).toBe(200);
    expect((await client.get('/api/me/profile')).statusCode).toBe(200);
    expect((await other.get('/api/me/profile')).statusCode).toBe(401);
  });
});
