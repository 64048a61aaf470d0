// The shapes the API answers with (docs/api.md). Kept by hand: the contract is small and
// reading it here is easier than generating it from the OpenAPI description.

export type VenueKind = 'journal' | 'award' | 'website' | (string & {});

export interface Venue {
  id: string;
  slug: string;
  name: string;
  kind: VenueKind;
}

/** The signed-in person, as GET /api/session describes them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  isAdmin: boolean;
  editorOf: Venue[];
  timeZone: string;
}

export interface Profile {
  id: string;
  email: string;
  name: string;
  affiliation: string | null;
  orcid: string | null;
  timeZone: string;
  emailDomains: string[];
  emailVerified: boolean;
  createdAt: string;
}

export type ProfileChanges = Partial<Pick<Profile, 'name' | 'affiliation' | 'orcid' | 'timeZone' | 'emailDomains'>>;

export interface Message {
  message: string;
}

export interface SessionAnswer {
  person: Person | null;
  csrfToken: string;
}

/** A person as the admin's people list shows them; `editorOf` holds venue ids. */
export interface ListedPerson {
  id: string;
  email: string;
  name: string;
  affiliation: string | null;
  emailVerified: boolean;
  createdAt: string;
  isAdmin: boolean;
  editorOf: string[];
}

export interface Roles {
  isAdmin: boolean;
  editorOf: string[];
}

export interface AuditEvent {
  id: number | string;
  occurredAt: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditFilter {
  action?: string;
  objectType?: string;
  objectId?: string;
  actor?: string;
}

export interface MailMessageSummary {
  id: string;
  to: string;
  template: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface MailMessage extends MailMessageSummary {
  text: string;
}

export interface Reviewer {
  personId: string;
  name: string;
  email: string;
  affiliation: string | null;
  expertise: string[];
  active: boolean;
}

export interface ReviewerPool {
  venue: Venue;
  reviewers: Reviewer[];
}

/** One page of a list that continues after `nextCursor` (null when there is no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Calls and submissions (docs/api.md, sections Calls, Submissions, Review copies).

export type BlindMode = 'double' | 'single' | 'open';
export type ApplicationFieldType = 'text' | 'textarea' | 'email' | 'tel';

export interface CallCategory {
  id: string;
  name: string;
  description: string;
}

export interface Declaration {
  key: string;
  text: string;
}

export interface ApplicationFormField {
  key: string;
  label: string;
  type: ApplicationFieldType;
  required: boolean;
  help?: string;
}

export interface Call {
  id: string;
  venue: Venue;
  slug: string;
  title: string;
  description: string;
  categories: CallCategory[];
  opensAt: string;
  /** Wall time in `timeZone` ("2027-07-02T00:00"), or null for a rolling call. */
  deadlineLocal: string | null;
  timeZone: string;
  /** The instant the call closes, or null for a rolling call. */
  deadlineAt: string | null;
  isOpen: boolean;
  wordLimit: number | null;
  pageLimit: number | null;
  declarations: Declaration[];
  applicationFormFields: ApplicationFormField[];
  blindMode: BlindMode;
  singleAuthor: boolean;
  rubricId: string | null;
  feeNote: string | null;
}

export interface CallInput {
  slug: string;
  title: string;
  description: string;
  categories: Array<{ name: string; description: string }>;
  opensAt: string;
  deadlineLocal: string | null;
  timeZone: string;
  wordLimit: number | null;
  pageLimit: number | null;
  declarations: Declaration[];
  applicationFormFields: ApplicationFormField[];
  blindMode: BlindMode;
  singleAuthor: boolean;
  rubricId: string | null;
  feeNote: string | null;
}

export interface Rubric {
  id: string;
  name: string;
}

export type SubmissionState =
  | 'draft'
  | 'submitted'
  | 'screening'
  | 'in_review'
  | 'revision_requested'
  | 'decided'
  | 'withdrawn'
  | 'desk_rejected';

export type WizardStep = 'call' | 'details' | 'authors' | 'declarations' | 'application' | 'manuscript' | 'review';

export interface SubmissionAuthor {
  name: string;
  email: string;
  affiliation: string | null;
  orcid: string | null;
  isCorresponding: boolean;
}

export interface ManuscriptVersion {
  id: string;
  versionNumber: number;
  round: number;
  uploadedAt: string;
  sizeBytes: number;
  uploadedName: string;
}

export interface MissingItem {
  step: WizardStep;
  field: string;
  message: string;
}

export interface TimelineEntry {
  at: string;
  what: string;
  state?: SubmissionState;
}

export type ReviewCopyState = 'queued' | 'processing' | 'ready' | 'needs_attention' | 'failed';

export interface ReviewCopyStatus {
  status: ReviewCopyState;
  versionNumber: number;
  pageCount: number | null;
  wordCount: number | null;
  failureReason: string | null;
  updatedAt: string;
}

export interface LeakFinding {
  kind: string;
  page: number;
  text: string;
  context: string;
}

export interface LeakReport {
  findings: LeakFinding[];
  overWordLimit: boolean;
  overPageLimit: boolean;
  leaksInCopy: string[];
}

export interface EditorReviewCopy extends ReviewCopyStatus {
  leakReport: LeakReport | null;
  releasedAt: string | null;
  releasable: boolean;
}

export interface AuthorView {
  id: string;
  code: string | null;
  status: SubmissionState;
  title: string;
  abstract: string;
  keywords: string[];
  category: { id: string; name: string } | null;
  round: number;
  call: {
    id: string;
    title: string;
    venueName: string;
    venueKind: VenueKind;
    deadlineAt: string | null;
    timeZone: string;
  };
  authors: SubmissionAuthor[];
  declarations: { confirmed: string[]; wordCount: number | null };
  applicationForm: Record<string, string>;
  draftStep: WizardStep | null;
  manuscripts: ManuscriptVersion[];
  missing: MissingItem[];
  deadlineExtendedTo: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  nextSteps: string;
  reviewCopy: ReviewCopyStatus | null;
}

export interface EditorView extends Omit<AuthorView, 'reviewCopy'> {
  submitterId: string;
  reviewCopy: EditorReviewCopy | null;
}

export type SubmissionAnswer =
  | { relation: 'author'; submission: AuthorView }
  | { relation: 'editor'; submission: EditorView };

export interface DraftPatch {
  categoryId?: string | null;
  title?: string;
  abstract?: string;
  keywords?: string[];
  authors?: Array<{ name: string; email: string; affiliation: string | null; orcid: string | null }>;
  declarations?: { confirmed: string[]; wordCount: number | null };
  applicationForm?: Record<string, string>;
  draftStep?: WizardStep;
}

/** One line of "My submissions". */
export interface MySubmission {
  id: string;
  code: string | null;
  title: string;
  status: SubmissionState;
  callTitle: string;
  venueName: string;
  deadlineAt: string | null;
  /** The call's time zone. */
  timeZone: string;
  submittedAt: string | null;
  updatedAt: string;
}

/** One line of an editor's queue. */
export interface QueuedSubmission {
  id: string;
  code: string | null;
  title: string;
  status: SubmissionState;
  call: { id: string; title: string };
  category: string | null;
  authors: string[];
  submittedAt: string | null;
  updatedAt: string;
}

export interface QueueFilter {
  status?: string;
  callId?: string;
  categoryId?: string;
  q?: string;
  sort?: string;
  order?: string;
}

export interface UploadedManuscript {
  id: string;
  versionNumber: number;
  sizeBytes: number;
}
