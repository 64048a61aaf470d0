// Why a person should not review a submission: the one place conflicts are computed. This file
// loads the facts; the rules themselves are pure (conflict-rules.ts), and so is what counts as
// the same domain (email-domains.ts) or the same organisation (normalise-organisation.ts).
import type { Database } from '@gaps/db';
import {
  authorRule,
  coAuthoredRule,
  declaredByAuthorRule,
  declaredByReviewerRule,
  type OtherSubmission,
  type PartyFacts,
  type ReviewerFacts,
  sameAffiliationRule,
  sameEmailDomainRule,
  samePerson,
} from './conflict-rules.ts';

export const conflictReasons = [
  'author', // the person is an author (submitter or linked co-author)
  'same_email_domain', // a non-public e-mail domain shared with an author
  'same_affiliation', // the same normalised affiliation or employer as an author
  'co_authored', // co-authored another submission in this system with an author
  'declared_by_reviewer', // the reviewer's declared conflicts name an author, or their institution
  'declared_by_author', // an author asked that this person not review
  'declared', // recorded by an editor on this submission
] as const;
export type ConflictReason = (typeof conflictReasons)[number];

export interface FoundConflict {
  personId: string;
  reason: ConflictReason;
  /** Plain words for the editor ("Same employer as an author: University of Essex"). Editor-only. */
  detail: string;
}

// Rows stored before the reasons were renamed still mean what they meant.
const storedReasons: Record<string, ConflictReason> = {
  author: 'author',
  co_author: 'author',
  same_institution: 'same_affiliation',
  same_email_domain: 'same_email_domain',
  co_authored: 'co_authored',
  declared_by_reviewer: 'declared_by_reviewer',
  declared_by_author: 'declared_by_author',
  declared: 'declared',
};
const storedWords: Record<ConflictReason, string> = {
  author: 'Recorded as an author',
  same_email_domain: 'Recorded: same e-mail domain',
  same_affiliation: 'Recorded: same institution',
  co_authored: 'Recorded: co-authored with an author',
  declared_by_reviewer: 'Declared by the reviewer',
  declared_by_author: 'An author asked that this person not review',
  declared: 'Recorded by an editor',
};

const present = (values: readonly (string | null | undefined)[]) => [
  ...new Set(values.filter((value): value is string => Boolean(value?.trim()))),
];

/** Every conflict between the submission's authors and each of `personIds` (none → empty). */
export async function findConflicts(
  db: Database,
  submissionId: string,
  personIds: readonly string[],
): Promise<FoundConflict[]> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return [];
  const submission = await db
    .selectFrom('submission')
    .select(['id', 'venue_id', 'submitter_id'])
    .where('id', '=', submissionId)
    .executeTakeFirst();
  if (!submission) return [];

  const [authors, reviewers, recorded] = await Promise.all([
    loadAuthors(db, submission.venue_id, submissionId, submission.submitter_id),
    loadReviewers(db, submission.venue_id, ids),
    db
      .selectFrom('conflict')
      .select(['person_id', 'reason', 'note'])
      .where('submission_id', '=', submissionId)
      .where('person_id', 'in', ids)
      .orderBy('recorded_at')
      .execute(),
  ]);
  const others = await loadOtherSubmissions(db, submissionId, reviewers);

  const found = new Map<string, FoundConflict>();
  const add = (personId: string, reason: ConflictReason, details: readonly string[]) => {
    if (details.length === 0) return;
    const key = `${personId} ${reason}`;
    const earlier = found.get(key);
    const detail = [...new Set([...(earlier ? [earlier.detail] : []), ...details])].join('; ');
    found.set(key, { personId, reason, detail });
  };
  for (const reviewer of reviewers) {
    add(reviewer.personId, 'author', authorRule(reviewer, authors));
    // An author shares a domain and an affiliation with themselves: the other rules compare
    // the reviewer with the other authors only.
    const otherAuthors = authors.filter((author) => !samePerson(author, reviewer));
    add(reviewer.personId, 'same_email_domain', sameEmailDomainRule(reviewer, otherAuthors));
    add(reviewer.personId, 'same_affiliation', sameAffiliationRule(reviewer, otherAuthors));
    add(reviewer.personId, 'co_authored', coAuthoredRule(reviewer, otherAuthors, others));
    add(reviewer.personId, 'declared_by_reviewer', declaredByReviewerRule(reviewer, otherAuthors));
    add(reviewer.personId, 'declared_by_author', declaredByAuthorRule(reviewer, otherAuthors));
  }
  for (const row of recorded) {
    const reason = storedReasons[row.reason] ?? 'declared';
    add(row.person_id, reason, [row.note?.trim() ? `${storedWords[reason]}: ${row.note.trim()}` : storedWords[reason]]);
  }
  // In the order asked for, then by reason as listed above.
  return [...found.values()].sort(
    (a, b) =>
      ids.indexOf(a.personId) - ids.indexOf(b.personId) ||
      conflictReasons.indexOf(a.reason) - conflictReasons.indexOf(b.reason),
  );
}

