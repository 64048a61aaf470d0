// The world the blindness suite walks: a double-blind journal call and an award call whose
// authors, co-author, affiliations, e-mail addresses, upload names and application answers are
// distinctive strings (accents, hyphens), reviewed by people whose names and confidential comments
// are distinctive too; and a single-blind and an open call, whose names follow their mode.
import { makePerson, TEST_PASSWORD, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { makeCall } from '../../../test/factories.ts';
import { insertPerson } from '../../accounts/person.repository.ts';
import { people } from './fixture-people.ts';
import { accept, decideAndSend, invite, makeVenueOf, review, sentSubmission } from './fixture-steps.ts';

export { people } from './fixture-people.ts';

export interface Person {
  id: string;
  email: string;
}

export interface World {
  editor: TestClient;
  persons: Record<keyof typeof people, Person>;
  venueIds: string[];
  callIds: string[];
  categoryIds: string[];
  /** Double-blind, under review: the journal paper and the award entry. */
  paperId: string;
  entryId: string;
  /** Double-blind, sent, with no reviewers. */
  otherId: string;
  /** Open call, reviewed by reviewer 1; single-blind call, reviewed by reviewer 2. */
  openId: string;
  singleId: string;
  submissionIds: string[];
  codes: string[];
  versionIds: string[];
  reviewCopyIds: string[];
  rubricIds: string[];
  assignmentIds: string[];
  /** Per reviewer: its assignments and the invitation tokens it was sent. */
  assignmentsOf: Record<'reviewer1' | 'reviewer2' | 'reviewer3', string[]>;
  tokensOf: Record<'reviewer1' | 'reviewer2' | 'reviewer3', string[]>;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const journal = await makeVenueOf(t, 'journal');
  const award = await makeVenueOf(t, 'award');
  const editorPerson = await makePerson(t.db, 'editor'); // edits both venues
  const editor = await signedIn(t.app, editorPerson.email);

  const persons = {} as Record<keyof typeof people, Person>;
  for (const [key, person] of Object.entries(people) as Array<
    [keyof typeof people, (typeof people)[keyof typeof people]]
  >) {
    const id = await insertPerson(t.db, {
      email: person.email,
      name: person.name,
      password: TEST_PASSWORD,
      affiliation: person.affiliation,
    });
    if ('orcid' in person) await t.db.updateTable('person').set({ orcid: person.orcid }).where('id', '=', id).execute();
    persons[key] = { id, email: person.email };
  }
  for (const key of ['reviewer1', 'reviewer2', 'reviewer3'] as const) {
    for (const venueId of [journal.venueId, award.venueId]) {
      await t.db
        .insertInto('reviewer_pool')
        .values({
          venue_id: venueId,
          person_id: persons[key].id,
          employer: people[key].employer,
          expertise: ['child protection'],
          email_domains: [people[key].email.split('@')[1]!],
        })
        .execute();
    }
  }

  const form = {
    declarations: [{ key: 'own_work', text: 'This is my own work.' }],
    applicationFormFields: [
      { key: 'employer', label: 'Your employer', type: 'text' as const, required: true },
      { key: 'biography', label: 'A short biography', type: 'textarea' as const, required: true },
    ],
  };
  const journalCall = await makeCall(t.db, journal.venueId, { ...form, rubricId: journal.rubricId });
  const awardCall = await makeCall(t.db, award.venueId, {
    ...form,
    rubricId: award.rubricId,
    categories: [{ name: 'Practice essays', description: '' }],
  });
  const openCall = await makeCall(t.db, journal.venueId, { blindMode: 'open', rubricId: journal.rubricId });
  const singleCall = await makeCall(t.db, journal.venueId, { blindMode: 'single', rubricId: journal.rubricId });
  const categories = await t.db.selectFrom('call_category').select('id').where('call_id', '=', awardCall).execute();

  const answers = (who: { name: string; affiliation: string }) => ({
    authors: [who],
    applicationForm: {
      employer: `Nørre-Vestbrø Kommune Børneteam for ${who.name}`,
      biography: `Biography-Ж: ${who.name} has practised at ${who.affiliation} since 2009.`,
    },
    declarations: { confirmed: ['own_work'], wordCount: 4200 },
  });
  const author = await signedIn(t.app, persons.author.email);
  const paperId = await sentSubmission(
    t,
    { editor },
    people.author,
    author,
    journalCall,
    {
      ...answers(people.author),
      authors: [
        { name: people.author.name, email: people.author.email, affiliation: people.author.affiliation },
        { name: people.coAuthor.name, email: people.coAuthor.email, affiliation: people.coAuthor.affiliation },
      ],
    },
    true,
  );
  const otherAuthor = await signedIn(t.app, persons.otherAuthor.email);
  const otherId = await sentSubmission(
    t,
    { editor },
    people.otherAuthor,
    otherAuthor,
    journalCall,
    {
      ...answers(people.otherAuthor),
      authors: [
        { name: people.otherAuthor.name, email: people.otherAuthor.email, affiliation: people.otherAuthor.affiliation },
      ],
    },
    false,
  );
  const awardAuthor = await signedIn(t.app, persons.awardAuthor.email);
  const entryId = await sentSubmission(
    t,
    { editor },
    people.awardAuthor,
    awardAuthor,
    awardCall,
    {
      ...answers(people.awardAuthor),
      categoryId: categories[0]!.id,
      authors: [
        { name: people.awardAuthor.name, email: people.awardAuthor.email, affiliation: people.awardAuthor.affiliation },
      ],
    },
    true,
  );
  const openAuthor = await signedIn(t.app, persons.openAuthor.email);
  const openId = await sentSubmission(
    t,
    { editor },
    people.openAuthor,
    openAuthor,
    openCall,
    {
      authors: [
        { name: people.openAuthor.name, email: people.openAuthor.email, affiliation: people.openAuthor.affiliation },
      ],
    },
    true,
  );

  const singleAuthor = await signedIn(t.app, persons.singleAuthor.email);
  const singleId = await sentSubmission(
    t,
    { editor },
    people.singleAuthor,
    singleAuthor,
    singleCall,
    {
      authors: [
        {
          name: people.singleAuthor.name,
          email: people.singleAuthor.email,
          affiliation: people.singleAuthor.affiliation,
        },
      ],
    },
    true,
  );

  const assignmentsOf: World['assignmentsOf'] = { reviewer1: [], reviewer2: [], reviewer3: [] };
  const tokensOf: World['tokensOf'] = { reviewer1: [], reviewer2: [], reviewer3: [] };
  const plan: Array<[string, 'reviewer1' | 'reviewer2' | 'reviewer3', 'invited' | 'draft' | 'submitted']> = [
    [paperId, 'reviewer1', 'submitted'],
    [paperId, 'reviewer2', 'draft'],
    [paperId, 'reviewer3', 'invited'],
    [entryId, 'reviewer1', 'draft'],
    [entryId, 'reviewer2', 'submitted'],
    [openId, 'reviewer1', 'draft'],
    [singleId, 'reviewer2', 'submitted'],
  ];
  for (const [submissionId, who, stage] of plan) {
    const reviewerId = persons[who].id;
    const { assignmentId, token } = await invite(t, editorPerson.id, submissionId, reviewerId);
    assignmentsOf[who].push(assignmentId);
    if (token) tokensOf[who].push(token);
    if (stage === 'invited') continue;
    await accept(t, reviewerId, assignmentId);
    const number = await t.db
      .selectFrom('assignment')
      .select('reviewer_number')
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    await review(t, reviewerId, assignmentId, number.reviewer_number, stage === 'submitted');
  }

  // A decided paper whose letter has gone out: the author reads it (reviewers only as "Reviewer N")
  // and reviewer 1 reads the thank-you (no author), both through the walk's pages and e-mails.
  const decidedId = await sentSubmission(
    t,
    { editor },
    people.author,
    author,
    journalCall,
    answers(people.author),
    true,
  );
  {
    const { assignmentId } = await invite(t, editorPerson.id, decidedId, persons.reviewer1.id);
    assignmentsOf.reviewer1.push(assignmentId);
    await accept(t, persons.reviewer1.id, assignmentId);
    await review(t, persons.reviewer1.id, assignmentId, 1, true);
    await decideAndSend(t, editor, decidedId, 'accept');
  }

  const submissionIds = [paperId, entryId, otherId, openId, singleId, decidedId];
  const submissions = await t.db
    .selectFrom('submission')
    .select(['id', 'code'])
    .where('id', 'in', submissionIds)
    .execute();
  const versions = await t.db
    .selectFrom('manuscript_version')
    .select('id')
    .where('submission_id', 'in', submissionIds)
    .execute();
  const copies = await t.db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select('review_copy.id')
    .where('manuscript_version.submission_id', 'in', submissionIds)
    .execute();
  return {
    editor,
    persons,
    venueIds: [journal.venueId, award.venueId],
    callIds: [journalCall, awardCall, openCall, singleCall],
    categoryIds: categories.map((c) => c.id),
    paperId,
    entryId,
    otherId,
    openId,
    singleId,
    submissionIds,
    codes: submissions.map((s) => s.code).filter((code): code is string => Boolean(code)),
    versionIds: versions.map((v) => v.id),
    reviewCopyIds: copies.map((c) => c.id),
    rubricIds: [journal.rubricId, award.rubricId],
    assignmentIds: Object.values(assignmentsOf).flat(),
    assignmentsOf,
    tokensOf,
  };
}

/** Every id the fixtures know (the walk also tries them where the viewer has no business). */
export function knownIds(world: World): string[] {
  return [
    ...world.venueIds,
    ...world.callIds,
    ...world.categoryIds,
    ...world.submissionIds,
    ...world.codes,
    ...world.versionIds,
    ...world.reviewCopyIds,
    ...world.rubricIds,
    ...world.assignmentIds,
  ];
}
