import type { Database } from '@gaps/db';
import type { z } from 'zod';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { notFound } from '../plugins/errors.ts';
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
