// Venues as the API answers them (their reviewer pools: reviewer-pool.schemas.ts). Pure zod: the web app imports
// the validation rules beside these (see ../validation.ts), so no server modules here.
import { z } from 'zod';

export const venueKindSchema = z.enum(['journal', 'award', 'website']).meta({ id: 'VenueKind' });

export const venueSchema = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: venueKindSchema })
  .meta({ id: 'Venue' });

/**
 * A venue as anyone may read it, with the address its editors set for authors and entrants to
 * write to (null until they set one: pages then say how else to reach the office).
 */
export const publicVenueSchema = venueSchema
  .extend({ contactEmail: z.string().nullable() })
  .meta({ id: 'PublicVenue' });
