import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { seedDemoData } from './seed-demo-data.ts';
import { DEMO_PAPER_ACCEPTED } from './seed-demo-decision.ts';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gaps-seed-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('seeds people, venues, calls and submissions in several states once, and never twice', async () => {
    expect(await seedDemoData(database.db, { password: 'demo-demo-demo', dataDir })).toBe(true);
    expect(await seedDemoData(database.db, { password: 'demo-demo-demo', dataDir })).toBe(false);
    const people = await database.db.selectFrom('person').select('email').orderBy('email').execute();
    expect(people.map((p) => p.email)).toEqual([
      'admin@example.org',
      'author1@example.org',
      'author2@example.org',
      'editor@example.org',
      'entrant1@example.org',
      'entrant2@example.org',
      'entrant3@example.org',
      'entrant4@example.org',
      'entrant5@example.org',
      'entrant6@example.org',
      'entrant7@example.org',
      'entrant8@example.org',
      'judge1@example.org',
      'judge2@example.org',
      'judge3@example.org',
      'reviewer1@example.org',
      'reviewer2@example.org',
    ]);
    const states = await database.db.selectFrom('submission').select(['status', 'code']).orderBy('code').execute();
    expect(states.map((s) => s.status).sort()).toEqual([
      'decided',
      'draft',
      ...Array<string>(9).fill('in_review'),
      'screening',
      'submitted',
      'submitted',
      'withdrawn',
    ]);
    expect(states.filter((s) => s.code).map((s) => s.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CWEA-\d{4}-001$/), expect.stringMatching(/^JSWP-\d{4}-0001$/)]),
    );
    // The seed uploads through the same use case as authors: every manuscript has its audit entry.
    const versions = await database.db.selectFrom('manuscript_version').select('submission_id').execute();
    const uploads = await database.db
      .selectFrom('audit_event')
      .select(['object_id', 'actor_id'])
      .where('action', '=', 'submission.manuscript_uploaded')
      .execute();
    expect(versions.length).toBe(14);
    expect(uploads.map((u) => u.object_id).sort()).toEqual(versions.map((v) => v.submission_id).sort());
    expect(uploads.every((u) => u.actor_id !== null)).toBe(true);
    // No editor signs in during the seed: its screening move is the system's, and says so.
    const screening = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'system_actor'])
      .where('action', '=', 'submission.status_changed')
      .where('details', '@>', JSON.stringify({ to: 'screening' }))
      .executeTakeFirstOrThrow();
    expect(screening).toEqual({ actor_id: null, system_actor: 'demo_seed' });
    const award = await database.db
      .selectFrom('call')
      .select(['deadline_at', 'time_zone'])
      .where('slug', 'like', 'awards-%')
      .executeTakeFirstOrThrow();
    // Midnight at the end of 1 July, London summer time.
    expect(award.deadline_at!.toISOString()).toMatch(/-07-01T23:00:00\.000Z$/);
  });

  it('shows a journal paper with two submitted reviews, and last year’s closed awards being judged', async () => {
    const db = database.db;
    const assignments = await db
      .selectFrom('assignment')
      .innerJoin('submission', 'submission.id', 'assignment.submission_id')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .innerJoin('person', 'person.id', 'assignment.reviewer_id')
      .leftJoin('review', 'review.assignment_id', 'assignment.id')
      .select([
        'submission.title',
        'call.deadline_at',
        'person.email',
        'assignment.status',
        'review.recommendation',
        'review.comments_to_editor',
        'review.submitted_at',
      ])
      .execute();
    const paper = assignments.filter((a) => a.title.startsWith('Endings that hold'));
    expect(paper.map((a) => [a.email, a.status]).sort()).toEqual([
      ['reviewer1@example.org', 'submitted'],
      ['reviewer2@example.org', 'submitted'],
    ]);
    for (const review of paper) {
      expect(review.recommendation).toMatch(/revision/);
      expect(review.comments_to_editor).not.toBe('');
      expect(review.submitted_at).not.toBeNull();
    }
    const scores = await db
      .selectFrom('review_score')
      .innerJoin('review', 'review.id', 'review_score.review_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('review.submitted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(scores.n).toBeGreaterThanOrEqual(8); // two journal reviews of four criteria, and the judges'

    const judged = assignments.filter((a) => a.title !== paper[0]!.title && a.title !== DEMO_PAPER_ACCEPTED);
    // The accepted journal paper: one decision, its letter out at once, production "accepted".
    const accepted = await db
      .selectFrom('decision')
      .innerJoin('submission', 'submission.id', 'decision.submission_id')
      .select(['decision.outcome', 'decision.rescinded_at', 'submission.status', 'submission.production_status'])
      .where('submission.title', '=', DEMO_PAPER_ACCEPTED)
      .execute();
    expect(accepted).toEqual([
      { outcome: 'accept', rescinded_at: null, status: 'decided', production_status: 'accepted' },
    ]);
    // The judged call is closed; each of its entries has several judges, in different states.
    expect(judged.every((a) => a.deadline_at !== null && a.deadline_at < new Date())).toBe(true);
    const judgesPerEntry = Object.groupBy(judged, (a) => a.title);
    expect(Object.keys(judgesPerEntry)).toHaveLength(8);
    for (const entry of Object.values(judgesPerEntry)) expect(entry!.length).toBeGreaterThanOrEqual(2);
    expect(new Set(judged.map((a) => a.status))).toEqual(new Set(['submitted', 'accepted', 'invited', 'declined']));
    expect(judged.filter((a) => a.status === 'invited')).toHaveLength(1);
    // This year's call is still open for new entrants.
    const open = await db
      .selectFrom('call')
      .select('slug')
      .where('slug', 'like', 'awards-%')
      .where('deadline_at', '>', new Date())
      .execute();
    expect(open).toHaveLength(1);
  });
});

describe('demo reminders', () => {
  it('the sweep run during the seed reminded the judge whose scores are late, so the Mail page shows it', async () => {
    const reminders = await database.db
      .selectFrom('reminder_sent')
      .innerJoin('email_message', 'email_message.id', 'reminder_sent.email_message_id')
      .select(['reminder_sent.reason', 'reminder_sent.sent_by', 'email_message.to_address', 'email_message.subject'])
      .execute();
    expect(reminders).toContainEqual(
      expect.objectContaining({ reason: 'overdue', sent_by: null, to_address: 'judge3@example.org' }),
    );
    for (const r of reminders) expect(r.subject).not.toMatch(/entrant|Entrant/);
  });
});
