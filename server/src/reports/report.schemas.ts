// The reports' filters, as the page's GET form sends them: a call, and the first and last day.
// Empty fields mean "all" (a form sends them empty), and a date that does not exist or lies far
// from today gets words saying what to type.
import { z } from 'zod';
import { isPlausible, PLAUSIBLE_YEARS } from '../calls/date-rules.ts';
import { HttpError } from '../plugins/errors.ts';

const day = (which: string) =>
  z
    .string()
    .trim()
    .transform((text) => (text === '' ? null : text))
    .pipe(
      z.iso
        .date({ message: `write the ${which} day as 2027-03-31 (year, month, day)` })
        .refine((text) => isPlausible(new Date(`${text}T12:00:00Z`)), {
          message: `choose a ${which} day within ${PLAUSIBLE_YEARS} years of today`,
        })
        .nullable(),
    )
    .optional()
    .transform((value) => value ?? null);

export const reportQuery = z
  .object({
    callId: z
      .string()
      .trim()
      .transform((text) => (text === '' ? null : text))
      .pipe(z.uuid({ message: 'choose a call from the list' }).nullable())
      .optional()
      .transform((value) => value ?? null),
    from: day('first'),
    to: day('last'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'the first day must come before the last day (or be the same day)',
    path: ['to'],
  });
export type ReportQuery = z.output<typeof reportQuery>;

/** What the route's schema takes: text, checked by reportQuery in the handler for plain-words errors. */
export const reportQueryText = z.object({
  callId: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

/** The filters read, or a 400 whose message names each problem in the page's words (not field keys). */
export function readReportQuery(query: unknown): ReportQuery {
  const parsed = reportQuery.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => issue.message.replace(/^./, (c) => c.toUpperCase()));
  throw new HttpError(400, 'invalid_input', `Please check the filters. ${problems.join('. ')}.`);
}

/** The tables a report has, each downloadable as CSV. */
export const reportTables = ['calls', 'outcomes', 'months'] as const;
export type ReportTable = (typeof reportTables)[number];

export const reportParams = z.object({ venueId: z.uuid() });
export const reportCsvParams = z.object({
  venueId: z.uuid(),
  table: z.enum(
    reportTables.map((table) => `${table}.csv` as const) as [`${ReportTable}.csv`, ...`${ReportTable}.csv`[]],
    {
      message: `choose one of ${reportTables.map((table) => `${table}.csv`).join(', ')}`,
    },
  ),
});
