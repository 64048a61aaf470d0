// What a viewer must never read, worked out from the database by each call's blind mode, so the
// suite needs no list of names: whatever identities the fixtures (or future features) store are
// the needles. Double-blind: reviewers never learn the authors, authors never the reviewers, and
// reviewers not each other. Single-blind: reviewers see the authors. Open: everyone involved sees
// everyone. A confidential comment is for the editors: only the reviewer who wrote it reads it back.
import type { Database } from '@gaps/db';
import { type Needle, needlesOf } from './fold-text.ts';

type Mode = 'double' | 'single' | 'open';

interface Identity {
  personId: string | null;
  needles: Needle[];
}

interface SubmissionFacts {
  id: string;
  mode: Mode;
  authors: Identity[];
  /** Upload names and application answers: identity whoever's they are. */
  authorMaterial: Needle[];
  reviewers: Array<Identity & { confidential: Needle[] }>;
}

async function loadFacts(db: Database): Promise<SubmissionFacts[]> {
  const submissions = await db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .select(['submission.id', 'submission.submitter_id', 'call.blind_mode'])
    .execute();
  const authors = await db
    .selectFrom('submission_author')
    .select(['submission_id', 'person_id', 'name', 'email', 'affiliation', 'orcid', 'position'])
    .execute();
  const people = await db.selectFrom('person').select(['id', 'name', 'email', 'affiliation', 'orcid']).execute();
  const pool = await db.selectFrom('reviewer_pool').select(['person_id', 'employer', 'orcid']).execute();
  const versions = await db.selectFrom('manuscript_version').select(['submission_id', 'uploaded_name']).execute();
  const forms = await db.selectFrom('application_form').select(['submission_id', 'answers']).execute();
  const assignments = await db
    .selectFrom('assignment')
    .leftJoin('review', 'review.assignment_id', 'assignment.id')
    .select(['assignment.submission_id', 'assignment.reviewer_id', 'assignment.reviewer_number'])
    .select('review.comments_to_editor')
    .execute();

  const personNeedles = (personId: string, role: string): Needle[] => {
    const person = people.find((p) => p.id === personId);
    if (!person) return [];
    const entries = pool.filter((p) => p.person_id === personId);
    return [
      ...needlesOf(`${role}'s name`, person.name, 'name'),
      ...needlesOf(`${role}'s e-mail`, person.email, 'email'),
      ...(person.affiliation ? needlesOf(`${role}'s affiliation`, person.affiliation, 'place') : []),
      ...(person.orcid ? needlesOf(`${role}'s ORCID`, person.orcid, 'text') : []),
      ...entries.flatMap((e) => [
        ...(e.employer ? needlesOf(`${role}'s employer`, e.employer, 'place') : []),
        ...(e.orcid ? needlesOf(`${role}'s ORCID`, e.orcid, 'text') : []),
      ]),
    ];
  };

  return submissions.map((s) => {
    const rows = authors.filter((a) => a.submission_id === s.id).sort((a, b) => a.position - b.position);
    const authorIdentities: Identity[] = rows.map((a, index) => {
      const role = index === 0 ? 'author' : `co-author ${index}`;
      return {
        personId: a.person_id,
        needles: [
          ...needlesOf(`${role}'s name`, a.name, 'name'),
          ...needlesOf(`${role}'s e-mail`, a.email, 'email'),
          ...(a.affiliation ? needlesOf(`${role}'s affiliation`, a.affiliation, 'place') : []),
          ...(a.orcid ? needlesOf(`${role}'s ORCID`, a.orcid, 'text') : []),
          ...(a.person_id ? personNeedles(a.person_id, role) : []),
        ],
      };
    });
    if (!rows.some((a) => a.person_id === s.submitter_id)) {
      authorIdentities.push({ personId: s.submitter_id, needles: personNeedles(s.submitter_id, 'submitter') });
    }
    const answers = forms
      .filter((f) => f.submission_id === s.id)
      .flatMap((f) => Object.values((f.answers ?? {}) as Record<string, unknown>))
      .filter((answer): answer is string => typeof answer === 'string');
    return {
      id: s.id,
      mode: s.blind_mode as Mode,
      authors: authorIdentities,
      authorMaterial: [
        ...versions
          .filter((v) => v.submission_id === s.id)
          .flatMap((v) => needlesOf('upload file name', v.uploaded_name, 'text')),
        ...answers.flatMap((answer) => needlesOf('application form answer', answer, 'text')),
      ],
      reviewers: assignments
        .filter((a) => a.submission_id === s.id)
        .map((a) => ({
          personId: a.reviewer_id,
          needles: personNeedles(a.reviewer_id, `Reviewer ${a.reviewer_number}`),
          confidential: a.comments_to_editor
            ? needlesOf(`Reviewer ${a.reviewer_number}'s confidential comment`, a.comments_to_editor, 'comment')
            : [],
        })),
    };
  });
}

/** Every identity string `personId` may not read, with what it is. */
export async function forbiddenFor(db: Database, personId: string): Promise<Needle[]> {
  const forbidden: Needle[] = [];
  // What the viewer may read somewhere (its own name, its own submission's authors, an open call's
  // reviewers): a string shown by right in one place is not a leak when it appears in another.
  const allowed = new Set((await ownNeedles(db, personId)).map((n) => n.folded));
  for (const s of await loadFacts(db)) {
    const isAuthor = s.authors.some((a) => a.personId === personId);
    const isReviewer = s.reviewers.some((r) => r.personId === personId);
    const authorsShown = isAuthor || (isReviewer && s.mode !== 'double');
    const authorNeedles = [...s.authors.flatMap((a) => a.needles), ...s.authorMaterial];
    if (authorsShown) for (const n of authorNeedles) allowed.add(n.folded);
    else forbidden.push(...authorNeedles);
    for (const reviewer of s.reviewers) {
      if (reviewer.personId === personId) {
        for (const n of [...reviewer.needles, ...reviewer.confidential]) allowed.add(n.folded);
        continue;
      }
      forbidden.push(...reviewer.confidential);
      const shown = s.mode === 'open' && (isAuthor || isReviewer);
      if (shown) for (const n of reviewer.needles) allowed.add(n.folded);
      else forbidden.push(...reviewer.needles);
    }
  }
  return dedupe(forbidden).filter((n) => !allowed.has(n.folded));
}

async function ownNeedles(db: Database, personId: string): Promise<Needle[]> {
  const me = await db
    .selectFrom('person')
    .select(['name', 'email', 'affiliation'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return [
    ...needlesOf('', me.name, 'name'),
    ...needlesOf('', me.email, 'email'),
    ...(me.affiliation ? needlesOf('', me.affiliation, 'place') : []),
  ];
}

function dedupe(needles: Needle[]): Needle[] {
  const seen = new Map<string, Needle>();
  for (const needle of needles) if (!seen.has(needle.folded)) seen.set(needle.folded, needle);
  return [...seen.values()];
}

/** The submissions a double-blind promise covers (the single and open ones follow their mode). */
export async function doubleBlindSubmissionIds(db: Database): Promise<string[]> {
  return (await loadFacts(db)).filter((s) => s.mode === 'double').map((s) => s.id);
}
