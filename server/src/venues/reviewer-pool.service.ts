// A venue's reviewer pool: who may review (or judge) for it, what the editors know of each
// person for spotting conflicts, and how busy each is. Editors only; every change is audited.

import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import type { z } from 'zod';
import { openAssignmentStates } from '../assignments/assignment-state.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { ReviewerDetails } from './reviewer-pool.schemas.ts';
import type { venueKindSchema } from './venue.schemas.ts';

type VenueKind = z.infer<typeof venueKindSchema>;

/** Assignment states that still ask something of the reviewer: what "load" counts. */

/**
 * The pool's entries with their persons and current load; narrow with `.where(...)`. The load is
 * counted in one grouped pass over the venue's open assignments, not once per person.
 */
export function reviewerRows(db: Database, venueId: string) {
  return db
    .selectFrom('reviewer_pool')
    .innerJoin('person', 'person.id', 'reviewer_pool.person_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('assignment')
          .innerJoin('submission', 'submission.id', 'assignment.submission_id')
          .select((count) => ['assignment.reviewer_id', count.fn.countAll<number>().as('open')])
          .where('submission.venue_id', '=', venueId)
          .where('assignment.status', 'in', openAssignmentStates)
          .groupBy('assignment.reviewer_id')
          .as('load'),
      (join) => join.onRef('load.reviewer_id', '=', 'reviewer_pool.person_id'),
    )
    .select([
      'person.id as personId',
      'person.name',
      'person.email',
      'person.affiliation',
      'reviewer_pool.expertise',
      'reviewer_pool.active',
      'reviewer_pool.employer',
      'reviewer_pool.email_domains as emailDomains',
      'reviewer_pool.orcid',
      'reviewer_pool.declared_conflicts as declaredConflicts',
      'reviewer_pool.availability',
      sql<string | null>`to_char(reviewer_pool.available_from, 'YYYY-MM-DD')`.as('availableFrom'),
      sql<number>`coalesce(load.open, 0)::int`.as('load'),
    ])
    .where('reviewer_pool.venue_id', '=', venueId);
}

export async function listReviewerPool(db: Database, venueId: string) {
  const venue = await db
    .selectFrom('venue')
    .select(['id', 'slug', 'name', 'kind'])
    .$narrowType<{ kind: VenueKind }>()
    .where('id', '=', venueId)
    .executeTakeFirst();
  if (!venue) return null;
  const reviewers = await reviewerRows(db, venueId).orderBy('person.name').orderBy('person.id').execute();
  return { venue, reviewers };
}

// The columns each field is stored in; `fields` in the audit entry uses the API's names.
function columnsOf(details: Partial<ReviewerDetails>) {
  return {
    ...(details.expertise !== undefined && { expertise: [...new Set(details.expertise)] }),
    ...(details.employer !== undefined && { employer: details.employer }),
    ...(details.emailDomains !== undefined && { email_domains: [...new Set(details.emailDomains)] }),
    ...(details.orcid !== undefined && { orcid: details.orcid }),
    ...(details.declaredConflicts !== undefined && { declared_conflicts: [...new Set(details.declaredConflicts)] }),
    ...(details.availability !== undefined && { availability: details.availability }),
    ...(details.availableFrom !== undefined && { available_from: details.availableFrom }),
    ...(details.active !== undefined && { active: details.active }),
  };
}

export async function addToReviewerPool(
  db: Database,
  audit: AuditContext,
  venueId: string,
  input: Partial<ReviewerDetails> & { email: string },
) {
  const { email, ...details } = input;
  return db.transaction().execute(async (trx) => {
    const venue = await trx.selectFrom('venue').select('id').where('id', '=', venueId).executeTakeFirst();
    if (!venue) throw notFound('venue');
    const person = await trx.selectFrom('person').select('id').where('email', '=', email).executeTakeFirst();
    if (!person) {
      throw new HttpError(
        400,
        'unknown_person',
        `Nobody has an account with ${email} yet. Ask them to sign up first, then add them here.`,
      );
    }
    const columns = columnsOf(details);
    await trx
      .insertInto('reviewer_pool')
      .values({ venue_id: venueId, person_id: person.id, ...columns })
      .onConflict((oc) => oc.columns(['venue_id', 'person_id']).doUpdateSet({ active: true, ...columns }))
      .execute();
    await recordAudit(trx, audit, {
      action: 'reviewer_pool.added',
      objectType: 'venue',
      objectId: venueId,
      details: { personId: person.id },
    });
    return reviewerRows(trx, venueId).where('reviewer_pool.person_id', '=', person.id).executeTakeFirstOrThrow();
  });
}

/** Changes what the pool records about one reviewer; audited with the names of the fields changed. */
export async function updateReviewer(
  db: Database,
  audit: AuditContext,
  venueId: string,
  personId: string,
  change: Partial<ReviewerDetails>,
) {
  return db.transaction().execute(async (trx) => {
    const columns = columnsOf(change);
    const updated = await trx
      .updateTable('reviewer_pool')
      .set(columns)
      .where('venue_id', '=', venueId)
      .where('person_id', '=', personId)
      .returning('person_id')
      .executeTakeFirst();
    if (!updated) throw notFound('reviewer');
    await recordAudit(trx, audit, {
      action: 'reviewer_pool.updated',
      objectType: 'venue',
      objectId: venueId,
      details: { personId, fields: Object.keys(change).sort() },
    });
    return reviewerRows(trx, venueId).where('reviewer_pool.person_id', '=', personId).executeTakeFirstOrThrow();
  });
}

export async function removeFromReviewerPool(db: Database, audit: AuditContext, venueId: string, personId: string) {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('reviewer_pool')
      .where('venue_id', '=', venueId)
      .where('person_id', '=', personId)
      .returning('person_id')
      .executeTakeFirst();
    if (!removed) throw notFound('reviewer');
    await recordAudit(trx, audit, {
      action: 'reviewer_pool.removed',
      objectType: 'venue',
      objectId: venueId,
      details: { personId },
    });
  });
}
