// Last year's essay awards, closed and being judged: four entries, three judges, in every state
// a judging round passes through (scores submitted, drafts, one judge late, one invitation still
// open, one declined). Jamal Judge works where one entrant works, so he is not asked to judge that
// entry and the editor's suggestions show why. This year's call stays open for new entrants.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { insertPerson } from '../accounts/person.repository.ts';
import {
  type DemoReview,
  type DemoSetting,
  daysAgo,
  inviteAndAnswer,
  sendToReview,
  writeReview,
} from './demo-reviewing.ts';
import { addDemoSubmission, type DemoSubmission } from './seed-demo-submissions.ts';

const entrants = [
  { email: 'entrant1@example.org', name: 'Chloe Entrant', affiliation: 'Goldsmiths, University of London' },
  { email: 'entrant2@example.org', name: 'Dev Entrant', affiliation: 'Manchester Metropolitan University' },
  { email: 'entrant3@example.org', name: 'Esther Entrant', affiliation: 'Leeds City Council' },
  { email: 'entrant4@example.org', name: 'Femi Entrant', affiliation: 'Birmingham Children’s Trust' },
];

const essay = (
  author: string,
  category: string,
  title: string,
  abstract: string,
  keywords: string[],
  institution: string,
): DemoSubmission => ({
  author,
  venue: 'clare-winnicott-awards',
  category,
  title,
  abstract,
  keywords,
  // The essay itself names nobody: the entrants anonymised it as the call asks.
  pages: [
    [title, '', abstract, '', 'When I began my placement...'],
    ['What I learned', 'Looking back, I can see...'],
  ],
  endsAs: 'submitted',
  institution,
  programme: category === 'Student' ? 'MA Social Work (second year)' : 'Qualified social worker',
});

const entries = [
  essay(
    'entrant1@example.org',
    'Student',
    'Holding the thread',
    'On keeping a young person in mind across a placement that kept breaking down.',
    ['reflective practice', 'looked-after children'],
    'Goldsmiths, University of London',
  ),
  essay(
    'entrant2@example.org',
    'Student',
    'The waiting room',
    'What a duty desk taught me about anxiety, my own and the family’s.',
    ['duty work', 'anxiety', 'containment'],
    'Manchester Metropolitan University',
  ),
  essay(
    'entrant3@example.org',
    'Practitioner',
    'A home visit in winter',
    'Relationship-based practice with a father who did not want us there.',
    ['home visits', 'relationship-based practice', 'fathers'],
    'Leeds City Council',
  ),
  essay(
    'entrant4@example.org',
    'Practitioner',
    'Good enough',
    'Winnicott’s good-enough mother, and a good-enough social worker in adult social care.',
    ['Winnicott', 'adult social care'],
    'Birmingham Children’s Trust',
  ),
];

const comment = 'A thoughtful, honest essay that stays close to practice.';
const scored = (scores: number[], days: number, submitted: boolean): DemoReview => ({
  scores,
  toAuthor: comment,
  toEditor: submitted ? 'A strong contender in its category.' : '',
  savedAt: daysAgo(days + 1),
  ...(submitted && { submittedAt: daysAgo(days) }),
});

/** Who judges which entry, and how far each has got (days before the seed). */
const judging: Array<{ entry: number; judge: string; invited: number; review?: DemoReview; declined?: string }> = [
  { entry: 0, judge: 'judge1@example.org', invited: 20, review: scored([5, 4, 5, 5], 6, true) },
  { entry: 0, judge: 'judge2@example.org', invited: 20, review: scored([4, 4, 4, 4], 4, true) },
  { entry: 0, judge: 'judge3@example.org', invited: 20, review: scored([5, 5, 4, 4], 3, true) },
  { entry: 1, judge: 'judge1@example.org', invited: 20, review: scored([3, 4, 4, 4], 5, true) },
  { entry: 1, judge: 'judge2@example.org', invited: 20, review: scored([4, 3], 2, false) },
  // Invited long ago, accepted, nothing written yet: past the due date, so the editor sees it late.
  { entry: 1, judge: 'judge3@example.org', invited: 35 },
  { entry: 2, judge: 'reviewer2@example.org', invited: 20, declined: 'I am away for most of the judging period.' },
  { entry: 2, judge: 'judge1@example.org', invited: 18, review: scored([4, 5, 3, 3], 1, false) },
  { entry: 2, judge: 'judge3@example.org', invited: 18, review: scored([4, 4, 5, 5], 2, true) },
  { entry: 3, judge: 'judge2@example.org', invited: 20, review: scored([5, 5, 5, 5], 3, true) },
  { entry: 3, judge: 'judge3@example.org', invited: 20, review: scored([4, 5, 4, 4], 1, false) },
];
/** Asked a few days ago and not answered yet. */
const openInvitation = { entry: 3, judge: 'judge1@example.org', invited: 3 };

