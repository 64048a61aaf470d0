// The one place that decides what of a submission each kind of viewer sees.
// Reviewers get the anonymised fields only; authors their own submission; editors everything.
// The views are zod schemas because they are also the routes' response schemas: the serializer
// drops any key a view does not list, so a field the projection did not allow cannot leave the
// server even if a query or a spread brings it along (the second wall).

import { leakReport, reviewCopyStates } from '@gaps/workers/contracts';
import { isReleasable } from '@gaps/workers/shared';
import { z } from 'zod';
import type { ReviewCopyRow } from '../review-copies/review-copy.repository.ts';
import type { EditorMessageRow } from '../submissions/editor-message.ts';
import type { MissingItem } from '../submissions/missing-items.ts';
import type {
  AuthorRow,
  ManuscriptVersionRow,
  SubmissionRow,
  TimelineRow,
} from '../submissions/submission.repository.ts';
import { wizardSteps } from '../submissions/submission.schemas.ts';
import { type SubmissionState, submissionStates } from '../submissions/submission-state.ts';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { type VenueWords, venueWords } from '../venues/venue-words.ts';
import { neutralFileName, withheldFinding } from './award-entrant.ts';
import { type EntrantAward, entrantAwardSchema, type FromAward, fromAwardSchema } from './project-award.ts';
import { type AuthorRevision, authorRevisionSchema } from './project-revision.ts';

const instant = z.iso.datetime();
export const submissionStateSchema = z.enum(submissionStates).meta({ id: 'SubmissionState' });
export const wizardStepSchema = z.enum(wizardSteps).meta({ id: 'WizardStep' });

export const manuscriptVersionViewSchema = z
  .object({
    id: z.uuid(),
    versionNumber: z.number().int(),
    round: z.number().int(),
    uploadedAt: instant,
    sizeBytes: z.number().int(),
    /** The name it had on the author's computer: authors and editors only. */
    uploadedName: z.string(),
    /** Counted at upload (null before counting existed, or when the check could not finish). */
    wordCount: z.number().int().nullable(),
    pageCount: z.number().int().nullable(),
  })
  .meta({ id: 'ManuscriptVersion' });
export type ManuscriptVersionView = z.infer<typeof manuscriptVersionViewSchema>;

export const timelineEntrySchema = z
  .object({ at: instant, what: z.string(), state: submissionStateSchema.optional() })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const sharedSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  status: submissionStateSchema,
  title: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
  category: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  round: z.number().int(),
});
type Shared = z.infer<typeof sharedSchema>;

export const reviewerViewSchema = sharedSchema
  .omit({ id: true, status: true })
  .extend({ wordCount: z.number().int().nullable() })
  .meta({ id: 'ReviewerView' });
export type ReviewerView = z.infer<typeof reviewerViewSchema>;

export const reviewCopyStateSchema = z.enum(reviewCopyStates).meta({ id: 'ReviewCopyState' });

/** How far the anonymised copy has got; the author sees this, never the leak report. */
export const reviewCopyStatusSchema = z
  .object({
    status: reviewCopyStateSchema,
    versionNumber: z.number().int(),
    pageCount: z.number().int().nullable(),
    wordCount: z.number().int().nullable(),
    /** Plain words for the author when processing failed (e.g. a password-protected PDF). */
    failureReason: z.string().nullable(),
    updatedAt: instant,
  })
  .meta({ id: 'ReviewCopyStatus' });
export type ReviewCopyStatus = z.infer<typeof reviewCopyStatusSchema>;

export const missingItemSchema = z
  .object({ step: wizardStepSchema, field: z.string(), message: z.string() })
  .meta({ id: 'MissingItem' });

export const submissionAuthorViewSchema = z
  .object({
    name: z.string(),
    email: z.string(),
    affiliation: z.string().nullable(),
    orcid: z.string().nullable(),
    isCorresponding: z.boolean(),
  })
  .meta({ id: 'SubmissionAuthor' });

/**
 * What the editor wrote to the author when returning the submission for changes or rejecting it,
 * while it explains the current state; for a return, with the places found that may identify them.
 */
export const editorMessageSchema = z
  .object({
    kind: z.enum(['returned', 'desk_rejected']),
    sentAt: instant,
    message: z.string(),
    findings: z.array(z.object({ page: z.number().int(), text: z.string(), context: z.string() })),
  })
  .meta({ id: 'EditorMessage' });

