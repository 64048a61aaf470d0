// Demo data so that a fresh `npm start` has people, venues and calls to click through.
// Runs only on an empty database and never in production.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { grantRole, insertPerson } from '../accounts/person.repository.ts';
import { runSweep } from '../reminders/sweep.ts';
import { seedDemoDecision } from './seed-demo-decision.ts';
import { seedDemoJudging } from './seed-demo-judging.ts';
import { seedDemoPool } from './seed-demo-pool.ts';
import { seedDemoReviews } from './seed-demo-reviews.ts';
import { seedDemoSubmissions } from './seed-demo-submissions.ts';

export const demoPeople = [
  { email: 'admin@example.org', name: 'Alex Admin', role: 'admin', affiliation: 'GAPS office' },
  { email: 'editor@example.org', name: 'Eleanor Editor', role: 'editor', affiliation: 'University of Kent' },
  { email: 'reviewer1@example.org', name: 'Ravi Reviewer', role: 'reviewer', affiliation: 'University of Bristol' },
  { email: 'reviewer2@example.org', name: 'Rosa Reviewer', role: 'reviewer', affiliation: 'Tavistock and Portman' },
  { email: 'author1@example.org', name: 'Amara Author', role: 'author', affiliation: 'Camden Children’s Services' },
  { email: 'author2@example.org', name: 'Ben Author', role: 'author', affiliation: 'Open University' },
  { email: 'judge1@example.org', name: 'Jan Judge', role: 'judge', affiliation: 'University of Sussex' },
  { email: 'judge2@example.org', name: 'Jamal Judge', role: 'judge', affiliation: 'Leeds City Council' },
  { email: 'judge3@example.org', name: 'Josie Judge', role: 'judge', affiliation: 'The Open University' },
] as const;

export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n === 0;
}

