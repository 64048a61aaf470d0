// What every e-mail about a submission needs to know, read once: the facts the templates print,
// and its authors as readers (in their own time zone; one without an account reads the call's).
// The words themselves are in mail-templates/submission-mail.ts.
import type { Database } from '@gaps/db';
import type { AboutSubmission } from '../mail-templates/submission-mail.ts';
import { type Recipient, submissionLink } from '../mail-templates/words.ts';

export interface SubmissionMailFacts {
  submission: AboutSubmission;
  /** The author who sent it: the one the editors write to. */
  submitter: Recipient;
  /** Every other author, with their row's id (the confirmation link names the row). */
  coAuthors: Array<Recipient & { authorId: string }>;
}

export async function mailAboutSubmission(
  db: Database,
  publicUrl: string,
  submissionId: string,
): Promise<SubmissionMailFacts> {
  const row = await db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person', 'person.id', 'submission.submitter_id')
    .select([
      'submission.code',
      'submission.title',
      'submission.submitter_id',
      'call.title as call_title',
      'call.time_zone as call_time_zone',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'person.name as submitter_name',
      'person.email as submitter_email',
      'person.time_zone as submitter_time_zone',
    ])
    .where('submission.id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const authors = await db
    .selectFrom('submission_author')
    .leftJoin('person', 'person.id', 'submission_author.person_id')
    .select([
      'submission_author.id',
      'submission_author.name',
      'submission_author.email',
      'submission_author.person_id',
      'person.time_zone',
    ])
    .where('submission_author.submission_id', '=', submissionId)
    .orderBy('submission_author.position')
    .execute();
  return {
    submission: {
      venueId: row.venue_id,
      code: row.code ?? '',
      title: row.title,
      callTitle: row.call_title,
      venueName: row.venue_name,
      venueKind: row.venue_kind,
      link: submissionLink(publicUrl, submissionId),
    },
    submitter: {
      personId: row.submitter_id,
      name: row.submitter_name,
      email: row.submitter_email,
      timeZone: row.submitter_time_zone,
    },
    coAuthors: authors
      .filter((a) => a.person_id !== row.submitter_id && a.email !== row.submitter_email)
      .map((a) => ({
        authorId: a.id,
        personId: a.person_id,
        name: a.name,
        email: a.email,
        timeZone: a.time_zone ?? row.call_time_zone,
      })),
  };
}
