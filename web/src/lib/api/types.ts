// Names for the API's shapes. Every type here comes from generated/schema.d.ts, which
// `npm run api:types` writes from the server's OpenAPI description (the routes' zod schemas),
// so nothing is a hand-kept copy: when a route's answer changes, svelte-check shows where.
// A lookup that matches no route gives `unknown` (not `never`), so using it fails to compile.
import type { components, paths } from './generated/schema.d.ts';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON a route answers with, for one success status. */
export type Answer<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: { [status in S]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : unknown;

/** The JSON a route takes as its body. */
export type RequestBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : unknown;

/** The query string a GET route understands. */
export type QueryOf<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : unknown;

export type ApiErrorBody = Schemas['ApiError'];

export type VenueKind = Schemas['VenueKind'];
export type Venue = Schemas['Venue'];
/** A venue as anyone reads it, with its editorial address (null until the editors set it). */
export type PublicVenue = Schemas['PublicVenue'];

/** The signed-in person, as GET /api/session describes them. */
export type Person = Schemas['Person'];
export type Profile = Schemas['Profile'];
export type ProfileChanges = RequestBody<'/api/me/profile', 'patch'>;
export type Message = Schemas['Message'];
export type SessionAnswer = Answer<'/api/session', 'get'>;

/** A person as the admin's people list shows them; `editorOf` holds venue ids. */
export type ListedPerson = Schemas['ListedPerson'];
export type Roles = RequestBody<'/api/admin/people/{personId}/roles', 'put'>;
export type AuditEvent = Schemas['AuditEvent'];
export type AuditFilter = Omit<QueryOf<'/api/admin/audit'>, 'before'>;
export type MailMessageSummary = Schemas['MailMessageSummary'];
export type MailMessage = Schemas['MailMessage'];

export type Reviewer = Schemas['Reviewer'];
export type ReviewerPool = Schemas['ReviewerPool'];
export type ReviewerChanges = RequestBody<'/api/venues/{venueId}/reviewer-pool/{personId}', 'patch'>;
/** One person of the pool as the editor choosing reviewers sees them, conflicts included. */
export type ReviewerSuggestion = Schemas['ReviewerSuggestion'];
export type Conflict = Schemas['Conflict'];
export type ConflictReason = Schemas['ConflictReason'];

/** One page of a list that continues after `nextCursor` (null when there is no more): the pages' own shape. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Call = Schemas['Call'];
export type BlindMode = Call['blindMode'];
export type CallCategory = Call['categories'][number];
export type Declaration = Call['declarations'][number];
export type ApplicationFormField = Call['applicationFormFields'][number];
export type ApplicationFieldType = ApplicationFormField['type'];
export type CallInput = RequestBody<'/api/venues/{venueId}/calls', 'post'>;
/** A change to a call, with the editor's go-ahead when it closes the call (see ConfirmClosingDrafts). */
export type CallUpdate = RequestBody<'/api/venues/{venueId}/calls/{callId}', 'put'>;
export type Rubric = Schemas['Rubric'];

export type SubmissionState = Schemas['SubmissionState'];
export type WizardStep = Schemas['WizardStep'];
export type SubmissionAuthor = Schemas['SubmissionAuthor'];
export type ManuscriptVersion = Schemas['ManuscriptVersion'];
export type MissingItem = Schemas['MissingItem'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type ReviewCopyState = Schemas['ReviewCopyState'];
export type ReviewCopyStatus = Schemas['ReviewCopyStatus'];
export type LeakFinding = LeakReport['findings'][number];
export type LeakReport = Schemas['LeakReport'];
export type EditorReviewCopy = Schemas['EditorReviewCopy'];
export type AuthorView = Schemas['AuthorView'];
export type EditorView = Schemas['EditorView'];
export type SubmissionAnswer = Schemas['SubmissionAnswer'];
export type DraftPatch = RequestBody<'/api/submissions/{submissionId}', 'patch'>;

/** One line of "My submissions". */
export type MySubmission = Schemas['MySubmission'];

/** One line of an editor's queue. */
export type QueuedSubmission = Schemas['QueuedSubmission'];
export type QueuePage = Schemas['EditorQueuePage'];
export type QueueFilter = Omit<QueryOf<'/api/venues/{venueId}/submissions'>, 'after' | 'limit'>;
export type UploadedManuscript = Schemas['UploadedManuscript'];
