// The editors' reports: counts, shares and times, per venue and per call. Aggregates only: no
// person, no submission and no assignment is named or has a row, so an editor who is also an
// author in the venue learns nothing of who reviewed their work (the identities of reviewers and
// authors are not in any of these views, and the serializer drops any key not listed here).
import { z } from 'zod';

/** A time in days: how many were counted, their median and 90th percentile (null when none). */
export const durationFigureSchema = z
  .object({
    count: z.number().int(),
    medianDays: z.number().nullable(),
    p90Days: z.number().nullable(),
  })
  .meta({ id: 'ReportDuration' });
export type DurationFigure = z.infer<typeof durationFigureSchema>;

export const reportFiguresSchema = z
  .object({
    /** Null for the row of all calls together. */
    callId: z.uuid().nullable(),
    callTitle: z.string(),
    received: z.number().int(),
    beingScreenedNow: z.number().int(),
    inReviewNow: z.number().int(),
    withAuthorsNow: z.number().int(),
    /** Journal: final decisions (accept, reject, reject without review). Award: results announced. */
    decided: z.number().int(),
    accepted: z.number().int(),
    /** accepted / decided, 0 to 1; null when nothing was decided, and for an award. */
    acceptanceRate: z.number().nullable(),
    /** Award: winners and commended entries among those decided. */
    placed: z.number().int(),
    /** placed / decided, 0 to 1; null when nothing was decided, and for a journal. */
    placedRate: z.number().nullable(),
    firstDecision: durationFigureSchema,
    reviewerResponse: durationFigureSchema,
    /** Invitations that ran out without an answer. */
    invitationsExpired: z.number().int(),
    reviewCompletion: durationFigureSchema,
    overdueNow: z.number().int(),
  })
  .meta({ id: 'ReportFigures' });
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

export const reportOutcomeSchema = z
  .object({ outcome: z.string(), label: z.string(), count: z.number().int() })
  .meta({ id: 'ReportOutcome' });
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;

export const reportMonthSchema = z
  .object({
    /** "2027-03", in the report's time zone. */
    month: z.string(),
    received: z.number().int(),
    decided: z.number().int(),
  })
  .meta({ id: 'ReportMonth' });
export type ReportMonth = z.infer<typeof reportMonthSchema>;

export const reportViewSchema = z
  .object({
    venue: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    /** The zone in which dates and months are counted: the editor's own (their profile). */
    timeZone: z.string(),
    filter: z.object({ callId: z.uuid().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
    /** Every call of the venue, for the filter. */
    calls: z.array(z.object({ id: z.uuid(), title: z.string() })),
    generatedAt: z.iso.datetime(),
    /** All the calls chosen together. */
    total: reportFiguresSchema,
    /** One row per call with anything to count (with the call filter: that call only). */
    byCall: z.array(reportFiguresSchema),
    outcomes: z.array(reportOutcomeSchema),
    months: z.array(reportMonthSchema),
  })
  .meta({ id: 'Report' });
export type ReportView = z.infer<typeof reportViewSchema>;

/** The view as sent: only the keys listed above, whatever the service put together. */
export const projectReport = (report: ReportView): ReportView => reportViewSchema.parse(report);