export const authorViewSchema = sharedSchema
  .extend({
    call: z.object({
      id: z.uuid(),
      title: z.string(),
      venueName: z.string(),
      venueKind: venueKindSchema,
      /** The editors' address, for questions and extensions (null until they set one). */
      venueContactEmail: z.string().nullable(),
      deadlineAt: instant.nullable(),
      timeZone: z.string(),
    }),
    authors: z.array(submissionAuthorViewSchema),
    declarations: z.object({ confirmed: z.array(z.string()), wordCount: z.number().int().nullable() }),
    applicationForm: z.record(z.string(), z.string()),
    draftStep: wizardStepSchema.nullable(),
    manuscripts: z.array(manuscriptVersionViewSchema),
    missing: z.array(missingItemSchema),
    deadlineExtendedTo: instant.nullable(),
    submittedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    timeline: z.array(timelineEntrySchema),
    nextSteps: z.string(),
    reviewCopy: reviewCopyStatusSchema.nullable(),
    editorMessage: editorMessageSchema.nullable(),
    /** The revision round the author is writing or last sent (journals); null before any. */
    revision: authorRevisionSchema.nullable(),
    /** An award entry's result, once announced (null before, and for journal submissions). */
    award: entrantAwardSchema.nullable(),
  })
  .meta({ id: 'AuthorView' });
export type AuthorView = z.infer<typeof authorViewSchema>;

// What the identity check found, as the editor sees it: the worker's own result contract.
export const leakReportViewSchema = leakReport.meta({ id: 'LeakReport' });

export const editorReviewCopySchema = reviewCopyStatusSchema
  .extend({ leakReport: leakReportViewSchema.nullable(), releasedAt: instant.nullable(), releasable: z.boolean() })
  .meta({ id: 'EditorReviewCopy' });

export const editorViewSchema = authorViewSchema
  .extend({
    submitterId: z.uuid(),
    reviewCopy: editorReviewCopySchema.nullable(),
    /**
     * Null for an award entry until the chair un-blinds its call's locked ranking: eligibility is
     * checked after marking, so the form (programme, practitioner status) waits until then.
     */
    applicationForm: z.record(z.string(), z.string()).nullable(),
    /**
     * True for an award entry until its call's ranking is un-blinded (blinding/award-entrant.ts):
     * then `authors` is empty, `applicationForm` null, upload names are the neutral download names
     * and the identity check's matched words are taken out.
     */
    entrantWithheld: z.boolean(),
    /** A journal submission made from an award essay: where it came from. */
    fromAward: fromAwardSchema.nullable(),
  })
  .meta({ id: 'EditorView' });
export type EditorView = z.infer<typeof editorViewSchema>;

/**
 * A submission with the viewer's relation to it. Discriminated on `relation`, so an author's
 * answer is always cut to the author view even if an editor view was put in it by mistake.
 */
export const submissionAnswerSchema = z
  .discriminatedUnion('relation', [
    z.object({
      relation: z.literal('author'),
      /** Whether this author may change it (edit the draft, upload, send, withdraw): the submitter only. */
      mayChange: z.boolean(),
      submission: authorViewSchema,
    }),
    z.object({ relation: z.literal('editor'), submission: editorViewSchema }),
  ])
  .meta({ id: 'SubmissionAnswer' });
export type SubmissionAnswer = z.infer<typeof submissionAnswerSchema>;

export interface SubmissionParts {
  row: SubmissionRow;
  authors: AuthorRow[];
  applicationForm: Record<string, string>;
  manuscripts: ManuscriptVersionRow[];
  timeline: TimelineRow[];
  missing: MissingItem[];
  nextSteps: string;
  reviewCopy: ReviewCopyRow | undefined;
  editorMessage: EditorMessageRow | null;
  revision: AuthorRevision | null;
  /** An award entry whose call is not un-blinded yet: editors do not see who wrote it. */
  entrantWithheld?: boolean;
  award: EntrantAward | null;
  fromAward: FromAward | null;
}

function reviewCopyStatus(copy: ReviewCopyRow | undefined): ReviewCopyStatus | null {
  if (!copy) return null;
  return {
    status: copy.status,
    versionNumber: copy.version_number,
    pageCount: copy.page_count,
    wordCount: copy.word_count,
    failureReason: copy.failure_reason,
    updatedAt: copy.updated_at.toISOString(),
  };
}

function shared(row: SubmissionRow): Shared {
  return {
    id: row.id,
    code: row.code,
    status: row.status as SubmissionState,
    title: row.title,
    abstract: row.abstract,
    keywords: row.keywords,
    category: row.category_id ? { id: row.category_id, name: row.category_name ?? '' } : null,
    round: row.round,
  };
}

