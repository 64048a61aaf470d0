// The editor's screening decisions on the anonymised copy: release a flagged copy to reviewers,
// or return the submission to its author with the findings. The copy's own moves are in its
// state machine (workers/src/pdf-anonymisation/review-copy-state.ts).
import { releaseReviewCopy } from '@gaps/workers/shared';
import { queueMessage } from '../mail-templates/compose.ts';
import { returnedForChangesMail } from '../mail-templates/submission-mail.ts';
import { HttpError } from '../plugins/errors.ts';
import { recordEditorMessage } from '../submissions/editor-message.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { mailAboutSubmission } from '../submissions/submission-mail.ts';
import { moveSubmission } from '../submissions/submission-state.ts';
import { loadLatestReviewCopy } from './review-copy.repository.ts';

const refusals = {
  nothing_to_release: 'There is no anonymised copy waiting for your decision. Reload the page.',
  identity_in_copy:
    'The author’s identity is still inside the anonymised copy itself, so it cannot go to reviewers. Return it to the author instead.',
} as const;

/** Releases the newest copy of a submission despite its findings, after the editor read them. */
export async function releaseLatestReviewCopy(ctx: SubmissionContext, submissionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const copy = await loadLatestReviewCopy(trx, submissionId);
    if (!copy) throw new HttpError(409, 'nothing_to_release', refusals.nothing_to_release);
    const outcome = await releaseReviewCopy(trx, { ...ctx.audit, actorId: ctx.viewer.personId }, copy.id);
    if (!outcome.released) throw new HttpError(409, outcome.refusal, refusals[outcome.refusal]);
  });
}

/**
 * Sends a submission back before review so its author can anonymise it: the message and the
 * findings are e-mailed and kept for the author's page.
 */
export async function returnToAuthor(ctx: SubmissionContext, submissionId: string, message: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await moveSubmission(trx, ctx.audit, {
      submissionId,
      to: 'revision_requested',
      mover: 'editor',
      reason: 'anonymisation',
      expectFrom: ['submitted', 'screening'],
    });
    const findings = (await loadLatestReviewCopy(trx, submissionId))?.leak_report?.findings ?? [];
    await recordEditorMessage(trx, { submissionId, kind: 'returned', message, findings, sentBy: ctx.viewer.personId });
    const about = await mailAboutSubmission(trx, ctx.publicUrl, submissionId);
    await queueMessage(trx, returnedForChangesMail(about.submitter, { ...about.submission, findings, message }));
  });
}
