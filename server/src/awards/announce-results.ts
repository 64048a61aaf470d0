// Announcing an award call's results: one confirmed action, one transaction. Every entrant of the
// locked ranking, and each co-author of a jointly written entry, gets the message for their own
// outcome (through the outbox); an entry withdrawn since the lock gets none and is left as it is.
// Every result row and the ranking record when it was announced, and each entry still in judging
// is decided (its open assignments closed first, so their reminders stop).
import { cancelOpenAssignments } from '../assignments/assignment-editor.ts';
import { recordAudit } from '../audit/events.ts';
import type { AwardOutcome } from '../blinding/project-award-ranking.ts';
import { awardResultMail } from '../mail-templates/award-mail.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { dateTimeFor } from '../mail-templates/words.ts';
import { HttpError } from '../plugins/errors.ts';
import { mailAboutSubmission } from '../submissions/submission-mail.ts';
import { moveSubmission } from '../submissions/submission-state.ts';
import { type StepContext, snapshotOf } from './lock-ranking.ts';
import { type AwardCallRow, loadRankingRow, loadResults } from './ranking.repository.ts';

export async function announceResults(ctx: StepContext & { publicUrl: string }, call: AwardCallRow) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRankingRow(trx, call.id, { forUpdate: true });
    if (!row) throw new HttpError(409, 'not_locked', 'Lock the ranking first.');
    if (row.announced_at) {
      throw new HttpError(
        409,
        'already_announced',
        `${row.announced_by_name ?? 'Someone'} announced these results on ${dateTimeFor(row.announced_at, call.time_zone)}; the messages have gone out.`,
      );
    }
    if (!row.unblinded_at) {
      throw new HttpError(409, 'not_unblinded', 'Un-blind the ranking and check the winners’ eligibility first.');
    }
    const results = await loadResults(trx, call.id, { forUpdate: true });
    const snapshot = snapshotOf(row);
    const categoryName = new Map(snapshot.categories.map((c) => [c.id, c.id ? c.name : null]));
    const code = new Map(snapshot.categories.flatMap((c) => c.entries.map((e) => [e.submissionId, e.code])));
    // An entry withdrawn since the lock is neither told nor counted.
    const told = results.filter((r) => r.submission_status !== 'withdrawn');
    const winners = told.filter((r) => r.outcome === 'winner');
    if (winners.length === 0) throw new HttpError(409, 'no_winner', 'Choose at least one winner before announcing.');
    // Results are set on eligible entries only; this holds the line if that ever slips.
    const unchecked = results.filter((r) => r.outcome !== 'not_placed' && r.eligibility !== 'eligible');
    if (unchecked.length > 0) {
      throw new HttpError(
        409,
        'eligibility_unchecked',
        `Confirm that every placed entry is eligible first: ${unchecked.map((r) => code.get(r.submission_id) ?? 'an entry').join(', ')}.`,
      );
    }

    for (const result of told) {
      const facts = await mailAboutSubmission(trx, ctx.publicUrl, result.submission_id);
      for (const reader of [facts.submitter, ...facts.coAuthors]) {
        await queueMessage(
          trx,
          awardResultMail(reader, {
            ...facts.submission,
            outcome: result.outcome as AwardOutcome,
            category: categoryName.get(result.category_id) ?? null,
          }),
        );
      }
      if (result.submission_status === 'in_review') {
        await cancelOpenAssignments(trx, ctx.audit, result.submission_id, 'decided', ctx.now);
        await moveSubmission(trx, ctx.audit, {
          submissionId: result.submission_id,
          to: 'decided',
          mover: 'editor',
          reason: 'award results announced',
        });
      }
    }
    await trx.updateTable('award_result').set({ announced_at: ctx.now }).where('call_id', '=', call.id).execute();
    await trx
      .updateTable('award_ranking')
      .set({ announced_at: ctx.now, announced_by: ctx.personId })
      .where('call_id', '=', call.id)
      .execute();
    const counts = {
      winners: winners.length,
      commended: told.filter((r) => r.outcome === 'commended').length,
      others: told.filter((r) => r.outcome !== 'winner' && r.outcome !== 'commended').length,
    };
    await recordAudit(trx, ctx.audit, {
      action: 'award.announced',
      objectType: 'call',
      objectId: call.id,
      details: counts,
    });
    return counts;
  });
}
