import type { Database } from '@gaps/db';
import type { z } from 'zod';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { venueKindSchema } from './venue.schemas.ts';

type VenueKind = z.infer<typeof venueKindSchema>;

function publicVenues(db: Database) {
  return db
    .selectFrom('venue')
    .select(['id', 'slug', 'name', 'kind', 'contact_email as contactEmail'])
    .$narrowType<{ kind: VenueKind }>();
}

/** Every venue, with its editorial address: public, like the venues themselves. */
export async function listVenues(db: Database) {
  return publicVenues(db).orderBy('name').execute();
}

/** Sets the address authors and entrants write to about this venue's calls. */
export async function setVenueContact(db: Database, audit: AuditContext, venueId: string, contactEmail: string) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('venue')
      .select('contact_email')
      .where('id', '=', venueId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('venue');
    await trx.updateTable('venue').set({ contact_email: contactEmail }).where('id', '=', venueId).execute();
    if (before.contact_email !== contactEmail) {
      await recordAudit(trx, audit, {
        action: 'venue.contact_changed',
        objectType: 'venue',
        objectId: venueId,
        details: { from: before.contact_email, to: contactEmail },
      });
    }
    return publicVenues(trx).where('id', '=', venueId).executeTakeFirstOrThrow();
  });
}

export async function listReviewerPool(db: Database, venueId: string) {
  const venue = await db
    .selectFrom('venue')
    .select(['id', 'slug', 'name', 'kind'])
    .$narrowType<{ kind: VenueKind }>()
    .where('id', '=', venueId)
    .executeTakeFirst();
  if (!venue) return null;
  const reviewers = await db
    .selectFrom('reviewer_pool')
    .innerJoin('person', 'person.id', 'reviewer_pool.person_id')
    .select([
      'person.id as personId',
      'person.name',
      'person.email',
      'person.affiliation',
      'reviewer_pool.expertise',
      'reviewer_pool.active',
    ])
    .where('reviewer_pool.venue_id', '=', venueId)
    .orderBy('person.name')
    .execute();
  return { venue, reviewers };
}

export async function addToReviewerPool(
  db: Database,
  audit: AuditContext,
  venueId: string,
  input: { email: string; expertise: string[] },
) {
  return db.transaction().execute(async (trx) => {
    const venue = await trx.selectFrom('venue').select('id').where('id', '=', venueId).executeTakeFirst();
    if (!venue) throw notFound('venue');
    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email', 'affiliation'])
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (!person) {
      throw new HttpError(
        400,
        'unknown_person',
        `Nobody has an account with ${input.email} yet. Ask them to sign up first, then add them here.`,
      );
    }
    const row = await trx
      .insertInto('reviewer_pool')
      .values({ venue_id: venueId, person_id: person.id, expertise: input.expertise })
      .onConflict((oc) =>
        oc.columns(['venue_id', 'person_id']).doUpdateSet({ expertise: input.expertise, active: true }),
      )
      .returning(['expertise', 'active'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: 'reviewer_pool.added',
      objectType: 'venue',
      objectId: venueId,
      details: { personId: person.id },
    });
    return { personId: person.id, name: person.name, email: person.email, affiliation: person.affiliation, ...row };
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
