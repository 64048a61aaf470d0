// The sign-in limits with Redis away (the throttle used to fail open) and behind one shared address:
// per account and address, per account across addresses, per address across accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { TestClient } from '../../test/client.ts';

const clientAt = (app: TestApp['app'], ip: string) => {
  const client = new TestClient(app);
  client.ip = ip;
  return client;
};
const signIn = (client: TestClient, email: string, password: string) =>
  client.post('/api/session/login', { email, password });

describe('with Redis away', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails, as in an outage.
    t = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('still locks an account and address out after 10 failed sign-ins', async () => {
    const { email } = await makePerson(t.db);
    const client = new TestClient(t.app);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await client.post('/api/session/login', { email, password: `wrong ${attempt}` })).statusCode).toBe(401);
    }
    const eleventh = await client.post('/api/session/login', { email, password: TEST_PASSWORD });
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('stops many addresses guessing one account after 50 failures, and lets its owner in from an address they have used', {
    timeout: 120_000,
  }, async () => {
    const { email } = await makePerson(t.db);
    expect((await signIn(clientAt(t.app, '198.51.100.1'), email, TEST_PASSWORD)).statusCode).toBe(200);
    // Ten addresses, five wrong guesses each: no pair comes near its own lock-out of ten.
    for (let n = 1; n <= 10; n++) {
      const attacker = clientAt(t.app, `192.0.2.${n}`);
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await signIn(attacker, email, `wrong ${n}.${attempt}`)).statusCode).toBe(401);
      }
    }
    const newcomer = clientAt(t.app, '192.0.2.11');
    const refused = await signIn(newcomer, email, 'wrong 11');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/networks it has used before/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right password from a new address: answering it would tell a guesser it was right.
    expect((await signIn(newcomer, email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await signIn(clientAt(t.app, '198.51.100.1'), email, TEST_PASSWORD)).statusCode).toBe(200);
    // A new password, set through the inbox link, ends the guessing at the old one.
    expect((await newcomer.post('/api/accounts/password-reset', { email })).statusCode).toBe(202);
    const resetMail = await t.db
      .selectFrom('email_message')
      .select('text_body')
      .where('to_address', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const token = decodeURIComponent(resetMail.text_body.match(/reset-password\?token=(\S+)/)![1]!);
    const newPassword = 'a brand new passphrase';
    expect(
      (await newcomer.post('/api/accounts/password-reset/confirm', { token, password: newPassword })).statusCode,
    ).toBe(200);
    expect((await signIn(clientAt(t.app, '192.0.2.11'), email, newPassword)).statusCode).toBe(200);
  });

  it('stops one address guessing many accounts after 100 failures, and lets a colleague who has signed in there through', {
    timeout: 120_000,
  }, async () => {
    const office = '198.51.100.50';
    const colleague = await makePerson(t.db);
    expect((await signIn(clientAt(t.app, office), colleague.email, TEST_PASSWORD)).statusCode).toBe(200);
    const targets = await Promise.all(Array.from({ length: 21 }, () => makePerson(t.db)));
    const attacker = clientAt(t.app, office);
    // Twenty accounts, five wrong guesses each: no account or pair comes near its own limit.
    for (const { email } of targets.slice(0, 20)) {
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await signIn(attacker, email, `wrong ${attempt}`)).statusCode).toBe(401);
      }
    }
    const fresh = targets[20]!.email;
    const refused = await signIn(attacker, fresh, 'wrong');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/from your network/);
    expect((await signIn(attacker, fresh, TEST_PASSWORD)).statusCode).toBe(429);
    // The cap is the address's, not the site's: the same account from elsewhere is untouched.
    expect((await signIn(clientAt(t.app, '198.51.100.51'), fresh, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await signIn(clientAt(t.app, office), colleague.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('behind one shared address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a correct password for another account through after 100 failures on others from that address', {
    timeout: 90_000,
  }, async () => {
    const office = (await Promise.all(Array.from({ length: 11 }, () => makePerson(t.db)))).map((p) => p.email);
    const client = new TestClient(t.app);
    // The colleague has used the site from the office before (an account never used from an address
    // that has just had 100 failures waits out the window: see the per-address cap above).
    expect((await signIn(new TestClient(t.app), office[10]!, TEST_PASSWORD)).statusCode).toBe(200);
    // The first ten accounts each fail ten times from the office's address: 100 failures in all.
    for (const email of office.slice(0, 10)) {
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await client.post('/api/session/login', { email, password: `wrong ${attempt}` })).statusCode).toBe(401);
      }
    }
    expect((await client.post('/api/session/login', { email: office[0], password: TEST_PASSWORD })).statusCode).toBe(
      429,
    );
    const colleague = await client.post('/api/session/login', { email: office[10], password: TEST_PASSWORD });
    expect(colleague.statusCode).toBe(200);
  });

  it('starts a new window once the old one has passed, and a success clears the count', async () => {
    const { email } = await makePerson(t.db);
    // Another address than the office's, whose 100 failures above are still counted.
    const client = clientAt(t.app, '203.0.113.99');
    for (let attempt = 1; attempt <= 10; attempt++) await client.post('/api/session/login', { email, password: 'x' });
    await t.db
      .updateTable('failed_sign_in')
      .set({ window_started_at: new Date(Date.now() - 16 * 60_000) })
      .where('email', '=', email)
      .execute();
    expect((await client.post('/api/session/login', { email, password: 'x' })).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('failed_sign_in')
      .select('failures')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(row?.failures).toBe(1);
    expect((await client.post('/api/session/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await t.db.selectFrom('failed_sign_in').select('email').where('email', '=', email).execute()).toEqual([]);
  });
});
