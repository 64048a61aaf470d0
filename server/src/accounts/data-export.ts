// "Export my data": everything the system holds about a person, in one JSON document (UK GDPR
// right of access). Secrets (password hash, session and link tokens) are never included.
import type { Database } from '@gaps/db';
import { type AuditContext, recordAudit } from '../audit/events.ts';

export async function exportPersonData(db: Database, personId: string) {
  const [person, roles, pools, sessions, submissions, authorships, assignments, mail, audit] = await Promise.all([
    db
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
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('role_grant')
      .leftJoin('venue', 'venue.id', 'role_grant.venue_id')
      .select(['role_grant.role', 'venue.name as venue', 'role_grant.granted_at'])
      .where('role_grant.person_id', '=', personId)
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
      .execute(),
    db
      .selectFrom('submission')
      .select(['id', 'code', 'status', 'title', 'abstract', 'keywords', 'submitted_at', 'created_at'])
      .where('submitter_id', '=', personId)
      .execute(),
    db
      .selectFrom('submission_author')
      .select(['submission_id', 'name', 'email', 'affiliation', 'orcid', 'position'])
      .where('person_id', '=', personId)
      .execute(),
    // Their own review work; never who else reviewed, nor whose submission it is.
    db
      .selectFrom('assignment')
      .leftJoin('review', 'review.assignment_id', 'assignment.id')
      .leftJoin('submission', 'submission.id', 'assignment.submission_id')
      .select([
        'submission.code',
        'assignment.status',
        'assignment.invited_at',
        'assignment.due_at',
        'review.recommendation',
        'review.comments_to_author',
        'review.comments_to_editor',
        'review.submitted_at',
      ])
      .where('assignment.reviewer_id', '=', personId)
      .execute(),
    db
      .selectFrom('email_message')
      .select(['to_address', 'subject', 'template', 'status', 'created_at', 'delivered_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('audit_event')
      .select(['occurred_at', 'action', 'object_type', 'object_id', 'ip'])
      .where('actor_id', '=', personId)
      .orderBy('occurred_at')
      .execute(),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    about:
      'Everything GAPS Submissions holds about you. Passwords and sign-in secrets are stored only as one-way hashes and are not included.',
    person,
    roles,
    reviewerPools: pools,
    sessions,
    submissions,
    authorships,
    reviewAssignments: assignments,
    emailsSentToYou: mail,
    yourActions: audit,
  };
}

/** The person's own export; the audit log records that it was taken. */
export async function exportMyData(ctx: { db: Database; audit: AuditContext }, personId: string) {
  const data = await exportPersonData(ctx.db, personId);
  await recordAudit(ctx.db, ctx.audit, {
    action: 'account.data_exported',
    objectType: 'person',
    objectId: personId,
    details: {},
  });
  return data;
}
