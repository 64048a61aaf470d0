// The one place that decides who may do what. Every route calls `authorize`; anything not listed
// here is denied, and a denial of an object answers 404 so that it never confirms existence.
import { HttpError, notFound } from '../plugins/errors.ts';

export interface Viewer {
  personId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  editorOfVenueIds: readonly string[];
}

/** What the policy needs to know about a submission to decide. */
export interface SubmissionFacts {
  venueId: string;
  authorPersonIds: readonly string[];
}

export type Action =
  | { kind: 'account.use' } // anything on one's own account
  | { kind: 'people.manage' } // list people, grant and remove roles
  | { kind: 'audit.read' }
  | { kind: 'mail.read' }
  | { kind: 'venue.manage'; venueId: string } // editor work on a venue: calls, reviewer pool, queue
  | { kind: 'submission.act_as_author'; submission: SubmissionFacts } // read own, edit draft, upload, withdraw
  | { kind: 'submission.manage'; submission: SubmissionFacts }; // the editor's view, with identities

export function can(viewer: Viewer | null, action: Action): boolean {
  if (!viewer) return false;
  switch (action.kind) {
    case 'account.use':
      return true;
    case 'people.manage':
    case 'audit.read':
    case 'mail.read':
      return viewer.isAdmin;
    case 'venue.manage':
      return viewer.isAdmin || viewer.editorOfVenueIds.includes(action.venueId);
    case 'submission.act_as_author':
      return action.submission.authorPersonIds.includes(viewer.personId);
    case 'submission.manage':
      // Editors see everything, except on a submission they are an author of.
      return (
        !action.submission.authorPersonIds.includes(viewer.personId) &&
        (viewer.isAdmin || viewer.editorOfVenueIds.includes(action.submission.venueId))
      );
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
