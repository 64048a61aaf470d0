// The entrant's consent to offer their announced winning or commended essay to the journal, and
// taking it back (possible until the editors have moved it). Audited; the row lock makes a
// withdrawal and a move at the same moment end in one order.
import type { Database } from '@gaps/db';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import { isHonoured } from '../entrant-award.ts';

export async function setJournalConsent(
  db: Database,
  audit: AuditContext,
  submissionId: string,
  consent: boolean,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .selectFrom('award_result')
      .select(['id', 'outcome', 'journal_consent_at', 'journal_submission_id'])
      .where('submission_id', '=', submissionId)
      .where('announced_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!result) throw notFound('submission');
    if (!isHonoured(result.outcome)) {
      throw new HttpError(409, 'not_offerable', 'Only winning and commended essays can be offered to the journal.');
    }
    if (result.journal_submission_id) {
      throw new HttpError(
        409,
        'already_moved',
        'Your essay is already with the journal, so this can no longer be changed. Write to the journal’s editors if you want to withdraw it.',
      );
    }
    if ((result.journal_consent_at !== null) === consent) return; // already as asked: nothing to record
    await trx
      .updateTable('award_result')
      .set({ journal_consent_at: consent ? now : null })
      .where('id', '=', result.id)
      .execute();
    await recordAudit(trx, audit, {
      action: consent ? 'award.journal_consent_given' : 'award.journal_consent_withdrawn',
      objectType: 'submission',
      objectId: submissionId,
      details: {},
    });
  });
}
