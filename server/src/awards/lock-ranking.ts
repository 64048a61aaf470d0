// The two audited steps that make the ranking final and then open the entrants' identities:
// lock (a snapshot of the calibrated ranking, and one award_result row per entry) and un-blind
// (from then the chair reads names and application forms). The order is the point: eligibility is
// checked after marking, so who wrote an essay cannot sway its place.
import type { Database } from '@gaps/db';
import { cancelOpenAssignments } from '../assignments/assignment-editor.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { dateTimeFor } from '../mail-templates/words.ts';
import { HttpError } from '../plugins/errors.ts';
import { type AwardCallRow, loadRankingRow, type RankingRow } from './ranking.repository.ts';
import { currentRanking, type RankingSnapshot } from './ranking.service.ts';

export interface StepContext {
  db: Database;
  audit: AuditContext;
  now: Date;
  personId: string;
}

const when = (date: Date | null, call: AwardCallRow) => (date ? dateTimeFor(date, call.time_zone) : 'earlier');

export function alreadyLocked(row: RankingRow, call: AwardCallRow) {
  return new HttpError(
    409,
    'already_locked',
    `${row.locked_by_name ?? 'Someone'} locked this ranking on ${when(row.locked_at, call)}. Reload the page to see it.`,
  );
}

export async function lockRanking(ctx: StepContext, call: AwardCallRow, confirmMissing: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await loadRankingRow(trx, call.id);
    if (existing) throw alreadyLocked(existing, call);
    const snapshot = await currentRanking(trx, call.id);
    const entries = snapshot.categories.flatMap((c) => c.entries.map((e) => ({ ...e, categoryId: c.id })));
    if (!entries.some((e) => e.rank !== null)) {
      throw new HttpError(
        409,
        'nothing_to_rank',
        'No judge has submitted marks for this call yet, so there is nothing to lock.',
      );
    }
    if (snapshot.missing.length > 0 && !confirmMissing) {
      const n = snapshot.missing.length;
      throw new HttpError(
        409,
        'marks_missing',
        `${n} ${n === 1 ? 'mark is' : 'marks are'} still missing. Lock anyway? The ranking will not change, and the judges still owing them will be released and get no more reminders.`,
      );
    }
    // Two chairs pressing Lock at once: the primary key lets one in; the other waits, then finds its row.
    const inserted = await trx
      .insertInto('award_ranking')
      .values({ call_id: call.id, ranking: JSON.stringify(snapshot), locked_at: ctx.now, locked_by: ctx.personId })
      .onConflict((oc) => oc.column('call_id').doNothing())
      .returning('call_id')
      .executeTakeFirst();
    if (!inserted) throw alreadyLocked((await loadRankingRow(trx, call.id))!, call);
    await trx
      .insertInto('award_result')
      .values(
        entries.map((entry) => ({
          call_id: call.id,
          category_id: entry.categoryId,
          submission_id: entry.submissionId,
          rank: entry.rank,
          normalised_score: entry.calibrated === null ? null : entry.calibrated.toFixed(4),
          raw_score: entry.raw === null ? null : entry.raw.toFixed(4),
          outcome: 'not_placed',
          decided_by: ctx.personId,
          decided_at: ctx.now,
        })),
      )
      .onConflict((oc) =>
        oc.column('submission_id').doUpdateSet((eb) => ({
          rank: eb.ref('excluded.rank'),
          normalised_score: eb.ref('excluded.normalised_score'),
          raw_score: eb.ref('excluded.raw_score'),
          category_id: eb.ref('excluded.category_id'),
        })),
      )
      .execute();
    // Marks that come in now would change nothing, so the judges still owing one are released
    // (and told): their assignments close, and with them every reminder the sweep would send.
    for (const entry of entries) {
      await cancelOpenAssignments(trx, ctx.audit, entry.submissionId, 'ranking locked', ctx.now);
    }
    await recordAudit(trx, ctx.audit, {
      action: 'award.ranking_locked',
      objectType: 'call',
      objectId: call.id,
      details: { entries: entries.length, missingMarks: snapshot.missing.length },
    });
  });
}

export async function unblindRanking(ctx: StepContext, call: AwardCallRow) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadRankingRow(trx, call.id, { forUpdate: true });
    if (!row) {
      throw new HttpError(409, 'not_locked', 'Lock the ranking first: the entrants’ names are shown only after that.');
    }
    if (row.unblinded_at) {
      throw new HttpError(
        409,
        'already_unblinded',
        `${row.unblinded_by_name ?? 'Someone'} un-blinded this ranking on ${when(row.unblinded_at, call)}. Reload the page to see the names.`,
      );
    }
    await trx
      .updateTable('award_ranking')
      .set({ unblinded_at: ctx.now, unblinded_by: ctx.personId })
      .where('call_id', '=', call.id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'award.unblinded',
      objectType: 'call',
      objectId: call.id,
      details: {},
    });
  });
}

export const snapshotOf = (row: RankingRow) => row.ranking as unknown as RankingSnapshot;
