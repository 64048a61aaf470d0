// The editor's screening decisions on the anonymised copy: release a flagged copy to reviewers,
// or return the submission to its author with the findings. The copy's own moves are in its
// state machine (workers/src/pdf-anonymisation/review-copy-state.ts).
import { queueMail, releaseReviewCopy } from '@gaps/workers/shared';
import { HttpError } from '../plugins/errors.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { moveSubmission } from '../submissions/submission-state.ts';
import { loadLatestReviewCopy } from './review-copy.repository.ts';
import { returnForAnonymisationMail } from './review-copy-mail.ts';

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

/** Sends a submission back before review so its author can anonymise it; e-mails the findings. */
export async function returnToAuthor(ctx: SubmissionContext, submissionId: string, message: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await moveSubmission(trx, ctx.audit, {
      submissionId,
      to: 'revision_requested',
      mover: 'editor',
      reason: 'anonymisation',
      expectFrom: ['submitted', 'screening'],
    });
    const copy = await loadLatestReviewCopy(trx, submissionId);
    const submission = await trx
      .selectFrom('submission')
      .innerJoin('person', 'person.id', 'submission.submitter_id')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .select(['person.id', 'person.name', 'person.email', 'submission.title', 'venue.kind as venue_kind'])
      .where('submission.id', '=', submissionId)
      .executeTakeFirstOrThrow();
    await queueMail(
      trx,
      returnForAnonymisationMail({
        to: submission,
        code: moved.code!,
        title: submission.title,
        venueKind: submission.venue_kind,
        findings: copy?.leak_report?.findings ?? [],
        message,
      }),
    );
  });
}
