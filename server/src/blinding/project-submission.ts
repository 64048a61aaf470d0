// The one place that decides what of a submission each kind of viewer sees.
// Reviewers get the anonymised fields only; authors their own submission; editors everything.
import type { ReviewCopyState } from '@gaps/workers/contracts';
import { isReleasable } from '@gaps/workers/shared';
import type { LeakReport, ReviewCopyRow } from '../review-copies/review-copy.repository.ts';
import type { MissingItem } from '../submissions/missing-items.ts';
import type {
  AuthorRow,
  ManuscriptVersionRow,
  SubmissionRow,
  TimelineRow,
} from '../submissions/submission.repository.ts';

export interface ManuscriptVersionView {
  id: string;
  versionNumber: number;
  round: number;
  uploadedAt: string;
  sizeBytes: number;
  /** The name it had on the author's computer: authors and editors only. */
  uploadedName: string;
}

export interface TimelineEntry {
  at: string;
  what: string;
  state?: string;
}

interface Shared {
  id: string;
  code: string | null;
  status: string;
  title: string;
  abstract: string;
  keywords: string[];
  category: { id: string; name: string } | null;
  round: number;
}

export interface ReviewerView extends Omit<Shared, 'status' | 'id'> {
  wordCount: number | null;
}

export interface AuthorView extends Shared {
  call: {
    id: string;
    title: string;
    venueName: string;
    venueKind: string;
    deadlineAt: string | null;
    timeZone: string;
  };
  authors: Array<{
    name: string;
    email: string;
    affiliation: string | null;
    orcid: string | null;
    isCorresponding: boolean;
  }>;
  declarations: { confirmed: string[]; wordCount: number | null };
  applicationForm: Record<string, string>;
  draftStep: string | null;
  manuscripts: ManuscriptVersionView[];
  missing: MissingItem[];
  deadlineExtendedTo: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  nextSteps: string;
  reviewCopy: ReviewCopyStatus | null;
}

/** How far the anonymised copy has got; the author sees this, never the leak report. */
export interface ReviewCopyStatus {
  status: ReviewCopyState;
  versionNumber: number;
  pageCount: number | null;
  wordCount: number | null;
  /** Plain words for the author when processing failed (e.g. a password-protected PDF). */
  failureReason: string | null;
  updatedAt: string;
}

export interface EditorView extends Omit<AuthorView, 'reviewCopy'> {
  submitterId: string;
  reviewCopy:
    | (ReviewCopyStatus & { leakReport: LeakReport | null; releasedAt: string | null; releasable: boolean })
    | null;
}

export interface SubmissionParts {
  row: SubmissionRow;
  authors: AuthorRow[];
  applicationForm: Record<string, string>;
  manuscripts: ManuscriptVersionRow[];
  timeline: TimelineRow[];
  missing: MissingItem[];
  nextSteps: string;
  reviewCopy: ReviewCopyRow | undefined;
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
    status: row.status,
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
      venueKind: row.venue_kind,
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
    draftStep: row.draft_step,
    manuscripts: parts.manuscripts.map((m) => ({
      id: m.id,
      versionNumber: m.version_number,
      round: m.round,
      uploadedAt: m.uploaded_at.toISOString(),
      sizeBytes: m.size_bytes,
      uploadedName: m.uploaded_name,
    })),
    missing: parts.missing,
    deadlineExtendedTo: row.deadline_extended_to?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    timeline: parts.timeline.map(timelineEntry),
    nextSteps: parts.nextSteps,
    reviewCopy: reviewCopyStatus(parts.reviewCopy),
  };
}

export function toEditorView(parts: SubmissionParts): EditorView {
  const status = reviewCopyStatus(parts.reviewCopy);
  return {
    ...toAuthorView(parts),
    submitterId: parts.row.submitter_id,
    reviewCopy: status && {
      ...status,
      leakReport: parts.reviewCopy!.leak_report,
      releasedAt: parts.reviewCopy!.released_at?.toISOString() ?? null,
      releasable: isReleasable(parts.reviewCopy),
    },
  };
}

function timelineEntry(event: TimelineRow): TimelineEntry {
  const details = event.details as { to?: string; versionNumber?: number; until?: string };
  const at = event.occurred_at.toISOString();
  switch (event.action) {
    case 'submission.started':
      return { at, what: 'Draft started' };
    case 'submission.manuscript_uploaded':
      return { at, what: `Manuscript uploaded (version ${details.versionNumber})` };
    case 'submission.deadline_extended':
      return { at, what: `Deadline extended to ${details.until}` };
    case 'review_copy.released':
      return { at, what: 'Anonymised copy released for review by the editor' };
    default:
      return { at, what: 'State changed', state: details.to };
  }
}
