// What a line of a submission list shows, per list. Like project-submission.ts for one
// submission: the row a repository selected goes in, only the fields the view allows come out,
// and the routes declare these schemas as their responses, so a column added to a query by
// mistake cannot leave the server.
import { z } from 'zod';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { type FromAwardRow, fromAwardSchema, toFromAward } from './project-award.ts';
import { submissionStateSchema as submissionState } from './project-submission.ts';

/**
 * One line of an editor's queue. Author names appear here (and on the author's own pages) only:
 * the queue never lists a submission its editor is an author of (policy/own-submissions.ts), and
 * an award entry's authors are left out until its call's ranking is un-blinded (award-entrant.ts).
 */
export const queueRowView = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    title: z.string(),
    status: submissionState,
    /** An accepted paper's way to publication (decisions/). */
    productionStatus: z.enum(['accepted', 'ready_for_publication']).nullable(),
    call: z.object({ id: z.uuid(), title: z.string() }),
    category: z.string().nullable(),
    authors: z.array(z.string()),
    /** An award entry before its call's ranking is un-blinded: `authors` is empty for that reason. */
    entrantWithheld: z.boolean(),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
    /** An essay moved in from the award: "From the … 2026 (winner)". */
    fromAward: fromAwardSchema.nullable(),
  })
  .meta({ id: 'QueuedSubmission' });
export type QueueRowView = z.infer<typeof queueRowView>;

export interface QueueRow {
  id: string;
  code: string | null;
  title: string;
  status: string;
  production_status: string | null;
  submitted_at: Date | null;
  updated_at: Date;
  call_id: string;
  call_title: string;
  category_name: string | null;
  author_names: string[] | null;
  entrant_withheld: boolean;
  from_award?: FromAwardRow | null;
}

export function toQueueRowView(row: QueueRow): QueueRowView {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    status: row.status as QueueRowView['status'],
    productionStatus: row.production_status as QueueRowView['productionStatus'],
    call: { id: row.call_id, title: row.call_title },
    category: row.category_name,
    authors: row.entrant_withheld ? [] : (row.author_names ?? []),
    entrantWithheld: row.entrant_withheld,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    fromAward: toFromAward(row.from_award),
  };
}

export const editorQueuePage = z
  .object({
    submissions: z.array(queueRowView),
    /** Per state, with the same call, category and search filters (not the state filter). */
    counts: z.partialRecord(submissionState, z.number().int()),
    /** Pass as `after` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'EditorQueuePage' });
export type EditorQueuePage = z.infer<typeof editorQueuePage>;

/** One line of My submissions: the author's own work, so no one else's identity is in it. */
export const mySubmissionRowView = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    title: z.string(),
    status: submissionState,
    callTitle: z.string(),
    venueName: z.string(),
    /** For the venue's words (an award's entry is "With judges", not "With reviewers"). */
    venueKind: venueKindSchema,
    /** The editors' address, for questions and extensions (null until they set one). */
    venueContactEmail: z.string().nullable(),
    /** When this author's time runs out: the call's deadline, or the extension they were given. */
    deadlineAt: z.string().nullable(),
    /** The call's time zone, for showing its deadline as the call states it. */
    timeZone: z.string(),
    /** Whether this person may change it (policy: the submitter only); false for a co-author. */
    mayChange: z.boolean(),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MySubmission' });
export type MySubmissionRowView = z.infer<typeof mySubmissionRowView>;

export interface MySubmissionRow {
  id: string;
  code: string | null;
  title: string;
  status: string;
  submitted_at: Date | null;
  updated_at: Date;
  call_title: string;
  deadline_at: Date | null;
  time_zone: string;
  venue_name: string;
  venue_kind: string;
  venue_contact_email: string | null;
}

export function toMySubmissionRowView(row: MySubmissionRow, mayChange: boolean): MySubmissionRowView {
  return {
    mayChange,
    id: row.id,
    code: row.code,
    title: row.title,
    status: row.status as MySubmissionRowView['status'],
    callTitle: row.call_title,
    venueName: row.venue_name,
    venueKind: row.venue_kind as MySubmissionRowView['venueKind'],
    venueContactEmail: row.venue_contact_email,
    deadlineAt: row.deadline_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export const mySubmissionsPage = z
  .object({
    submissions: z.array(mySubmissionRowView),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MySubmissionsPage' });
export type MySubmissionsPage = z.infer<typeof mySubmissionsPage>;
