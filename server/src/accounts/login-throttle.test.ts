// The sign-in lock-out with Redis away (the throttle used to fail open) and behind one shared address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { TestClient } from '../../test/client.ts';

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
    const client = new TestClient(t.app);
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
