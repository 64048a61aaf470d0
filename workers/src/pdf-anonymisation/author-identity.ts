// Everything that would identify a submission's authors, as the leak scan takes it: read by the
// review-copy worker for the manuscript, and by the server for the author's response to reviewers.
import type { Database } from '@gaps/db';
import type { AuthorIdentity } from './pdf/types.ts';

/** Everything that would identify the authors: the rows of the submission and its application form. */
export async function loadIdentity(db: Database, submissionId: string): Promise<AuthorIdentity> {
  const authors = await db
    .selectFrom('submission_author')
    .select(['name', 'email', 'affiliation', 'orcid'])
    .where('submission_id', '=', submissionId)
    .execute();
  const form = await db
    .selectFrom('application_form')
    .select('answers')
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  const answers = (form?.answers ?? {}) as Record<string, string>;
  const present = (values: Array<string | null | undefined>) => [
    ...new Set(values.filter((v): v is string => Boolean(v?.trim()))),
  ];
  return {
    names: present([...authors.map((a) => a.name), answers.full_name]),
    emails: present(authors.map((a) => a.email)),
    affiliations: present([...authors.map((a) => a.affiliation), answers.institution]),
    orcids: present(authors.map((a) => a.orcid)),
  };
}
