// What the admin's Retention page sends and receives: each venue's periods, the sweep's schedule,
// and its runs (dry or real) with the list of what they named.
import { z } from 'zod';

const instant = z.iso.datetime();

const monthsField = (what: string) =>
  z
    .number({ error: `Write how long to keep ${what} as a whole number of months, from 1 to 120.` })
    .int({ error: `Write how long to keep ${what} as a whole number of months, from 1 to 120.` })
    .min(1, { error: `Keep ${what} for at least 1 month.` })
    .max(120, { error: `Keep ${what} for at most 120 months (10 years).` });

export const retentionSettingsSchema = z
  .object({
    unsuccessfulEntriesMonths: monthsField('unsuccessful award entries'),
    mailBodiesMonths: monthsField('the text of e-mails'),
    draftsMonths: monthsField('untouched drafts'),
  })
  .meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const venueRetentionSchema = retentionSettingsSchema
  .extend({ venueId: z.uuid(), venueName: z.string(), venueKind: z.string() })
  .meta({ id: 'VenueRetention' });

export const retentionCountsSchema = z
  .object({
    unsuccessfulEntries: z.number().int(),
    entryFiles: z.number().int(),
    mailBodies: z.number().int(),
    sessions: z.number().int(),
    tokens: z.number().int(),
    drafts: z.number().int(),
    draftFiles: z.number().int(),
    draftNotices: z.number().int(),
  })
  .meta({ id: 'RetentionCounts' });

export const retentionItemSchema = z
  .object({
    type: z.enum(['award_entry', 'mail_body', 'session', 'account_token', 'authorship_token', 'draft', 'draft_notice']),
    id: z.string(),
    venueId: z.uuid().nullable(),
    since: instant,
    reason: z.string(),
    /** What it is: an entry's code, an e-mail's kind, a draft's title; never a person's name or address. */
    label: z.string(),
    files: z.number().int().optional(),
  })
  .meta({ id: 'RetentionItem' });

export const retentionRunSummarySchema = z
  .object({
    id: z.uuid(),
    dryRun: z.boolean(),
    startedAt: instant,
    finishedAt: instant.nullable(),
    /** The moment the periods were measured from. */
    asOf: instant,
    /** The admin who started it; null: the schedule. */
    runBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    counts: retentionCountsSchema,
    /** The counts in one sentence ("The next run would delete: …"). */
    summary: z.string(),
    itemCount: z.number().int(),
    failure: z.string().nullable(),
  })
  .meta({ id: 'RetentionRunSummary' });

export const retentionRunSchema = retentionRunSummarySchema
  .extend({
    /** The first MAX_ITEMS_SHOWN items, in the run's order; `itemCount` says how many there are. */
    items: z.array(retentionItemSchema),
  })
  .meta({ id: 'RetentionRun' });

export const retentionOverviewSchema = z
  .object({
    venues: z.array(venueRetentionSchema),
    schedule: z.object({
      everyHours: z.number().int(),
      /** The last run the schedule made (not a dry run, nor one an admin started). */
      lastScheduledRun: retentionRunSummarySchema.nullable(),
      /** About when the schedule runs next: its last run plus the interval; null before its first run. */
      nextRunAbout: instant.nullable(),
    }),
    /** The 20 newest runs, dry and real. */
    runs: z.array(retentionRunSummarySchema),
  })
  .meta({ id: 'RetentionOverview' });

export const runNowInput = z.object({
  dryRunId: z.uuid({ error: 'Run a dry run first, then run the sweep from its result.' }),
});
