// An editor records that someone must not review a submission (a reason only they know: a
// friendship, a dispute, a former supervisor). Stored as a 'declared' conflict row, which
// findConflicts reads like any other rule; recording it again replaces the note.
import type { Database } from '@gaps/db';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { notFound } from '../plugins/errors.ts';
import { findConflicts } from './find-conflicts.ts';

export async function declareConflict(
  db: Database,
  audit: AuditContext,
  submissionId: string,
  input: { personId: string; note: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('person').select('id').where('id', '=', input.personId).executeTakeFirst();
    if (!person) throw notFound('person');
    await trx
      .insertInto('conflict')
      .values({
        submission_id: submissionId,
        person_id: input.personId,
        reason: 'declared',
        note: input.note,
        recorded_by: audit.actorId,
      })
      .onConflict((oc) =>
        oc
          .columns(['submission_id', 'person_id', 'reason'])
          .doUpdateSet({ note: input.note, recorded_by: audit.actorId, recorded_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, audit, {
      action: 'conflict.declared',
      objectType: 'submission',
      objectId: submissionId,
      details: { personId: input.personId },
    });
    return findConflicts(trx, submissionId, [input.personId]);
  });
}
