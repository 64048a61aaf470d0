import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeVenue, type TestApp } from '../../../test/build-test-app.ts';
import { TestClient } from '../../../test/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the privacy notice', () => {
  it('states the retention periods each venue has set, to anyone', async () => {
    const venue = await makeVenue(t.db);
    await t.db.updateTable('venue').set({ retain_mail_bodies_months: 3 }).where('id', '=', venue.id).execute();
    const response = await new TestClient(t.app).get('/api/privacy/retention');
    expect(response.statusCode).toBe(200);
    const row = response.json().venues.find((v: { name: string }) => v.name === `Venue ${venue.slug}`);
    expect(row).toMatchObject({ mailBodiesMonths: 3, draftsMonths: 18, unsuccessfulEntriesMonths: 12 });
  });
});
