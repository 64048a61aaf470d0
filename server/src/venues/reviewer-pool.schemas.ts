// The reviewer pool as editors fill it in and as the API answers it. Pure zod (the web app imports
// these rules through ../validation.ts). Messages finish the sentence "Check this: …".
import { z } from 'zod';
import { email, emailDomain } from '../accounts/account.schemas.ts';
import { venueSchema } from './venue.schemas.ts';

/** A reviewer's areas of expertise, as an editor lists them when adding the reviewer to the pool. */
export const expertiseArea = z
  .string()
  .trim()
  .min(1, { message: 'leave no area empty' })
  .max(80, { message: 'keep each area to 80 characters or fewer' });
export const expertise = z.array(expertiseArea).max(20, { message: 'list at most 20 areas' });

/** Empty text means "not known": stored as null. */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `keep the ${what} to ${max} characters or fewer` })
    .transform((text) => text || null)
    .nullable();

export const reviewerEmployer = optionalText(300, 'affiliation or employer');
export const reviewerAvailability = optionalText(300, 'availability');
// One string rule with the empty case inside it (not a union), so a mistake gets this message
// rather than a union's "invalid input".
export const reviewerOrcid = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => value === '' || /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(value), {
    message: 'write the ORCID iD like 0000-0002-1825-0097',
  })
  .transform((value) => value || null)
  .nullable();
export const reviewerEmailDomains = z.array(emailDomain).max(10, { message: 'list at most 10 domains' });
/** People, addresses, institutions, agencies or employers the reviewer must not review. */
export const declaredConflict = z
  .string()
  .trim()
  .min(1, { message: 'leave no declared conflict empty' })
  .max(200, { message: 'keep each declared conflict to 200 characters or fewer' });
export const declaredConflicts = z.array(declaredConflict).max(30, { message: 'list at most 30 conflicts' });
function isCalendarDate(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}
/** The first day the reviewer is free, YYYY-MM-DD (what a date field sends). */
export const availableFrom = z
  .string()
  .trim()
  .refine((value) => value === '' || isCalendarDate(value), { message: 'write the date like 2027-03-01' })
  .transform((value) => value || null)
  .nullable();

/** Everything an editor records about a reviewer; a change sends only what changed. */
export const reviewerDetails = z.object({
  expertise,
  employer: reviewerEmployer,
  emailDomains: reviewerEmailDomains,
  orcid: reviewerOrcid,
  declaredConflicts,
  availability: reviewerAvailability,
  availableFrom,
  active: z.boolean(),
});
export const reviewerChange = reviewerDetails
  .partial()
  .refine((change) => Object.keys(change).length > 0, { message: 'change at least one thing' });
export type ReviewerDetails = z.infer<typeof reviewerDetails>;
export const reviewerAddition = reviewerDetails.partial().extend({ email, expertise: expertise.default([]) });

export const reviewerSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    email: z.string(),
    /** From the person's own profile. */
    affiliation: z.string().nullable(),
    expertise: z.array(z.string()),
    active: z.boolean(),
    /** As the editor records it (may differ from the profile: practitioners' employers often do). */
    employer: z.string().nullable(),
    emailDomains: z.array(z.string()),
    orcid: z.string().nullable(),
    declaredConflicts: z.array(z.string()),
    availability: z.string().nullable(),
    /** YYYY-MM-DD. */
    availableFrom: z.string().nullable(),
    /** Open assignments (invited or accepted) across the venue. */
    load: z.number().int(),
  })
  .meta({ id: 'Reviewer' });

export const reviewerPoolSchema = z
  .object({ venue: venueSchema, reviewers: z.array(reviewerSchema) })
  .meta({ id: 'ReviewerPool' });
