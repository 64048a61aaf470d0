// The audit and mail logs' filters: a person by a fragment of their name or e-mail address, and a
// submission by its code. Validated here so a typo gets words saying what to type, not an empty page.
import { z } from 'zod';

/** "JSWP-2027-0042": a venue's prefix, the year, the number (see submissions/submission-code.ts). */
const codePattern = /^[A-Z]{2,8}-\d{4}-\d{3,6}$/;

export const personFragment = z
  .string()
  .trim()
  .max(254, { message: 'type at most 254 characters of a name or e-mail address' })
  .refine((text) => text === '' || text.length >= 2, {
    message: 'type at least 2 letters of a name or e-mail address',
  })
  .optional();

export const submissionCodeFilter = z
  .string()
  .trim()
  .max(30, { message: 'a submission code looks like JSWP-2027-0042: check what you typed' })
  .transform((text) => text.toUpperCase())
  .refine((text) => text === '' || codePattern.test(text), {
    message:
      'a submission code looks like JSWP-2027-0042 (the venue’s letters, the year, the number): check what you typed',
  })
  .optional();

/** For ILIKE: the fragment with the pattern characters taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
