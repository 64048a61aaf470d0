// Last year's essay awards, closed and being judged: eight entries (four per category), three
// judges of different severity (demo-award-judging.ts has the data and why), in every state a
// judging round passes through (scores submitted, drafts, one judge late, one invitation still
// open, one declined). Jamal Judge works where one entrant works, so he is not asked to judge that
// entry and the editor's suggestions show why. This year's call stays open for new entrants.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { insertPerson } from '../accounts/person.repository.ts';
import {
  type DemoJudgement,
  demoAwardEntries,
  demoEntrants,
  demoJudging,
  demoOpenInvitation,
} from './demo-award-judging.ts';
import {
  type DemoReview,
  type DemoSetting,
  daysAgo,
  inviteAndAnswer,
  sendToReview,
  writeReview,
} from './demo-reviewing.ts';
import { addDemoSubmission } from './seed-demo-submissions.ts';

const comment = 'A thoughtful, honest essay that stays close to practice.';
const toReview = (review: NonNullable<DemoJudgement['review']>): DemoReview => {
  const total = review.scores.reduce((a, b) => a + b, 0) / review.scores.length;
  return {
    scores: review.scores,
    toAuthor: comment,
    toEditor:
      review.submitted === undefined
        ? ''
        : total >= 4
          ? 'A strong contender in its category.'
          : 'Sound, but not among the strongest this year.',
    savedAt: daysAgo((review.submitted ?? 0) + 1),
    ...(review.submitted !== undefined && { submittedAt: daysAgo(review.submitted) }),
  };
};

/** The closed call: last July's deadline has passed (judging follows in the summer and autumn). */
export function pastAwardYear(now: Date): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export async function seedDemoJudging(setting: DemoSetting, options: { password: string; now: Date }): Promise<void> {
  const year = pastAwardYear(options.now);
  await addPastCall(setting.db, year);
  for (const entrant of demoEntrants)
    await insertPerson(setting.db, { ...entrant, password: options.password, emailDomains: [] });
  const ids: string[] = [];
  // Entered a fortnight before the deadline, when the call was open; one after another, so the
  // codes follow the table's order.
  for (const entry of demoAwardEntries)
    ids.push(
      await addDemoSubmission(setting.db, setting.dataDir, entry, {
        publicUrl: setting.publicUrl,
        callSlug: `awards-${year}`,
        now: new Date(`${year}-06-17T10:00:00Z`),
      }),
    );
  // Making the review copies is most of this step's time: four side by side keep `npm start` quick
  // without starting eight PDF jobs at once on a small machine.
  for (let i = 0; i < ids.length; i += 4)
    await Promise.all(ids.slice(i, i + 4).map((id) => sendToReview(setting, id, 'editor@example.org')));
  for (const step of demoJudging) {
    const assignmentId = await inviteAndAnswer(setting, {
      submissionId: ids[step.entry]!,
      reviewer: step.judge,
      editor: 'editor@example.org',
      invitedAt: daysAgo(step.invited),
      answer: step.declined
        ? { accept: false, at: daysAgo(step.invited - 1), reason: step.declined, suggestion: 'Josie Judge' }
        : { accept: true, at: daysAgo(step.invited - 1) },
    });
    if (step.review) await writeReview(setting, assignmentId, toReview(step.review));
  }
  await inviteAndAnswer(setting, {
    submissionId: ids[demoOpenInvitation.entry]!,
    reviewer: demoOpenInvitation.judge,
    editor: 'editor@example.org',
    invitedAt: daysAgo(demoOpenInvitation.invited),
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
