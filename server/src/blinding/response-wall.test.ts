// The second wall: whatever a projection or a query lets slip into an answer, the route's
// response schema (built from the views in project-submission.ts) drops before it is sent.
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, makePerson, makeVenue, testConfig } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { buildApp } from '../app.ts';
import type { ServerConfig } from '../config.ts';

let database: TestDatabase;
let config: ServerConfig;
let app: FastifyInstance;
let author: TestClient;
let editor: TestClient;
let submissionId: string;
let venueId: string;

const smuggledPersonId = '00000000-0000-4000-8000-000000000001';

/** What a careless projection might add: identity fields, and keys no view knows. */
function smuggle(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  const answer: Record<string, unknown> = { ...payload, smuggled: 'top level' };
  if (answer.submission && typeof answer.submission === 'object') {
    const submission = answer.submission as Record<string, unknown>;
    answer.submission = {
      ...submission,
      submitterId: smuggledPersonId,
      passwordHash: 'not for anyone',
      authors: (submission.authors as object[]).map((a) => ({ ...a, personId: 'a person id' })),
      reviewCopy: submission.reviewCopy && {
        ...(submission.reviewCopy as object),
        leakReport: {
          findings: [{ kind: 'name', page: 1, text: 'A. Author', context: 'by A. Author' }],
          overWordLimit: false,
          overPageLimit: false,
          leaksInCopy: [],
        },
      },
    };
  }
  if (Array.isArray(answer.submissions)) {
    answer.submissions = answer.submissions.map((s: object) => ({ ...s, submitterEmail: 'someone@example.org' }));
  }
  return answer;
}

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  app = await buildApp(config, { db: database.db });
  // Runs after the handler and before the serializer: a stand-in for a projection that let too much through.
  app.addHook('preSerialization', async (_request, _reply, payload) => smuggle(payload));
  await app.ready();
  const venue = await makeVenue(database.db);
  venueId = venue.id;
  const callId = await makeCall(database.db, venue.id);
  editor = await signedIn(app, (await makePerson(database.db, 'editor')).email);
  author = await signedIn(app, (await makePerson(database.db, 'author')).email);
  submissionId = await makeCompleteDraft(author, callId);
  expect((await author.post(`/api/submissions/${submissionId}/submit`)).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (config) {
    rmSync(config.DATA_DIR, { recursive: true, force: true });
    await deleteRedisKeys(config.REDIS_URL, config.QUEUE_PREFIX);
  }
});

describe('fields a view does not list never reach the response', () => {
  it('the author’s answer keeps the author view only', async () => {
    const response = await author.get(`/api/submissions/${submissionId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.relation).toBe('author');
    expect(body).not.toHaveProperty('smuggled');
    expect(body.submission).not.toHaveProperty('submitterId');
    expect(body.submission).not.toHaveProperty('passwordHash');
    expect(body.submission.authors[0]).not.toHaveProperty('personId');
    expect(body.submission.title).toBe('Holding on: a practitioner’s account');
    expect(response.body).not.toContain('A. Author');
  });

  it('the editor’s answer keeps what the editor view lists, and nothing else', async () => {
    const body = (await editor.get(`/api/submissions/${submissionId}`)).json();
    expect(body.relation).toBe('editor');
    expect(body).not.toHaveProperty('smuggled');
    expect(body.submission.submitterId).toBe(smuggledPersonId); // listed by the editor view
    expect(body.submission).not.toHaveProperty('passwordHash');
    expect(body.submission.authors[0]).not.toHaveProperty('personId');
  });

  it('lists drop unknown keys on each row', async () => {
    const queue = (await editor.get(`/api/venues/${venueId}/submissions`)).json();
    expect(queue.submissions).toHaveLength(1);
    expect(queue.submissions[0]).not.toHaveProperty('submitterEmail');
    const mine = (await author.get('/api/me/submissions')).json();
    expect(mine.submissions[0]).not.toHaveProperty('submitterEmail');
    expect(mine.submissions[0].timeZone).toBe('Europe/London');
  });
});
