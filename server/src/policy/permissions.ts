// The one place that decides who may do what. Every route calls `authorize`; anything not listed
// here is denied, and a denial of an object answers 404 so that it never confirms existence.
import { HttpError, notFound } from '../plugins/errors.ts';

export interface Viewer {
  personId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  editorOfVenueIds: readonly string[];
  /**
   * Set when the session was made from a review invitation link: it reaches that one assignment
   * (its invitation, review copy and review) and nothing else, not even the person's own account.
   */
  assignmentScope?: string | null;
}

/** What the policy needs to know about a submission to decide. */
export interface SubmissionFacts {
  venueId: string;
  /** Who started it: the one author who edits, sends and withdraws it. */
  submitterId: string;
  /**
   * Everyone who is an author of it: the submitter and every co-author linked to an account
   * (`submission_author.person_id`, set once the co-author's e-mail address is verified).
   */
  authorPersonIds: readonly string[];
}

/** What the policy needs to know about an assignment (one reviewer on one submission's round). */
export interface AssignmentFacts {
  id: string;
  reviewerId: string;
  venueId: string;
  submissionId: string;
}

/** What the policy needs to know about a call to decide who may read it. */
export interface CallFacts {
  venueId: string;
  /** Open now: its rules are public. */
  isOpen: boolean;
  /**
   * Which of the people asked about are authors of a submission (draft or sent) in the call.
   * Loaded for the viewer only: a call may have thousands of authors.
   */
  authorPersonIds: readonly string[];
}

export type Action =
  | { kind: 'account.use' } // anything on one's own account
  | { kind: 'people.manage' } // list people, grant and remove roles
  | { kind: 'audit.read' }
  | { kind: 'mail.read' }
  | { kind: 'retention.manage' } // retention periods, the sweep's dry runs and runs
  | { kind: 'site_mail.manage' } // the words of the site-wide (account) e-mails
  | { kind: 'venue.manage'; venueId: string } // editor work on a venue: calls, reviewer pool, queue
  | { kind: 'call.read'; call: CallFacts } // a call's rules (public while open)
  | { kind: 'submission.read_as_author'; submission: SubmissionFacts } // the author view and the files
  | { kind: 'submission.act_as_author'; submission: SubmissionFacts } // edit draft, upload, submit, withdraw
  | { kind: 'submission.manage'; submission: SubmissionFacts } // the editor's view, with identities
  | { kind: 'assignment.review'; assignment: AssignmentFacts }; // the reviewer's own: answer, read the copy, review

const isAuthor = (viewer: Viewer, submission: SubmissionFacts) => submission.authorPersonIds.includes(viewer.personId);
const isReviewer = (viewer: Viewer, assignment: AssignmentFacts) => assignment.reviewerId === viewer.personId;
const edits = (viewer: Viewer, venueId: string) => viewer.isAdmin || viewer.editorOfVenueIds.includes(venueId);

export function can(viewer: Viewer | null, action: Action): boolean {
  // An open call's rules are for everyone, signed in or not.
  if (action.kind === 'call.read' && action.call.isOpen) return true;
  if (!viewer) return false;
  // A session from an invitation link reaches its one assignment, whatever else the person could do.
  if (viewer.assignmentScope) {
    return (
      action.kind === 'assignment.review' &&
      action.assignment.id === viewer.assignmentScope &&
      isReviewer(viewer, action.assignment)
    );
  }
  switch (action.kind) {
    case 'account.use':
      return true;
    case 'people.manage':
    case 'audit.read':
    case 'mail.read':
    case 'retention.manage':
    case 'site_mail.manage':
      return viewer.isAdmin;
    case 'venue.manage':
      return edits(viewer, action.venueId);
    case 'call.read':
      // A call that is closed (or not yet open) stays visible to its venue's editors, and to the
      // authors of a submission in it, who still need its rules (e.g. after an extension).
      return edits(viewer, action.call.venueId) || action.call.authorPersonIds.includes(viewer.personId);
    case 'submission.read_as_author':
      return isAuthor(viewer, action.submission);
    case 'submission.act_as_author':
      // Only the submitter changes it. A co-author is linked because the submitter typed their
      // address, not because they asked for control: they read it, but two people editing one
      // draft would overwrite each other, and the editors deal with one corresponding author.
      return viewer.personId === action.submission.submitterId;
    case 'submission.manage':
      // Editors see everything, except on a submission they are an author of, submitter or
      // co-author: the author view is all they get there (blindness holds for every author).
      return !isAuthor(viewer, action.submission) && edits(viewer, action.submission.venueId);
    case 'assignment.review':
      return isReviewer(viewer, action.assignment);
    default:
      return false;
  }
}

/** Throws unless allowed: 401 when nobody is signed in, otherwise 404 (no existence oracle). */
export function authorize(viewer: Viewer | null, action: Action): asserts viewer is Viewer {
  if (can(viewer, action)) return;
  if (!viewer) throw new HttpError(401, 'sign_in_required', 'Please sign in to continue.');
  throw notFound();
}
