// Reads what the system holds about one person, as raw rows for the projection in
// blinding/project-personal-export.ts. Named columns only: other people's rows are read just far
// enough for the projection to keep what the person may see (a co-author's name, a reviewer's
// number and comments to the authors) and drop the rest.
import type { Database } from '@gaps/db';
import { loadDecisions } from '../../decisions/decision.repository.ts';

export type PersonalRecords = Awaited<ReturnType<typeof collectPersonalData>>;

export async function collectPersonalData(db: Database, personId: string) {
  const person = await db
    .selectFrom('person')
    .select([
      'id',
      'email',
      'email_verified_at',
      'name',
      'affiliation',
      'orcid',
      'time_zone',
      'email_domains',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const [roles, reviewerPools, sessions] = await Promise.all([
    db
      .selectFrom('role_grant')
      .leftJoin('venue', 'venue.id', 'role_grant.venue_id')
      .select(['role_grant.role', 'venue.name as venue', 'role_grant.granted_at'])
      .where('role_grant.person_id', '=', personId)
      .orderBy('role_grant.granted_at')
      .execute(),
    // What editors recorded about them as a reviewer: their employer, declared conflicts, availability.
    db
      .selectFrom('reviewer_pool')
      .innerJoin('venue', 'venue.id', 'reviewer_pool.venue_id')
      .select([
        'venue.name as venue',
        'reviewer_pool.expertise',
        'reviewer_pool.employer',
        'reviewer_pool.email_domains',
        'reviewer_pool.orcid',
        'reviewer_pool.declared_conflicts',
        'reviewer_pool.availability',
        'reviewer_pool.available_from',
        'reviewer_pool.active',
        'reviewer_pool.added_at',
      ])
      .where('reviewer_pool.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('session')
      .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    person,
    roles,
    reviewerPools,
    sessions,
    ...(await collectAuthorship(db, personId)),
    ...(await collectReviewing(db, personId)),
    ...(await collectMailAndAudit(db, personId)),
  };
}

/** Submissions they are an author (or the submitter) of, with what an author of each may see. */
async function collectAuthorship(db: Database, personId: string) {
  const submissions = await db
    .selectFrom('submission')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.status',
      'submission.title',
      'submission.abstract',
      'submission.keywords',
      'submission.declarations',
      'submission.submitter_id',
      'submission.submitted_at',
      'submission.created_at',
      'submission.updated_at',
      'submission.production_status',
      'submission.production_updated_at',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'call.title as call_title',
    ])
    .where((eb) =>
      eb.or([
        eb('submission.submitter_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('submission_author')
            .select('submission_author.id')
            .whereRef('submission_author.submission_id', '=', 'submission.id')
            .where('submission_author.person_id', '=', personId),
        ),
      ]),
    )
    .orderBy('submission.created_at')
    .execute();
  const ids = submissions.map((s) => s.id);
  if (ids.length === 0) {
    return {
      submissions,
      authors: [],
      versions: [],
      applicationForms: [],
      decisions: [],
      reviewsOfTheirWork: [],
      awardResults: [],
      revisionResponses: [],
    };
  }
  const submittedByThem = submissions.filter((s) => s.submitter_id === personId).map((s) => s.id);
  const [authors, versions, applicationForms, reviewsOfTheirWork, awardResults, revisionResponses] = await Promise.all([
    db
      .selectFrom('submission_author')
      .select([
        'submission_id',
        'person_id',
        'name',
        'email',
        'affiliation',
        'orcid',
        'position',
        'is_corresponding',
        'confirmed_at',
      ])
      .where('submission_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('manuscript_version')
      .innerJoin('stored_file', 'stored_file.sha256', 'manuscript_version.file_sha256')
      .select([
        'manuscript_version.submission_id',
        'manuscript_version.version_number',
        'manuscript_version.round',
        'manuscript_version.uploaded_at',
        'manuscript_version.uploaded_name',
        'manuscript_version.file_sha256',
        'manuscript_version.word_count',
        'manuscript_version.page_count',
        'stored_file.size_bytes',
        'stored_file.media_type',
      ])
      .where('manuscript_version.submission_id', 'in', ids)
      .orderBy('manuscript_version.version_number')
      .execute(),
    // The entrant who filled the form in: a co-author's submission shows its form to its submitter only.
    submittedByThem.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('application_form')
          .select(['submission_id', 'answers', 'updated_at'])
          .where('submission_id', 'in', submittedByThem)
          .execute(),
    // Only the number and the comments meant for the authors; never the reviewer or the confidential comments.
    db
      .selectFrom('review')
      .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
      .select([
        'assignment.submission_id',
        'assignment.round',
        'assignment.reviewer_number',
        'review.comments_to_author',
        'review.submitted_at',
      ])
      .where('assignment.submission_id', 'in', ids)
      .where('review.submitted_at', 'is not', null)
      .orderBy('assignment.round')
      .orderBy('assignment.reviewer_number')
      .execute(),
    db
      .selectFrom('award_result')
      .select(['submission_id', 'outcome', 'announced_at'])
      .where('submission_id', 'in', ids)
      .where('announced_at', 'is not', null)
      .execute(),
    db
      .selectFrom('revision_response')
      .select(['submission_id', 'round', 'text', 'requested_at', 'sent_at'])
      .where('submission_id', 'in', ids)
      .orderBy('round')
      .execute(),
  ]);
  const decisions = (
    await Promise.all(
      ids.map(async (id) => (await loadDecisions(db, id)).map((row) => ({ ...row, submission_id: id }))),
    )
  ).flat();
  return {
    submissions,
    authors,
    versions,
    applicationForms,
    decisions,
    reviewsOfTheirWork,
    awardResults,
    revisionResponses,
  };
}

/** The reviews (and judges' scores) they wrote, with the submission named by its code and title only. */
async function collectReviewing(db: Database, personId: string) {
  const reviewsWritten = await db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .leftJoin('review', 'review.assignment_id', 'assignment.id')
    .select([
      'assignment.id as assignment_id',
      'submission.code',
      'submission.title',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'assignment.round',
      'assignment.reviewer_number',
      'assignment.status',
      'assignment.invited_at',
      'assignment.responded_at',
      'assignment.due_at',
      'assignment.decline_reason',
      'review.id as review_id',
      'review.recommendation',
      'review.comments_to_author',
      'review.comments_to_editor',
      'review.submitted_at',
    ])
    .where('assignment.reviewer_id', '=', personId)
    .orderBy('assignment.invited_at')
    .execute();
  const reviewIds = reviewsWritten.flatMap((r) => (r.review_id ? [r.review_id] : []));
  const scores =
    reviewIds.length === 0
      ? []
      : await db
          .selectFrom('review_score')
          .innerJoin('rubric_criterion', 'rubric_criterion.id', 'review_score.criterion_id')
          .select([
            'review_score.review_id',
            'rubric_criterion.label',
            'rubric_criterion.min_score',
            'rubric_criterion.max_score',
            'review_score.score',
          ])
          .where('review_score.review_id', 'in', reviewIds)
          .orderBy('rubric_criterion.position')
          .execute();
  return { reviewsWritten, scores };
}

/** E-mails addressed to them, and the audit entries about them or made by them. */
async function collectMailAndAudit(db: Database, personId: string) {
  const [mail, audit] = await Promise.all([
    db
      .selectFrom('email_message')
      .select([
        'to_address',
        'subject',
        'template',
        'status',
        'created_at',
        'delivered_at',
        'text_body',
        'body_removed_at',
      ])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('audit_event')
      .select(['occurred_at', 'action', 'object_type', 'object_id', 'ip', 'actor_id', 'system_actor', 'details'])
      .where((eb) =>
        eb.or([
          eb('actor_id', '=', personId),
          eb.and([eb('object_type', '=', 'person'), eb('object_id', '=', personId)]),
        ]),
      )
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  ]);
  return { mail, audit };
}