/** The authors as listed on the submission, with what their accounts add, and the submitter. */
async function loadAuthors(
  db: Database,
  venueId: string,
  submissionId: string,
  submitterId: string,
): Promise<PartyFacts[]> {
  const rows = await db
    .selectFrom('submission_author')
    .leftJoin('person', 'person.id', 'submission_author.person_id')
    .leftJoin('reviewer_pool', (join) =>
      join.onRef('reviewer_pool.person_id', '=', 'person.id').on('reviewer_pool.venue_id', '=', venueId),
    )
    .select([
      'reviewer_pool.declared_conflicts',
      'submission_author.person_id',
      'submission_author.name',
      'submission_author.email',
      'submission_author.affiliation',
      'person.email as account_email',
      'person.email_domains',
      'person.affiliation as account_affiliation',
    ])
    .where('submission_author.submission_id', '=', submissionId)
    .orderBy('submission_author.position')
    .execute();
  const authors: PartyFacts[] = rows.map((row) => ({
    personId: row.person_id,
    name: row.name,
    emails: present([row.email, row.account_email]),
    domains: row.email_domains ?? [],
    affiliations: present([row.affiliation, row.account_affiliation]),
    declared: row.declared_conflicts ?? [],
  }));
  if (!authors.some((author) => author.personId === submitterId)) {
    const submitter = await db
      .selectFrom('person')
      .leftJoin('reviewer_pool', (join) =>
        join.onRef('reviewer_pool.person_id', '=', 'person.id').on('reviewer_pool.venue_id', '=', venueId),
      )
      .select(['person.id', 'person.name', 'person.email', 'person.email_domains', 'person.affiliation'])
      .select('reviewer_pool.declared_conflicts')
      .where('person.id', '=', submitterId)
      .executeTakeFirst();
    if (submitter) {
      authors.push({
        personId: submitter.id,
        name: submitter.name,
        emails: [submitter.email],
        domains: submitter.email_domains,
        affiliations: present([submitter.affiliation]),
        declared: submitter.declared_conflicts ?? [],
      });
    }
  }
  return authors;
}

/** Each person as their account and the venue's pool describe them. */
async function loadReviewers(db: Database, venueId: string, ids: string[]): Promise<ReviewerFacts[]> {
  const rows = await db
    .selectFrom('person')
    .leftJoin('reviewer_pool', (join) =>
      join.onRef('reviewer_pool.person_id', '=', 'person.id').on('reviewer_pool.venue_id', '=', venueId),
    )
    .select([
      'person.id',
      'person.name',
      'person.email',
      'person.affiliation',
      'person.email_domains',
      'reviewer_pool.employer',
      'reviewer_pool.email_domains as pool_domains',
      'reviewer_pool.declared_conflicts',
    ])
    .where('person.id', 'in', ids)
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    name: row.name,
    emails: [row.email],
    domains: present([...row.email_domains, ...(row.pool_domains ?? [])]),
    affiliations: present([row.affiliation, row.employer]),
    declared: row.declared_conflicts ?? [],
  }));
}

/** Other submissions (drafts too) that any of the reviewers is on, with everyone on them. */
async function loadOtherSubmissions(
  db: Database,
  submissionId: string,
  reviewers: readonly ReviewerFacts[],
): Promise<OtherSubmission[]> {
  if (reviewers.length === 0) return [];
  const ids = reviewers.map((reviewer) => reviewer.personId);
  const emails = reviewers.flatMap((reviewer) => reviewer.emails);
  const involved = await db
    .selectFrom('submission')
    .select(['id', 'code', 'submitter_id'])
    .where('id', '!=', submissionId)
    .where((eb) =>
      eb.or([
        eb('submitter_id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('submission_author')
            .select('submission_author.id')
            .whereRef('submission_author.submission_id', '=', 'submission.id')
            .where((inner) =>
              inner.or([
                inner('submission_author.person_id', 'in', ids),
                inner('submission_author.email', 'in', emails),
              ]),
            ),
        ),
      ]),
    )
    .execute();
  if (involved.length === 0) return [];
  const [people, submitters] = await Promise.all([
    db
      .selectFrom('submission_author')
      .select(['submission_id', 'person_id', 'name', 'email'])
      .where(
        'submission_id',
        'in',
        involved.map((submission) => submission.id),
      )
      .execute(),
    db
      .selectFrom('person')
      .select(['id', 'name', 'email'])
      .where('id', 'in', [...new Set(involved.map((submission) => submission.submitter_id))])
      .execute(),
  ]);
  return involved.map((submission) => {
    const submitter = submitters.find((person) => person.id === submission.submitter_id);
    const party = (personId: string | null, name: string, email: string): PartyFacts => ({
      personId,
      name,
      emails: [email],
      domains: [],
      affiliations: [],
    });
    return {
      code: submission.code,
      people: [
        ...(submitter ? [party(submitter.id, submitter.name, submitter.email)] : []),
        ...people
          .filter((person) => person.submission_id === submission.id)
          .map((person) => party(person.person_id, person.name, person.email)),
      ],
    };
  });
}
