// Reading a submission: the whole of it as its author or an editor sees it, shaped by the blinding
// module's views (reviewers read it through blinding/project-review.ts, never through here).
import type { Database } from '@gaps/db';
import { loadAnnouncedAward } from '../awards/entrant-award.ts';
import { loadFromAward } from '../awards/journal/from-award.ts';
import { isEntrantWithheld } from '../blinding/award-entrant.ts';
import { toEntrantAward, toFromAward } from '../blinding/project-award.ts';
import {
  type AuthorView,
  type EditorView,
  type SubmissionAnswer,
  toAuthorView,
  toEditorView,
} from '../blinding/project-submission.ts';
import { hideUntoldDecisions } from '../decisions/untold-decisions.ts';
import { notFound } from '../plugins/errors.ts';
import { loadLatestReviewCopy } from '../review-copies/review-copy.repository.ts';
import { authorRevision } from '../revisions/revision.service.ts';
import { callRules, missingFor } from './call-rules.ts';
import { loadCurrentEditorMessage } from './editor-message.ts';
import { nextStepsText } from './next-steps.ts';
import {
  loadApplicationForm,
  loadAuthors,
  loadManuscriptVersions,
  loadSubmission,
  loadTimeline,
} from './submission.repository.ts';
import type { Relation, SubmissionAccess } from './submission-access.ts';

/** The submission with the viewer's relation to it: what the submission routes answer. */
export async function answerSubmission(
  db: Database,
  submissionId: string,
  { relation, mayChange }: SubmissionAccess,
  now: Date,
): Promise<SubmissionAnswer> {
  return relation === 'editor'
    ? { relation, submission: await viewSubmission(db, submissionId, relation, now) }
    : { relation, mayChange, submission: await viewSubmission(db, submissionId, relation, now) };
}

export async function viewSubmission(
  db: Database,
  submissionId: string,
  relation: 'author',
  now: Date,
): Promise<AuthorView>;
export async function viewSubmission(
  db: Database,
  submissionId: string,
  relation: 'editor',
  now: Date,
): Promise<EditorView>;
/** `now` is the app's clock: it says whether a decision's letter is still held. */
export async function viewSubmission(
  db: Database,
  submissionId: string,
  relation: Relation,
  now: Date,
): Promise<AuthorView | EditorView> {
  const loaded = await loadSubmission(db, submissionId);
  if (!loaded) throw notFound('submission');
  const [authors, applicationForm, manuscripts, allTimeline, rules, reviewCopy, award, fromAward] = await Promise.all([
    loadAuthors(db, submissionId),
    loadApplicationForm(db, submissionId),
    loadManuscriptVersions(db, submissionId),
    loadTimeline(db, submissionId),
    callRules(db, loaded.call_id),
    loadLatestReviewCopy(db, submissionId),
    loaded.venue_kind === 'award' ? loadAnnouncedAward(db, submissionId) : undefined,
    relation === 'editor' ? loadFromAward(db, submissionId) : null,
  ]);
  // The author learns of a decision from its letter: a held or rescinded one is not shown.
  const seen =
    relation === 'author'
      ? await hideUntoldDecisions(db, submissionId, { status: loaded.status, timeline: allTimeline }, now)
      : { status: loaded.status, timeline: allTimeline };
  // Everything the page derives from the state follows the state the author sees: the revision a
  // held decision opened, or the reason a held rejection keeps for them, is not shown either.
  const letterHeld = seen.status !== loaded.status;
  const row = { ...loaded, status: seen.status };
  const timeline = seen.timeline;
  const parts = {
    row,
    revision: await authorRevision(db, { id: submissionId, venueKind: row.venue_kind }, manuscripts, { letterHeld }),
    editorMessage: await loadCurrentEditorMessage(db, submissionId, row.status),
    entrantWithheld: relation === 'editor' && (await isEntrantWithheld(db, row)),
    reviewCopy,
    award: toEntrantAward(award),
    fromAward: toFromAward(fromAward),
    authors,
    applicationForm,
    manuscripts,
    timeline,
    missing:
      row.status === 'draft'
        ? missingFor(row, rules!, {
            authors: authors.length,
            answers: applicationForm,
            manuscripts: manuscripts.length,
          })
        : [],
    nextSteps: nextStepsText({
      status: row.status,
      venueKind: row.venue_kind,
      deadlineAt: row.deadline_extended_to ?? row.deadline_at,
      decisionDueAt: row.decision_due_at,
      timeZone: row.time_zone,
    }),
  };
  return relation === 'editor' ? toEditorView(parts) : toAuthorView(parts);
}
