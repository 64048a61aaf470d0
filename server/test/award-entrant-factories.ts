// An award round after its announcement, for the entrant's certificate and the journal move: the
// award and the journal as venues, entries sent through the API (so their files are really stored),
// and award results put straight into the table (the ranking and announcement are built elsewhere).
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { FastifyInstance } from 'fastify';
import { grantRole, insertPerson } from '../src/accounts/person.repository.ts';
import { TEST_PASSWORD } from './build-test-app.ts';
import { signedIn } from './client.ts';
import { makeCall, makeCompleteDraft } from './factories.ts';

const letters = () =>
  Array.from(randomUUID().replaceAll('-', '').slice(0, 5), (hex) =>
    String.fromCharCode(65 + (Number.parseInt(hex, 16) % 26)),
  ).join('');

export async function makeNamedVenue(db: Database, kind: 'award' | 'journal', name: string) {
  return db
    .insertInto('venue')
    .values({
      slug: `${kind}-${randomUUID().slice(0, 6)}`,
      name,
      kind,
      code_prefix: `${kind === 'award' ? 'A' : 'J'}${letters()}`,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function makePersonNamed(db: Database, name: string, editorOf: string[] = []) {
  const email = `${randomUUID().slice(0, 8)}@example.org`;
  const id = await insertPerson(db, { email, name, password: TEST_PASSWORD });
  for (const venueId of editorOf) await grantRole(db, id, 'editor', venueId);
  return { id, email, name };
}

export interface AwardWorld {
  award: { id: string; slug: string };
  journal: { id: string; slug: string };
  awardCallId: string;
  studentCategoryId: string;
  journalCallId: string;
  closedJournalCallId: string;
}

/** The Clare Winnicott Essay Awards (a Student category) and the journal with an open and a closed call. */
export async function makeAwardWorld(db: Database): Promise<AwardWorld> {
  const award = await makeNamedVenue(db, 'award', 'Clare Winnicott Essay Awards');
  const journal = await makeNamedVenue(db, 'journal', 'Journal of Social Work Practice');
  const awardCallId = await makeCall(db, award.id, {
    title: 'Essay Awards 2026',
    categories: [{ name: 'Student', description: '' }],
  });
  const category = await db
    .selectFrom('call_category')
    .select('id')
    .where('call_id', '=', awardCallId)
    .executeTakeFirstOrThrow();
  const journalCallId = await makeCall(db, journal.id, { title: 'Open submissions' });
  const closedJournalCallId = await makeCall(db, journal.id, {
    title: 'Special issue 2021',
    opensAt: '2020-01-01T00:00:00Z',
    deadlineLocal: '2021-01-01T00:00',
  });
  return { award, journal, awardCallId, studentCategoryId: category.id, journalCallId, closedJournalCallId };
}

/** An entry sent by the entrant through the API, with its essay file stored. */
export async function sendEntry(
  app: FastifyInstance,
  world: AwardWorld,
  entrant: { email: string },
  patch: Record<string, unknown> = {},
) {
  const client = await signedIn(app, entrant.email);
  const id = await makeCompleteDraft(client, world.awardCallId, { categoryId: world.studentCategoryId, ...patch });
  const sent = await client.post(`/api/submissions/${id}/submit`);
  if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
  return { id, client };
}

/** The result as the announcement writes it (announcedAt null: decided, not yet announced). */
export async function putAwardResult(
  db: Database,
  world: AwardWorld,
  submissionId: string,
  outcome: 'winner' | 'commended' | 'shortlisted' | 'not_placed',
  announcedAt: Date | null = new Date(),
) {
  await db
    .insertInto('award_result')
    .values({
      call_id: world.awardCallId,
      category_id: world.studentCategoryId,
      submission_id: submissionId,
      outcome,
      rank: outcome === 'winner' ? 1 : 2,
      announced_at: announcedAt,
    })
    .execute();
}
