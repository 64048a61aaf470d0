// The world the blindness suite walks: a double-blind journal call and an award call whose
// authors, co-author, affiliations, e-mail addresses, upload names and application answers are
// distinctive strings (accents, hyphens), reviewed by people whose names and confidential comments
// are distinctive too; and an open call, whose names the walk must leave to its mode.
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { LocalFileStore } from '@gaps/workers/shared';
import { makePerson, TEST_PASSWORD, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult, makeCall } from '../../../test/factories.ts';
import { insertPerson } from '../../accounts/person.repository.ts';
import { hashToken } from '../../accounts/tokens.ts';
import { moveAssignment } from '../../assignments/assignment-state.ts';
import { inviteReviewer } from '../../assignments/invite.ts';
import { simplePdf } from '../../demo/simple-pdf.ts';

export const people = {
  author: {
    name: 'Zoë Ångström-Okonkwo',
    email: 'zoe.angstrom-okonkwo@st-etienne-rouvray.example',
    affiliation: 'Université de Saint-Étienne-du-Rouvray',
    orcid: '0000-0002-1825-0097',
  },
  coAuthor: {
    name: 'Siobhán Nguyễn-Farquharson',
    email: 'siobhan.nguyen-farquharson@kirkwall-orcadia.example',
    affiliation: 'Kirkwall-Orcadia Børnehus Trust',
  },
  otherAuthor: {
    name: 'Dagrún Castellanos-Ibáñez',
    email: 'dagrun.castellanos-ibanez@valladolid-duero.example',
    affiliation: 'Ayuntamiento de Valladolid-Duero',
  },
  awardAuthor: {
    name: 'Màiri Oyelowo-Szczepańska',
    email: 'mairi.oyelowo-szczepanska@stornoway-leodhas.example',
    affiliation: 'Comhairle nan Eilean Siar-Leòdhas',
  },
  openAuthor: {
    name: 'Břetislav Kowalczyk-Ferreira',
    email: 'bretislav.kowalczyk-ferreira@olomouc-hana.example',
    affiliation: 'Olomoucký kraj-Haná Family Service',
  },
  singleAuthor: {
    name: 'Teodora Ivanova-Achterberg',
    email: 'teodora.ivanova-achterberg@plovdiv-trakia.example',
    affiliation: 'Община Пловдив-Тракия Social Services',
  },
  reviewer1: {
    name: 'Łukasz Øyelaran-Brown',
    email: 'lukasz.oyelaran-brown@gdansk-wrzeszcz.example',
    affiliation: 'Politechnika Gdańska-Wrzeszcz',
    employer: 'Pomorskie Centrum Pomocy-Rodzinie',
  },
  reviewer2: {
    name: 'Ingrid Þórsdóttir-Mbeki',
    email: 'ingrid.thorsdottir-mbeki@akureyri-nordurland.example',
    affiliation: 'Háskólinn á Akureyri-Norðurland',
    employer: 'Velferðarsvið Akureyrar-Eyjafjörður',
  },
  reviewer3: {
    name: 'Rémi Ĉapek-Villanueva',
    email: 'remi.capek-villanueva@brno-moravia.example',
    affiliation: 'Masarykova univerzita Brno-Morava',
    employer: 'Jihomoravský kraj-Sociální odbor',
  },
} as const;

/** The name the file had on its author's computer: "Ångström-Okonkwo_final-draft.pdf". */
export const uploadNameOf = (author: { name: string }) => `${author.name.split(' ').at(-1)}_final-draft.pdf`;
export const confidential = (reviewer: number, where: string) =>
  `Confidential-Ξ-marker ${where} from reviewer ${reviewer}: I once supervised someone on this team.`;

/** The anonymised output: what the worker makes, free of every identity string. */
const reviewCopyPdf = simplePdf([
  ['Holding on: a practitioner account', 'Anonymised for review.'],
  ['The family, the worker and the agency are described without names.'],
]);

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

async function storeFile(t: TestApp, bytes: Buffer) {
  const blob = await new LocalFileStore(t.dataDir).receive(Readable.from(bytes));
  await blob.commit();
  await t.db
    .insertInto('stored_file')
    .values({ sha256: blob.sha256, media_type: 'application/pdf', size_bytes: blob.sizeBytes })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return blob.sha256;
}