/** Seeds when the database has nobody in it; answers whether it did. */
export async function seedDemoData(
  db: Database,
  options: { password: string; dataDir?: string; now?: Date; publicUrl?: string },
): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const now = options.now ?? new Date();
  const awardYear = now.getUTCFullYear() + 1;
  await db.transaction().execute(async (trx) => {
    const venues = await trx
      .insertInto('venue')
      .values([
        {
          slug: 'jswp',
          name: 'Journal of Social Work Practice',
          kind: 'journal',
          code_prefix: 'JSWP',
          code_digits: 4,
          contact_email: 'jswp-editors@example.org',
        },
        {
          slug: 'clare-winnicott-awards',
          name: 'Clare Winnicott Essay Awards',
          kind: 'award',
          code_prefix: 'CWEA',
          code_digits: 3,
          contact_email: 'awards@example.org',
        },
        { slug: 'website', name: 'GAPS website articles', kind: 'website', code_prefix: 'WEB', code_digits: 3 },
      ])
      .returning(['id', 'slug'])
      .execute();
    const venue = (slug: string) => venues.find((v) => v.slug === slug)!.id;

    const ids: Record<string, string> = {};
    for (const person of demoPeople) {
      ids[person.email] = await insertPerson(trx, { ...person, password: options.password, emailDomains: [] });
      if (person.role === 'admin') await grantRole(trx, ids[person.email]!, 'admin');
      if (person.role === 'editor') for (const v of venues) await grantRole(trx, ids[person.email]!, 'editor', v.id);
    }
    await seedDemoPool(trx, { jswp: venue('jswp'), 'clare-winnicott-awards': venue('clare-winnicott-awards') }, now);

    const journalRubric = await insertRubric(
      trx,
      venue('jswp'),
      'Journal peer review',
      [
        ['Relevance to social work practice', 'Does it speak to practitioners and their work with people?'],
        ['Originality', 'Does it add something new to what is known?'],
        ['Rigour', 'Are the argument, method and evidence sound?'],
        ['Clarity', 'Is it clearly written and well organised?'],
      ],
      { asksRecommendation: true },
    );
    const awardRubric = await insertRubric(trx, venue('clare-winnicott-awards'), 'Essay award judging', [
      [
        'Relevance to relationship-based practice',
        'Does it speak to work with people, in the spirit of Clare Winnicott?',
      ],
      ['Use of theory', 'Does it draw on psychodynamic or relationship-based thinking, and use it well?'],
      ['Reflection', 'How honestly and deeply does the writer reflect on their own practice?'],
      ['Clarity of writing', 'Clear, engaging and well structured.'],
    ]);

    await trx
      .insertInto('call')
      .values({
        venue_id: venue('jswp'),
        slug: 'open-submissions',
        title: 'Journal of Social Work Practice: open submissions',
        description:
          'Original papers on psychodynamic and relationship-based social work, welcome all year round. Papers are reviewed double-blind by two reviewers.',
        opens_at: sql<Date>`now() - interval '1 year'`,
        word_limit: 7000,
        blind_mode: 'double',
        rubric_id: journalRubric,
        declarations: JSON.stringify([
          { key: 'original', text: 'This paper is my own work and is not under review anywhere else.' },
          {
            key: 'ethics',
            text: 'People described in the paper cannot be identified, and any research had ethical approval.',
          },
        ]),
      })
      .execute();

    const award = await trx
      .insertInto('call')
      .values({
        venue_id: venue('clare-winnicott-awards'),
        slug: `awards-${awardYear}`,
        title: `Clare Winnicott Essay Awards ${awardYear}`,
        description:
          'Two awards of £500, one for students on a qualifying social-work programme and one for practitioners, for writers who have not been published before. Winning essays are published in the Journal of Social Work Practice.',
        opens_at: sql<Date>`now() - interval '1 day'`,
        // "Midnight on 1 July" is the end of 1 July in London (BST), i.e. 2 July 00:00 local.
        deadline_local: `${awardYear}-07-02 00:00:00`,
        time_zone: 'Europe/London',
        deadline_at: sql<Date>`(${`${awardYear}-07-02 00:00:00`}::timestamp AT TIME ZONE 'Europe/London')`,
        decision_due_at: sql<Date>`(${`${awardYear}-09-02 00:00:00`}::timestamp AT TIME ZONE 'Europe/London')`,
        word_limit: 3500,
        blind_mode: 'double',
        single_author: true,
        rubric_id: awardRubric,
        declarations: JSON.stringify([
          { key: 'not_published', text: 'I have not previously been published.' },
          { key: 'word_count', text: 'My essay is no longer than 3,500 words.' },
          {
            key: 'anonymised',
            text: 'My essay does not identify me, and the people and organisations I describe cannot be identified.',
          },
          { key: 'terms', text: 'I agree to the terms of the awards, including publication in the journal if I win.' },
        ]),
        application_form_fields: JSON.stringify([
          { key: 'full_name', label: 'Full name', type: 'text', required: true },
          {
            key: 'programme_or_qualification',
            label: 'Programme of study or social-work qualification',
            type: 'text',
            required: true,
          },
          { key: 'institution', label: 'University or employer', type: 'text', required: true },
          { key: 'phone', label: 'Telephone', type: 'text', required: false },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('call_category')
      .values([
        {
          call_id: award.id,
          position: 1,
          name: 'Student',
          description: 'Students on a qualifying social-work programme.',
        },
        {
          call_id: award.id,
          position: 2,
          name: 'Practitioner',
          description:
            'Qualified social workers, including postgraduates who already hold a social-work qualification.',
        },
      ])
      .execute();

    await trx
      .insertInto('call')
      .values({
        venue_id: venue('website'),
        slug: 'commissioned-articles',
        title: 'Website articles (commissioned)',
        description: 'Short articles for the GAPS website, reviewed openly by the editors.',
        opens_at: sql<Date>`now() - interval '1 month'`,
        word_limit: 1500,
        blind_mode: 'open',
        fee_note: 'An author fee of £400 is paid on publication.',
      })
      .execute();
  });
  if (options.dataDir) {
    const setting = { db, dataDir: options.dataDir, publicUrl: options.publicUrl ?? 'http://localhost:3000' };
    const submissions = await seedDemoSubmissions(db, setting.dataDir, setting.publicUrl);
    await seedDemoReviews(setting, submissions);
    await seedDemoDecision(setting);
    await seedDemoJudging(setting, { password: options.password, now });
    // The sweep the API runs every 15 minutes, run once now over the demo's history: a judge who
    // accepted weeks ago and has written nothing is reminded, and the admin's Mail page shows it.
    await runSweep(db, { now, publicUrl: setting.publicUrl });
  }
  return true;
}

/** What each point of the demo's 1–5 scales means, so a reviewer sees the words beside the numbers. */
const demoDescriptors = JSON.stringify(
  ['Poor', 'Weak', 'Adequate', 'Good', 'Excellent'].map((text, index) => ({ score: index + 1, text })),
);

async function insertRubric(
  db: Database,
  venueId: string,
  name: string,
  criteria: Array<[string, string]>,
  options: { asksRecommendation?: boolean } = {},
) {
  const rubric = await db
    .insertInto('rubric')
    .values({ venue_id: venueId, name, asks_recommendation: options.asksRecommendation ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('rubric_criterion')
    .values(
      criteria.map(([label, description], index) => ({
        rubric_id: rubric.id,
        position: index + 1,
        label,
        description,
        descriptors: demoDescriptors,
      })),
    )
    .execute();
  return rubric.id;
}
