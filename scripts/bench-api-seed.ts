// The data bench:api loads: one venue and call, an editor, an author and a reviewer with sessions,
// 20,000 other authors, submissions and 40,000 review assignments (with reviews and rubric scores)
// seeded in SQL (generate_series), fast enough for 100,000 submissions in seconds.
import type { Database } from '@gaps/db';
import { REVIEW_COPY_PIPELINE_VERSION } from '@gaps/workers/contracts';
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
  reviewerId: string;
  reviewerToken: string;
}

/**
 * One venue and call, an editor, an author and a reviewer with sessions, and 20,000 other authors
 * (who review each other's submissions too): about as
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
  const reviewer = await person('reviewer@bench.example.org', 'Bench reviewer');
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
    reviewerId: reviewer.id,
    reviewerToken: await session(reviewer.id),
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

/**
 * `count` review assignments on the submissions seeded so far (not drafts), in SQL: each submission
 * in code order gets reviewer 1, then reviewer 2, … until `count` are placed; the reviewers are the
 * 20,000 authors (about 2 each, never on their own submission), and the bench reviewer has every
 * 307th of the reviewer-1 assignments (about 30, in every state). States: 10 % invited, 25 %
 * accepted (two in three with a draft review), 5 % declined, 3 % expired, 5 % cancelled, the rest
 * submitted (with a submitted review). The call gets a rubric of four criteria (1 to 5, with
 * descriptors) asking for a recommendation; a submitted review scores all four, a draft two.
 * Each assigned submission has one manuscript version with a ready review copy.
 * Answers the bench reviewer's accepted assignment with a draft, for the review page.
 */
export async function seedAssignments(db: Database, fixture: BenchFixture, count: number): Promise<string> {
  const rubric = await db
    .insertInto('rubric')
    .values({ venue_id: fixture.venueId, name: 'Bench rubric', asks_recommendation: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO rubric_criterion (rubric_id, position, label, description, min_score, max_score, descriptors)
    SELECT ${rubric.id}::uuid, c, (ARRAY['Relevance to practice', 'Use of evidence', 'Reflection', 'Clarity'])[c],
      'How well the paper does this.', 1, 5,
      (SELECT jsonb_agg(jsonb_build_object('score', s, 'text', 'Level ' || s) ORDER BY s) FROM generate_series(1, 5) s)
    FROM generate_series(1, 4) c`.execute(db);
  await db.updateTable('call').set({ rubric_id: rubric.id }).where('id', '=', fixture.callId).execute();
  await sql`
    WITH sent AS (
      SELECT id, submitter_id, (row_number() OVER (ORDER BY code_number) - 1)::int AS place
      FROM submission WHERE venue_id = ${fixture.venueId}::uuid AND status <> 'draft'
    ),
    placed AS (
      SELECT k, 1 + (k - 1) / n AS number, (k - 1) % n AS place,
        CASE WHEN k % 20 IN (0, 1) THEN 'invited' WHEN k % 20 IN (2, 3, 4, 5, 6) THEN 'accepted'
          WHEN k % 20 = 7 THEN 'declined' WHEN k % 100 IN (8, 28, 48) THEN 'expired' WHEN k % 20 = 9 THEN 'cancelled'
          ELSE 'submitted' END AS status,
        now() - interval '40 days' + (k % 1000) * interval '1 hour' AS invited_at
      FROM generate_series(1, ${count}::int) k, (SELECT count(*)::int AS n FROM sent) total
    ),
    authors AS (SELECT array_agg(id ORDER BY email) AS ids FROM person WHERE email LIKE 'author-%@bench.example.org')
    INSERT INTO assignment (submission_id, round, reviewer_id, reviewer_number, status, invited_by, invited_at,
      invitation_expires_at, responded_at, due_at, submitted_at, expired_at, cancelled_at)
    SELECT s.id, 1,
      CASE WHEN r.number = 1 AND r.k % 307 = 7 THEN ${fixture.reviewerId}::uuid
        WHEN authors.ids[1 + r.k * 7919 % 20000] = s.submitter_id THEN authors.ids[1 + (r.k * 7919 + 1) % 20000]
        ELSE authors.ids[1 + r.k * 7919 % 20000] END,
      r.number, r.status, ${fixture.editorId}::uuid, r.invited_at, r.invited_at + interval '14 days',
      CASE WHEN r.status IN ('accepted', 'declined', 'submitted') THEN r.invited_at + interval '2 days' END,
      CASE WHEN r.status IN ('accepted', 'submitted') THEN r.invited_at + interval '30 days' END,
      CASE WHEN r.status = 'submitted' THEN r.invited_at + interval '25 days' END,
      CASE WHEN r.status = 'expired' THEN r.invited_at + interval '14 days' END,
      CASE WHEN r.status = 'cancelled' THEN r.invited_at + interval '5 days' END
    FROM placed r JOIN sent s ON s.place = r.place, authors
  `.execute(db);
  // Every assigned submission has a manuscript and a ready review copy (one stored file for all).
  const file = 'b'.repeat(64);
  await db
    .insertInto('stored_file')
    .values({ sha256: file, size_bytes: 250_000, media_type: 'application/pdf' })
    .execute();
  await sql`
    INSERT INTO manuscript_version (submission_id, round, version_number, file_sha256, uploaded_name, uploaded_by,
      uploaded_at, word_count, page_count)
    SELECT s.id, 1, 1, ${file}, 'manuscript.pdf', s.submitter_id, s.submitted_at, 6000 + s.code_number % 2000, 20
    FROM submission s WHERE s.id IN (SELECT submission_id FROM assignment)
  `.execute(db);
  await sql`
    INSERT INTO review_copy (manuscript_version_id, input_sha256, pipeline_version, status, output_sha256,
      page_count, word_count)
    SELECT id, file_sha256, ${REVIEW_COPY_PIPELINE_VERSION}::int, 'ready', file_sha256, page_count, word_count
    FROM manuscript_version
  `.execute(db);
  await sql`
    INSERT INTO review (assignment_id, recommendation, comments_to_author, comments_to_editor, submitted_at,
      created_at, updated_at)
    SELECT a.id, (ARRAY['accept', 'minor_revision', 'major_revision', 'reject'])[1 + a.reviewer_number % 4],
      'The paper makes a careful argument about practice; the second section could say more.',
      'A sound paper.', a.submitted_at, a.responded_at, coalesce(a.submitted_at, a.responded_at + interval '1 day')
    FROM assignment a
    WHERE a.status = 'submitted' OR (a.status = 'accepted' AND extract(day FROM a.invited_at)::int % 3 <> 0)
  `.execute(db);
  await sql`
    INSERT INTO review_score (review_id, criterion_id, score)
    SELECT review.id, c.id, 1 + (c.position + ascii(right(review.id::text, 1))) % 5
    FROM review JOIN rubric_criterion c ON c.rubric_id = ${rubric.id}::uuid
    WHERE review.submitted_at IS NOT NULL OR c.position <= 2
  `.execute(db);
  const page = await db
    .selectFrom('assignment')
    .innerJoin('review', 'review.assignment_id', 'assignment.id')
    .select('assignment.id')
    .where('assignment.reviewer_id', '=', fixture.reviewerId)
    .where('assignment.status', '=', 'accepted')
    .orderBy('assignment.invited_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  return page.id;
}