async function makeVenueOf(t: TestApp, kind: 'journal' | 'award') {
  const slug = `${kind}-${randomUUID().slice(0, 6)}`;
  const prefix = `${kind === 'journal' ? 'J' : 'A'}${randomBytes(3).toString('hex').replace(/[0-9]/g, 'Q').toUpperCase().slice(0, 4)}`;
  const venue = await t.db
    .insertInto('venue')
    .values({ slug, name: `Venue ${slug}`, kind, code_prefix: prefix })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rubric = await t.db
    .insertInto('rubric')
    .values({ venue_id: venue.id, name: 'Blindness rubric', asks_recommendation: kind === 'journal' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('rubric_criterion')
    .values([
      { rubric_id: rubric.id, position: 1, label: 'Use of theory', weight: '2' },
      { rubric_id: rubric.id, position: 2, label: 'Clarity of writing' },
    ])
    .execute();
  return { venueId: venue.id, rubricId: rubric.id };
}

/** An author's submission, sent, its copy made and (when `toReview`) moved into review. */
async function sentSubmission(
  t: TestApp,
  world: Pick<World, 'editor'>,
  who: { name: string; email: string; affiliation: string },
  author: TestClient,
  callId: string,
  patch: Record<string, unknown>,
  toReview: boolean,
) {
  const started = await author.post('/api/submissions', { callId });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  const id: string = started.json().id;
  const saved = await author.patch(`/api/submissions/${id}`, {
    title: 'Holding on: a practitioner account',
    abstract: 'How a social worker stayed curious with a frightened family over two years.',
    keywords: ['child protection', 'containment'],
    ...patch,
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  // The original file names its author, as originals do: if a reviewer ever gets it, the walk sees it.
  const original = simplePdf([[`By ${who.name}, ${who.affiliation}`, who.email]], { author: who.name });
  const uploaded = await author.upload(`/api/submissions/${id}/manuscript`, uploadNameOf(who), original);
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  const sent = await author.post(`/api/submissions/${id}/submit`);
  if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
  const sha = await storeFile(t, reviewCopyPdf);
  await finishCopyAsWorker(t.db, id, () => madeCopyResult(sha));
  if (toReview) {
    for (const to of ['screening', 'in_review']) {
      const moved = await world.editor.post(`/api/submissions/${id}/status`, { to });
      if (moved.statusCode !== 200) throw new Error(`move to ${to} failed: ${moved.body}`);
    }
  }
  return id;
}

/**
 * Invites through the invitation contract when it is built (so its e-mail is read by the walk),
 * else writes the row the way it would: the suite runs before and after that work lands.
 */
async function invite(t: TestApp, editorId: string, submissionId: string, reviewerId: string) {
  const audit = { actorId: editorId, ip: null, requestId: null };
  try {
    const { assignmentId } = await inviteReviewer(
      { db: t.db, audit, now: new Date(), publicUrl: t.config.PUBLIC_URL, invitedBy: editorId },
      { submissionId, personId: reviewerId },
    );
    return { assignmentId, token: null };
  } catch (error) {
    if (!(error instanceof Error) || !/not built yet/.test(error.message)) throw error;
  }
  const token = randomBytes(24).toString('base64url');
  const taken = await t.db
    .selectFrom('assignment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submission_id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('assignment')
    .values({
      submission_id: submissionId,
      round: 1,
      reviewer_id: reviewerId,
      reviewer_number: Number(taken.n) + 1,
      invited_by: editorId,
      due_at: new Date(Date.now() + 28 * 86_400_000),
      invitation_token_hash: hashToken(token),
      invitation_expires_at: new Date(Date.now() + 14 * 86_400_000),
      trace_code: randomBytes(8).toString('hex').toUpperCase().slice(0, 8),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { assignmentId: row.id, token };
}

async function accept(t: TestApp, reviewerId: string, assignmentId: string) {
  await moveAssignment(
    t.db,
    { actorId: reviewerId, ip: null, requestId: null },
    { assignmentId, to: 'accepted', mover: 'reviewer' },
  );
}

/** A review with scores and a confidential comment; submitted when `submit`. */
async function review(t: TestApp, reviewerId: string, assignmentId: string, reviewer: number, submit: boolean) {
  const facts = await t.db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .select(['call.rubric_id', 'submission.venue_id'])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('review')
    .values({
      assignment_id: assignmentId,
      recommendation: 'minor_revision',
      comments_to_author: 'The account of the home visits is vivid; say more about supervision.',
      comments_to_editor: confidential(reviewer, assignmentId.slice(0, 8)),
      submitted_at: submit ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = await t.db
    .selectFrom('rubric_criterion')
    .select('id')
    .where('rubric_id', '=', facts.rubric_id!)
    .execute();
  await t.db
    .insertInto('review_score')
    .values(criteria.map((c, index) => ({ review_id: row.id, criterion_id: c.id, score: 3 + index })))
    .execute();
  if (submit) {
    await moveAssignment(
      t.db,
      { actorId: reviewerId, ip: null, requestId: null },
      { assignmentId, to: 'submitted', mover: 'reviewer' },
    );
  }
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

  const submissionIds = [paperId, entryId, otherId, openId, singleId];
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
