// A venue's own words for a kind of message, as the Emails page sends them and the API answers.
import { z } from 'zod';

export const mailKindKey = z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, { message: 'is not the name of a message' });

/** Empty HTML means "make it from the text". Emptiness of the rest is checked with the variables. */
export const templateInput = z
  .object({
    subject: z.string().max(300, { message: 'keep the subject to 300 characters or fewer' }),
    text: z.string().max(20_000, { message: 'keep the plain text to 20,000 characters or fewer' }),
    html: z
      .string()
      .max(50_000, { message: 'keep the HTML to 50,000 characters or fewer' })
      .nullable()
      .transform((html) => (html?.trim() ? html : null)),
  })
  .meta({ id: 'MailTemplateInput' });

const audience = z.enum(['account', 'author', 'reviewer', 'editor']);

export const mailKindSummarySchema = z.object({
  key: z.string(),
  audience,
  title: z.string(),
  description: z.string(),
  /** The venue has its own words for this message. */
  customised: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});

export const mailKindListSchema = z
  .object({ venue: z.object({ id: z.uuid().nullable(), name: z.string() }), kinds: z.array(mailKindSummarySchema) })
  .meta({ id: 'MailKindList' });

const words = z.object({ subject: z.string(), text: z.string(), html: z.string().nullable() });

export const mailKindDetailSchema = mailKindSummarySchema
  .extend({
    venue: z.object({ id: z.uuid().nullable(), name: z.string() }),
    variables: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        kind: z.enum(['text', 'word', 'date', 'link', 'number', 'yes/no']),
        /** What the preview prints for it. */
        sample: z.string(),
      }),
    ),
    default: words,
    saved: words.extend({ updatedByName: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'MailKindDetail' });

export const mailPreviewSchema = z
  .object({
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    /** The HTML part as a page of its own, with its own CSP, for an iframe (10 minutes, this person only). */
    htmlUrl: z.string(),
  })
  .meta({ id: 'MailPreview' });

export type MailKindDetail = z.infer<typeof mailKindDetailSchema>;
