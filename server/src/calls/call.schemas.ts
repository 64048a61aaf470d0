import { z } from 'zod';
import { publicVenueSchema } from '../venues/venue.schemas.ts';
import { plausibleInstant, plausibleLocalDateTime } from './date-rules.ts';

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'use lower-case letters, digits and _ (e.g. not_published)' });

export const declarationSchema = z.object({ key, text: z.string().trim().min(1).max(500) });
export const categoryInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
});
export const applicationFieldSchema = z.object({
  key,
  label: z.string().trim().min(1).max(200),
  type: z.enum(['text', 'textarea', 'email', 'tel']).default('text'),
  required: z.boolean().default(true),
  help: z.string().trim().max(300).optional(),
});

// The fields the web form checks before sending, named so it can use these very rules.
export const callSlug = z
  .string()
  .trim()
  .min(2, { message: 'use at least 2 characters' })
  .max(60, { message: 'use at most 60 characters' })
  .regex(/^[a-z0-9-]+$/, { message: 'use lower-case letters, digits and hyphens' });
export const callTitle = z.string().trim().min(3).max(200);
export const callDescription = z.string().trim().max(5000);
export const feeNote = z.string().trim().max(500);
export const wordLimit = z.number().int().positive().max(100_000);
export const pageLimit = z.number().int().positive().max(1_000);

/** What `callProblems` can find; the API words it below, the web form in its own words. */
export type CallProblem = {
  path: 'deadlineLocal' | 'categories' | 'declarations' | 'applicationFormFields';
  problem: 'deadline_not_after_opening' | 'category_names_repeat' | 'keys_repeat';
};

/** The call's wall clock at an instant, as "2027-07-01T17:00"; null for an unknown zone. */
function wallClock(instant: Date, timeZone: string): string | null {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(instant)
        .map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  } catch {
    return null;
  }
}

/**
 * The call's rules that involve more than one field, in one place: the API's schema (callInput)
 * and the editor's form (web/src/lib/calls/call-form.ts) both ask this. The deadline is compared
 * on the call's own clock, as the editor reads both dates.
 */
export function callProblems(call: {
  opensAt: string;
  deadlineLocal: string | null;
  timeZone: string;
  categories: ReadonlyArray<{ name: string }>;
  declarations?: ReadonlyArray<{ key: string }>;
  applicationFormFields?: ReadonlyArray<{ key: string }>;
}): CallProblem[] {
  const problems: CallProblem[] = [];
  const opens = new Date(call.opensAt);
  const opensOnTheCallsClock = Number.isNaN(opens.getTime()) ? null : wallClock(opens, call.timeZone);
  if (call.deadlineLocal && opensOnTheCallsClock && call.deadlineLocal.slice(0, 16) <= opensOnTheCallsClock) {
    problems.push({ path: 'deadlineLocal', problem: 'deadline_not_after_opening' });
  }
  const names = call.categories.map((c) => c.name.trim().toLowerCase()).filter(Boolean);
  if (new Set(names).size !== names.length) problems.push({ path: 'categories', problem: 'category_names_repeat' });
  for (const path of ['declarations', 'applicationFormFields'] as const) {
    const keys = (call[path] ?? []).map((d) => d.key);
    if (new Set(keys).size !== keys.length) problems.push({ path, problem: 'keys_repeat' });
  }
  return problems;
}

const callProblemMessages: Record<CallProblem['problem'], string> = {
  deadline_not_after_opening: 'the deadline must come after the call opens',
  category_names_repeat: 'give each category a different name',
  keys_repeat: 'each key must be different',
};

export const callInput = z
  .object({
    slug: callSlug,
    title: callTitle,
    description: callDescription.default(''),
    categories: z.array(categoryInput).max(10).default([]),
    opensAt: plausibleInstant,
    /** Local wall time in `timeZone`; null for a rolling call. */
    deadlineLocal: plausibleLocalDateTime.nullable(),
    timeZone: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
      message: 'choose a time zone from the list',
    }),
    wordLimit: wordLimit.nullable().default(null),
    pageLimit: pageLimit.nullable().default(null),
    declarations: z.array(declarationSchema).max(20).default([]),
    applicationFormFields: z.array(applicationFieldSchema).max(20).default([]),
    blindMode: z.enum(['double', 'single', 'open']).default('double'),
    singleAuthor: z.boolean().default(false),
    rubricId: z.uuid().nullable().default(null),
    feeNote: feeNote.nullable().default(null),
  })
  .superRefine((call, ctx) => {
    for (const { path, problem } of callProblems(call)) {
      ctx.addIssue({ code: 'custom', path: [path], message: callProblemMessages[problem] });
    }
  });
export type CallInput = z.infer<typeof callInput>;

/** A change to a call: the same fields, and the editor's go-ahead when the change closes it. */
export const callUpdateInput = callInput.safeExtend({
  /** Closing an open call (a deadline moved into the past) closes out its drafts: say yes to that. */
  confirmClosingDrafts: z.boolean().default(false),
});
export type CallUpdateInput = z.infer<typeof callUpdateInput>;

/** A call as everyone sees it (calls carry no personal data). */
export const callSchema = z
  .object({
    id: z.uuid(),
    /** The venue, with the address authors write to (e.g. to ask for more time). */
    venue: publicVenueSchema,
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    categories: z.array(z.object({ id: z.uuid(), name: z.string(), description: z.string() })),
    opensAt: z.iso.datetime(),
    /** Wall time in `timeZone` ("2027-07-02T00:00"), or null for a rolling call. */
    deadlineLocal: z.string().nullable(),
    timeZone: z.string(),
    /** The instant the call closes, or null for a rolling call. */
    deadlineAt: z.iso.datetime().nullable(),
    isOpen: z.boolean(),
    wordLimit: z.number().int().nullable(),
    pageLimit: z.number().int().nullable(),
    declarations: z.array(z.object({ key: z.string(), text: z.string() })),
    applicationFormFields: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        type: applicationFieldSchema.shape.type.unwrap(),
        required: z.boolean(),
        help: z.string().optional(),
      }),
    ),
    blindMode: callInput.shape.blindMode.unwrap(),
    singleAuthor: z.boolean(),
    rubricId: z.uuid().nullable(),
    feeNote: z.string().nullable(),
  })
  .meta({ id: 'Call' });
export type CallDto = z.infer<typeof callSchema>;
