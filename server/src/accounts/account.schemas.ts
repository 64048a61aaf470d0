import { z } from 'zod';
import { venueSchema } from '../venues/venue.schemas.ts';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'enter an e-mail address like name@example.org' }).max(254));

export const newPassword = z
  .string()
  .min(10, { message: 'use at least 10 characters (a short sentence is easy to remember)' })
  .max(200, { message: 'use at most 200 characters' });

// Upper-cased here, not in each form: the check digit may be an X, and people type it either way.
export const orcid = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, { message: 'write your ORCID iD like 0000-0002-1825-0097' });

/**
 * Where to take someone once they have signed in (e.g. the call they were about to enter): a path
 * on this site only, so a crafted link cannot send anyone elsewhere. No `//host`, no backslashes,
 * no spaces or control characters (browsers drop some of those and would read `//host`).
 */
export const returnPath = z
  .string()
  .max(500, { message: 'use at most 500 characters' })
  .refine(
    (path) =>
      path.startsWith('/') &&
      !path.startsWith('//') &&
      !/[\s\\]/.test(path) &&
      [...path].every((character) => character.charCodeAt(0) > 31 && character.charCodeAt(0) !== 127),
    { message: 'use a path on this site, like /calls' },
  );

/** An institution's e-mail domain, for spotting conflicts of interest. */
export const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: 'write domains like university.ac.uk' });
export const emailDomains = z.array(emailDomain).max(10, { message: 'list at most 10 domains' });

export const timeZone = z
  .string()
  .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
    message: 'choose a time zone from the list',
  });

export const personSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    isAdmin: z.boolean(),
    editorOf: z.array(venueSchema),
    timeZone: z.string(),
    /** Invited to review or judge at least once: the navigation links to their reviews. */
    hasAssignments: z.boolean(),
    /** Every assignment is for an award (the link then says "Judging"). */
    judgesOnly: z.boolean(),
  })
  .meta({ id: 'Person' });
export type PersonDto = z.infer<typeof personSchema>;

export const profileSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    affiliation: z.string().nullable(),
    orcid: z.string().nullable(),
    timeZone: z.string(),
    emailDomains: z.array(z.string()),
    emailVerified: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Profile' });
export type ProfileDto = z.infer<typeof profileSchema>;

export const profileUpdate = z
  .object({
    name: z.string().trim().min(1, { message: 'tell us your name' }).max(200),
    affiliation: z.string().trim().max(300).nullable(),
    orcid: z.union([orcid, z.literal('').transform(() => null), z.null()]),
    timeZone,
    emailDomains,
  })
  .partial();

export const message = z.object({ message: z.string() }).meta({ id: 'Message' });
export const token = z.object({ token: z.string().min(10).max(200) });
