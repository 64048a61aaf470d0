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

// The fields the web's draft checks test before saving, named so they use these very rules.
export const draftTitle = z.string().trim().max(300);
export const draftAbstract = z.string().trim().max(5000);
export const keyword = z.string().trim().min(1).max(60);
export const keywords = z.array(keyword).max(12);
export const wordCount = z.number().int().min(0).max(1_000_000);
export const applicationAnswer = z.string().max(2000);

export const draftPatch = z
  .object({
    categoryId: z.uuid().nullable(),
    title: draftTitle,
    abstract: draftAbstract,
    keywords,
    authors: z.array(authorInput).min(1, { message: 'list at least one author' }).max(20),
    declarations: z.object({
      confirmed: z.array(z.string().max(40)).max(30),
      wordCount: wordCount.nullable(),
    }),
    applicationForm: z.record(z.string().max(40), applicationAnswer),
    draftStep: z.enum(wizardSteps),
  })
  .partial();
export type DraftPatch = z.infer<typeof draftPatch>;
