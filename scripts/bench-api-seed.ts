// The data bench:api loads: one venue and call, an editor and an author with sessions, 20,000 other
// authors, and submissions seeded in SQL (generate_series), fast enough for 100,000 in seconds.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { hashToken } from '../server/src/accounts/tokens.ts';

export interface BenchFixture {
  venueId: string;
  callId: string;
  categoryIds: [string, string];
  editorId: string;
  editorToken: string;
  authorId: string;
  authorToken: string;
}

/**
 * One venue and call, an editor and an author with sessions, and 20,000 other authors: about as
 * many submissions per author as a real journal sees (so PostgreSQL's estimates per person are
 * realistic; 200 authors with 500 submissions each would not be).
 */
export async function seedPeople(db: Database): Promise<BenchFixture> {
  const venue = await db
    .insertInto('venue')
    .values({ slug: 'bench', name: 'Bench journal', kind: 'journal', code_prefix: 'BNCH' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = await db
    .insertInto('call')
    .values({ venue_id: venue.id, slug: 'open', title: 'Open call' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const categories = await db
    .insertInto('call_category')
    .values([
      { call_id: call.id, position: 1, name: 'Practitioner' },
      { call_id: call.id, position: 2, name: 'Student' },
    ])
    .returning('id')
    .execute();
  await sql`
    INSERT INTO person (email, name, password_hash, email_verified_at)
    SELECT 'author-' || lpad(i::text, 5, '0') || '@bench.example.org', 'Author ' || i, 'not-a-password', now()
    FROM generate_series(1, 20000) i`.execute(db);
  const person = (email: string, name: string) =>
    db
      .insertInto('person')
      .values({ email, name, password_hash: 'not-a-password', email_verified_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
  const editor = await person('editor@bench.example.org', 'Bench editor');
  const author = await person('me@bench.example.org', 'Bench author');
  await db.insertInto('role_grant').values({ person_id: editor.id, role: 'editor', venue_id: venue.id }).execute();
  const session = async (personId: string) => {
    const token = `bench-${personId}`;
    await db
      .insertInto('session')
      .values({ token_hash: hashToken(token), person_id: personId, expires_at: sql`now() + interval '1 day'` })
      .execute();
    return token;
  };
  return {
    venueId: venue.id,
    callId: call.id,
    categoryIds: [categories[0]!.id, categories[1]!.id],
    editorId: editor.id,
    editorToken: await session(editor.id),
    authorId: author.id,
    authorToken: await session(author.id),
  };
}

/**
 * Submissions number `from` to `to`, in SQL: 5 % drafts, 5 % withdrawn, 10 % screening, 5 % in
 * review, the rest submitted; the bench author submits every 500th and co-writes every 700th
 * (linked), the editor co-writes every 10,000th (so the queue must leave it out).
 */
export async function seedSubmissions(db: Database, fixture: BenchFixture, from: number, to: number) {
  await sql`
    INSERT INTO submission (call_id, venue_id, category_id, submitter_id, status, code, code_year, code_number,
      title, abstract, submitted_at, created_at, updated_at)
    SELECT ${fixture.callId}::uuid, ${fixture.venueId}::uuid,
      CASE WHEN i % 2 = 0 THEN ${fixture.categoryIds[0]}::uuid ELSE ${fixture.categoryIds[1]}::uuid END,
      CASE WHEN i % 500 = 7 THEN ${fixture.authorId}::uuid ELSE authors.ids[1 + i % 20000] END,
      status,
      CASE WHEN status = 'draft' THEN NULL ELSE 'BNCH-2026-' || lpad(i::text, 6, '0') END,
      CASE WHEN status = 'draft' THEN NULL ELSE 2026 END,
      CASE WHEN status = 'draft' THEN NULL ELSE i END,
      'Paper ' || i || ' on ' || (ARRAY['relationship-based practice', 'supervision', 'child protection',
        'reflective practice', 'adult safeguarding', 'community care'])[1 + i % 6],
      'An abstract about practice.',
      CASE WHEN status = 'draft' THEN NULL ELSE timestamptz '2026-01-01' + i * interval '1 minute' END,
      timestamptz '2026-01-01' + i * interval '1 minute',
      timestamptz '2026-01-01' + i * interval '1 minute' + interval '1 hour'
    FROM (
      SELECT i, CASE WHEN i % 20 = 0 THEN 'draft' WHEN i % 20 = 1 THEN 'withdrawn'
        WHEN i % 20 IN (2, 3) THEN 'screening' WHEN i % 20 = 4 THEN 'in_review' ELSE 'submitted' END AS status
      FROM generate_series(${from}::int, ${to}::int) i
    ) numbered,
    (SELECT array_agg(id ORDER BY email) AS ids FROM person WHERE email LIKE 'author-%@bench.example.org') authors
  `.execute(db);
  const since = sql`timestamptz '2026-01-01' + ${from}::int * interval '1 minute'`;
  await sql`
    INSERT INTO submission_author (submission_id, person_id, position, name, email, is_corresponding)
    SELECT s.id, s.submitter_id, 1, p.name, p.email, true
    FROM submission s JOIN person p ON p.id = s.submitter_id
    WHERE s.created_at >= ${since}
  `.execute(db);
  await sql`
    INSERT INTO submission_author (submission_id, person_id, position, name, email)
    SELECT s.id,
      CASE WHEN n.i % 700 = 11 THEN ${fixture.authorId}::uuid WHEN n.i % 10000 = 13 THEN ${fixture.editorId}::uuid END,
      2, 'Co-author ' || n.i,
      CASE WHEN n.i % 700 = 11 THEN 'me@bench.example.org' WHEN n.i % 10000 = 13 THEN 'editor@bench.example.org'
        ELSE 'co-author-' || n.i || '@bench.example.org' END
    FROM submission s,
      LATERAL (SELECT (extract(epoch FROM s.created_at - timestamptz '2026-01-01') / 60)::int AS i) n
    WHERE s.created_at >= ${since} AND (n.i % 3 = 0 OR n.i % 700 = 11 OR n.i % 10000 = 13)
  `.execute(db);
}
