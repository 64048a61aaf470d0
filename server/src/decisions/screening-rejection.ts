// The screening page's "Reject without review" with a short reason, for a journal submission: a
// decision like any other (recorded in decision.service.ts, the one place), worded by the
// venue's "Not sent on" e-mail and sent at once, as that page promises; the reason is also kept
// for the author's page. An award entry's rejection before judging stays a screening move.
import type { Database } from '@gaps/db';
import { composeMail } from '../mail-templates/compose.ts';
import { deskRejectedMail } from '../mail-templates/submission-mail.ts';
import { recordEditorMessage } from '../submissions/editor-message.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { mailAboutSubmission } from '../submissions/submission-mail.ts';
import { recordDecision } from './decision.service.ts';

export async function venueKindOf(db: Database, submissionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('submission')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select('venue.kind')
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
  return row?.kind;
}

export async function deskRejectFromScreening(ctx: SubmissionContext, submissionId: string, reason: string) {
  const about = await mailAboutSubmission(ctx.db, ctx.publicUrl, submissionId);
  const worded = await composeMail(ctx.db, deskRejectedMail(about.submitter, { ...about.submission, reason }));
  await recordDecision(
    ctx,
    submissionId,
    { outcome: 'desk_reject', subject: worded.subject, letter: worded.text },
    {
      holdMinutes: 0,
      template: worded.template,
      reason,
      alsoWrite: (trx) =>
        recordEditorMessage(trx, { submissionId, kind: 'desk_rejected', message: reason, sentBy: ctx.viewer.personId }),
    },
  );
}