/** The closed call: last July's deadline has passed (judging follows in the summer and autumn). */
export function pastAwardYear(now: Date): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export async function seedDemoJudging(setting: DemoSetting, options: { password: string; now: Date }): Promise<void> {
  const year = pastAwardYear(options.now);
  await addPastCall(setting.db, year);
  for (const entrant of entrants)
    await insertPerson(setting.db, { ...entrant, password: options.password, emailDomains: [] });
  const ids: string[] = [];
  for (const entry of entries) {
    // Entered a fortnight before the deadline, when the call was open.
    const id = await addDemoSubmission(setting.db, setting.dataDir, entry, {
      publicUrl: setting.publicUrl,
      callSlug: `awards-${year}`,
      now: new Date(`${year}-06-17T10:00:00Z`),
    });
    await sendToReview(setting, id, 'editor@example.org');
    ids.push(id);
  }
  for (const step of judging) {
    const assignmentId = await inviteAndAnswer(setting, {
      submissionId: ids[step.entry]!,
      reviewer: step.judge,
      editor: 'editor@example.org',
      invitedAt: daysAgo(step.invited),
      answer: step.declined
        ? { accept: false, at: daysAgo(step.invited - 1), reason: step.declined, suggestion: 'Josie Judge' }
        : { accept: true, at: daysAgo(step.invited - 1) },
    });
    if (step.review) await writeReview(setting, assignmentId, step.review);
  }
  await inviteAndAnswer(setting, {
    submissionId: ids[openInvitation.entry]!,
    reviewer: openInvitation.judge,
    editor: 'editor@example.org',
    invitedAt: daysAgo(openInvitation.invited),
  });
}

async function addPastCall(db: Database, year: number): Promise<void> {
  const open = await db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select([
      'call.venue_id',
      'call.rubric_id',
      'call.description',
      'call.declarations',
      'call.application_form_fields',
    ])
    .where('venue.slug', '=', 'clare-winnicott-awards')
    .executeTakeFirstOrThrow();
  const deadline = `${year}-07-02 00:00:00`;
  const call = await db
    .insertInto('call')
    .values({
      venue_id: open.venue_id,
      slug: `awards-${year}`,
      title: `Clare Winnicott Essay Awards ${year}`,
      description: open.description,
      opens_at: new Date(`${year}-01-10T09:00:00Z`),
      deadline_local: deadline,
      time_zone: 'Europe/London',
      deadline_at: sql<Date>`(${deadline}::timestamp AT TIME ZONE 'Europe/London')`,
      // Judging is under way: the winners are announced a month after the seed.
      decision_due_at: sql<Date>`now() + interval '30 days'`,
      word_limit: 3500,
      blind_mode: 'double',
      single_author: true,
      rubric_id: open.rubric_id,
      declarations: JSON.stringify(open.declarations),
      application_form_fields: JSON.stringify(open.application_form_fields),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('call_category')
    .values([
      {
        call_id: call.id,
        position: 1,
        name: 'Student',
        description: 'Students on a qualifying social-work programme.',
      },
      { call_id: call.id, position: 2, name: 'Practitioner', description: 'Qualified social workers.' },
    ])
    .execute();
}
