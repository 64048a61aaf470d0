// Venues and their reviewer pools as the API answers them. Pure zod: the web app imports
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

/** A reviewer's areas of expertise, as an editor lists them when adding the reviewer to the pool. */
export const expertiseArea = z.string().trim().min(1).max(80);
export const expertise = z.array(expertiseArea).max(20);

export const reviewerSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    email: z.string(),
    affiliation: z.string().nullable(),
    expertise: z.array(z.string()),
    active: z.boolean(),
  })
  .meta({ id: 'Reviewer' });

export const reviewerPoolSchema = z
  .object({ venue: venueSchema, reviewers: z.array(reviewerSchema) })
  .meta({ id: 'ReviewerPool' });