export function toReviewerView(row: SubmissionRow, wordCount: number | null): ReviewerView {
  const { id: _id, status: _status, ...anonymised } = shared(row);
  return { ...anonymised, wordCount };
}

export function toAuthorView(parts: SubmissionParts): AuthorView {
  const { row } = parts;
  const declarations = (row.declarations ?? {}) as { confirmed?: string[]; wordCount?: number | null };
  return {
    ...shared(row),
    call: {
      id: row.call_id,
      title: row.call_title,
      venueName: row.venue_name,
      venueKind: row.venue_kind as z.infer<typeof venueKindSchema>,
      venueContactEmail: row.venue_contact_email,
      deadlineAt: row.deadline_at?.toISOString() ?? null,
      timeZone: row.time_zone,
    },
    authors: parts.authors.map((a) => ({
      name: a.name,
      email: a.email,
      affiliation: a.affiliation,
      orcid: a.orcid,
      isCorresponding: a.is_corresponding,
    })),
    declarations: { confirmed: declarations.confirmed ?? [], wordCount: declarations.wordCount ?? null },
    applicationForm: parts.applicationForm,
    draftStep: row.draft_step as AuthorView['draftStep'],
    manuscripts: parts.manuscripts.map((m) => ({
      id: m.id,
      versionNumber: m.version_number,
      round: m.round,
      uploadedAt: m.uploaded_at.toISOString(),
      sizeBytes: m.size_bytes,
      uploadedName: m.uploaded_name,
      wordCount: m.word_count,
      pageCount: m.page_count,
    })),
    missing: parts.missing,
    deadlineExtendedTo: row.deadline_extended_to?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    timeline: parts.timeline.map((event) => timelineEntry(event, venueWords(parts.row.venue_kind))),
    nextSteps: parts.nextSteps,
    reviewCopy: reviewCopyStatus(parts.reviewCopy),
    editorMessage: parts.editorMessage && {
      kind: parts.editorMessage.kind,
      sentAt: parts.editorMessage.sent_at.toISOString(),
      message: parts.editorMessage.message,
      findings: parts.editorMessage.findings.map(({ page, text, context }) => ({ page, text, context })),
    },
    revision: parts.revision,
    award: parts.award,
  };
}

export function toEditorView(parts: SubmissionParts): EditorView {
  const status = reviewCopyStatus(parts.reviewCopy);
  const withheld = parts.entrantWithheld === true;
  const view = toAuthorView(parts);
  const leakReport = parts.reviewCopy?.leak_report ?? null;
  return {
    ...view,
    ...(withheld && {
      authors: [],
      manuscripts: view.manuscripts.map((m) => ({ ...m, uploadedName: neutralFileName(view.code, m.versionNumber) })),
      editorMessage: view.editorMessage && {
        ...view.editorMessage,
        findings: view.editorMessage.findings.map(withheldFinding),
      },
    }),
    applicationForm: withheld ? null : parts.applicationForm,
    entrantWithheld: withheld,
    submitterId: parts.row.submitter_id,
    fromAward: parts.fromAward,
    reviewCopy: status && {
      ...status,
      leakReport:
        withheld && leakReport
          ? {
              ...leakReport,
              findings: leakReport.findings.map(withheldFinding),
              leaksInCopy: leakReport.leaksInCopy.map(() => 'hidden until the ranking is un-blinded'),
            }
          : leakReport,
      releasedAt: parts.reviewCopy!.released_at?.toISOString() ?? null,
      releasable: isReleasable(parts.reviewCopy),
    },
  };
}

function timelineEntry(event: TimelineRow, words: VenueWords): TimelineEntry {
  const details = event.details as { to?: string; versionNumber?: number; until?: string };
  const at = event.occurred_at.toISOString();
  switch (event.action) {
    case 'submission.started':
      return { at, what: 'Draft started' };
    case 'submission.manuscript_uploaded':
      return {
        at,
        what: `${words.manuscript[0]!.toUpperCase()}${words.manuscript.slice(1)} uploaded (version ${details.versionNumber})`,
      };
    case 'submission.deadline_extended':
      return { at, what: `Deadline extended to ${details.until}` };
    case 'review_copy.released':
      return { at, what: `Anonymised copy released for ${words.review} by the editor` };
    default:
      return { at, what: 'State changed', state: details.to as SubmissionState | undefined };
  }
}
