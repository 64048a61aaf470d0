import { z } from 'zod';
import { email, orcid } from '../accounts/account.schemas.ts';

export const wizardSteps = [
  'call',
  'details',
  'authors',
  'declarations',
  'application',
  'manuscript',
  'review',
] as const;

export const authorInput = z.object({
  name: z.string().trim().min(1, { message: 'write the author’s name' }).max(200),
  email,
  affiliation: z.string().trim().max(300).nullable().default(null),
  orcid: z.union([orcid, z.literal('').transform(() => null), z.null()]).default(null),
});

export const draftPatch = z
  .object({
    categoryId: z.uuid().nullable(),
    title: z.string().trim().max(300),
    abstract: z.string().trim().max(5000),
    keywords: z.array(z.string().trim().min(1).max(60)).max(12),
    authors: z.array(authorInput).min(1, { message: 'list at least one author' }).max(20),
    declarations: z.object({
      confirmed: z.array(z.string().max(40)).max(30),
      wordCount: z.number().int().min(0).max(1_000_000).nullable(),
    }),
    applicationForm: z.record(z.string().max(40), z.string().max(2000)),
    draftStep: z.enum(wizardSteps),
  })
  .partial();
export type DraftPatch = z.infer<typeof draftPatch>;
