// Who may open a submission, and how: the checks every submission, manuscript and review-copy
// route makes first. The policy decides; this loads the facts it needs and answers 404 (or 403 to a
// co-author asking for a change only the submitter makes).
import type { Database } from '@gaps/db';
import { HttpError, notFound } from '../plugins/errors.ts';
import { authorize, can, type SubmissionFacts, type Viewer } from '../policy/permissions.ts';
import { loadSubmissionFacts } from './submission.repository.ts';

export type Relation = 'author' | 'editor';
/** How the viewer stands to a submission; `mayChange` is true for its submitter only. */
export interface SubmissionAccess {
  relation: Relation;
  mayChange: boolean;
}

/** Decides how the viewer relates to a submission, or answers 404. */
export async function requireRelation(
  db: Database,
  viewer: Viewer | null,
  submissionId: string,
  allowed: readonly Relation[] = ['author', 'editor'],
): Promise<SubmissionAccess & { facts: SubmissionFacts & { status: string } }> {
  authorize(viewer, { kind: 'account.use' });
  const facts = await loadSubmissionFacts(db, submissionId);
  if (facts) {
    if (allowed.includes('author') && can(viewer, { kind: 'submission.read_as_author', submission: facts })) {
      const mayChange = can(viewer, { kind: 'submission.act_as_author', submission: facts });
      return { relation: 'author', mayChange, facts };
    }
    if (allowed.includes('editor') && can(viewer, { kind: 'submission.manage', submission: facts })) {
      return { relation: 'editor', mayChange: false, facts };
    }
  }
  throw notFound('submission');
}

/**
 * For the changes only the submitter makes (edit the draft, upload, submit, withdraw). A co-author
 * already knows the submission exists, so they get a plain 403 that says why, not a 404.
 */
export async function requireSubmitter(
  db: Database,
  viewer: Viewer | null,
  submissionId: string,
): Promise<{ relation: 'author'; mayChange: true; facts: SubmissionFacts & { status: string } }> {
  const { facts, mayChange } = await requireRelation(db, viewer, submissionId, ['author']);
  if (!mayChange) {
    throw new HttpError(
      403,
      'submitter_only',
      'Only the author who started this submission can change, send or withdraw it. Please ask them to make the change.',
    );
  }
  return { relation: 'author', mayChange: true, facts };
}
