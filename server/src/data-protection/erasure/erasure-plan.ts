// What an erasure removes and what it keeps (UK GDPR art. 17, with the exceptions for records the
// journal and the awards must keep), written once: the API's preview, the person's page, the admin's
// page and erase-person.ts all read this list, so the words shown are the rules applied.
import type { DB } from '@gaps/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { openAssignmentStates } from '../../assignments/assignment-state.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The name and address an erased person's row keeps, so what stays still joins to someone. */
export const ERASED_NAME = 'Erased person';
export const ERASED_AUTHOR_NAME = 'Erased author';
export const erasedEmail = (personId: string) => `erased-${personId}@invalid`;
export const erasedAuthorEmail = (authorRowId: string) => `erased-author-${authorRowId}@invalid`;

export type ErasureItemKey =
  | 'profile'
  | 'signIns'
  | 'roles'
  | 'reviewerPools'
  | 'conflicts'
  | 'alternates'
  | 'drafts'
  | 'withdrawnFiles'
  | 'applicationForms'
  | 'mail'
  | 'auditDetails'
  | 'submittedWork'
  | 'reviews'
  | 'openAssignments'
  | 'erasureRecord';

export interface ErasureItem {
  key: ErasureItemKey;
  /** What happens, in plain words, for the person (or the admin) reading it. */
  words: string;
  /** How many of these this person has (null where counting says nothing useful). */
  count: number | null;
}

export interface ErasurePreview {
  goes: ErasureItem[];
  stays: ErasureItem[];
}

/** The words, in the order shown. Counts are filled in per person. */
const goesWords: Array<[ErasureItemKey, string]> = [
  ['profile', 'Your name, e-mail address, affiliation, ORCID iD and password. You will not be able to sign in again.'],
  ['signIns', 'Every place you are signed in, and every link we e-mailed you that still works.'],
  ['roles', 'Your roles on this site (admin or editor).'],
  ['reviewerPools', 'Your entries in the lists of reviewers and judges, with your expertise.'],
  ['conflicts', 'Conflicts of interest recorded for you.'],
  ['alternates', 'Places where you were kept as a stand-by reviewer.'],
  ['drafts', 'Drafts you started alone and never sent, with their files.'],
  ['withdrawnFiles', 'The files of work you wrote alone and withdrew.'],
  ['applicationForms', 'The application forms of your award entries that were withdrawn or did not win.'],
  [
    'mail',
    'The address and text of every e-mail we sent you. E-mails to you that are still waiting to go are not sent.',
  ],
  ['auditDetails', 'Your network (IP) address and your details in the activity log.'],
];

const staysWords: Array<[ErasureItemKey, string]> = [
  [
    'submittedWork',
    'Work you sent in (and published or accepted articles) stays, with you shown as “Erased author”. Your co-authors keep their names.',
  ],
  [
    'reviews',
    'Reviews and scores you submitted stay, without your name, so the decisions and award rankings they fed still add up.',
  ],
  [
    'openAssignments',
    'Invitations to review or judge that you have not finished are cancelled, and their reminders stop.',
  ],
  [
    'erasureRecord',
    'The activity log keeps a note that the account was erased, with how many records went, and nothing else about you.',
  ],
];

/** This person's counts, as erase-person.ts will find them: one query per line of the preview. */
export async function countErasure(db: Executor, personId: string): Promise<Record<ErasureItemKey, number | null>> {
  const person = await db.selectFrom('person').select(['email']).where('id', '=', personId).executeTakeFirst();
  const email = person?.email ?? '';
  const n = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db)).rows[0]?.n ?? 0;
  const mine = theirSubmissions(personId, email);
  return {
    profile: null,
    signIns: await n(sql`SELECT (
        (SELECT count(*) FROM session WHERE person_id = ${personId})
      + (SELECT count(*) FROM account_token WHERE person_id = ${personId} AND used_at IS NULL AND expires_at > now())
      )::int AS n`),
    roles: await n(sql`SELECT count(*)::int AS n FROM role_grant WHERE person_id = ${personId}`),
    reviewerPools: await n(sql`SELECT count(*)::int AS n FROM reviewer_pool WHERE person_id = ${personId}`),
    conflicts: await n(sql`SELECT count(*)::int AS n FROM conflict WHERE person_id = ${personId}`),
    alternates: await n(sql`SELECT count(*)::int AS n FROM review_alternate WHERE person_id = ${personId}`),
    drafts: await n(sql`SELECT count(*)::int AS n FROM (${mine}) s WHERE s.status = 'draft' AND s.sole`),
    withdrawnFiles: await n(sql`SELECT count(DISTINCT mv.file_sha256)::int AS n FROM (${mine}) s
      JOIN manuscript_version mv ON mv.submission_id = s.id WHERE s.status = 'withdrawn' AND s.sole`),
    applicationForms: await n(sql`SELECT count(*)::int AS n FROM (${mine}) s
      JOIN application_form af ON af.submission_id = s.id WHERE s.submitter_id = ${personId} AND ${unsuccessful}`),
    mail: await n(
      sql`SELECT count(*)::int AS n FROM email_message WHERE person_id = ${personId} OR to_address = ${email}`,
    ),
    auditDetails: await n(sql`SELECT count(*)::int AS n FROM audit_event
      WHERE (object_type = 'person' AND object_id = ${personId}::text) OR actor_id = ${personId}`),
    submittedWork: await n(sql`SELECT count(*)::int AS n FROM (${mine}) s WHERE s.status <> 'draft'`),
    reviews: await n(
      sql`SELECT count(*)::int AS n FROM assignment WHERE reviewer_id = ${personId} AND status = 'submitted'`,
    ),
    openAssignments: await n(sql`SELECT count(*)::int AS n FROM assignment
      WHERE reviewer_id = ${personId} AND status IN (${sql.join(openAssignmentStates)})`),
    erasureRecord: null,
  };
}

/**
 * The submissions the person is on (as submitter or as an author, by account or by address), with
 * `sole` when no one else is an author of it.
 */
export function theirSubmissions(personId: string, email: string) {
  return sql`
    SELECT s.id, s.status, s.submitter_id, s.venue_id,
      NOT EXISTS (
        SELECT 1 FROM submission_author o WHERE o.submission_id = s.id
          AND o.person_id IS DISTINCT FROM ${personId} AND lower(o.email) <> lower(${email})
      ) AS sole
    FROM submission s
    WHERE s.submitter_id = ${personId}
      OR EXISTS (SELECT 1 FROM submission_author a WHERE a.submission_id = s.id
        AND (a.person_id = ${personId} OR lower(a.email) = lower(${email})))`;
}

/** An award entry that will not be published: withdrawn, turned away, or placed below the winners. */
export const unsuccessful = sql`(
  s.status IN ('withdrawn', 'desk_rejected')
  OR EXISTS (SELECT 1 FROM award_result r WHERE r.submission_id = s.id AND r.outcome NOT IN ('winner', 'commended'))
)`;

export async function erasurePreview(db: Executor, personId: string): Promise<ErasurePreview> {
  const counts = await countErasure(db, personId);
  const items = (list: Array<[ErasureItemKey, string]>) =>
    list.map(([key, words]) => ({ key, words, count: counts[key] }));
  return { goes: items(goesWords), stays: items(staysWords) };
}
