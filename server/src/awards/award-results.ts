// The panel's steps after the un-blinding, in this order: each entry's eligibility against its
// application form, then the results (shortlisted, winner, one per category, and commended) on
// eligible entries only, then the announcement; after it nothing changes. An entry found
// ineligible loses any result it had; an ineligible winner hands the award to the next eligible
// entry below it in the locked ranking, in the same step.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/events.ts';
import { type AwardOutcome, awardOutcomeWords } from '../blinding/project-award-ranking.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { type StepContext, snapshotOf } from './lock-ranking.ts';
import {
  type AwardCallRow,
  loadRankingRow,
  loadResults,
  type RankingRow,
  type ResultRow,
} from './ranking.repository.ts';

type Trx = Transaction<DB>;

function codesOf(row: RankingRow) {
  const snapshot = snapshotOf(row);
  const codes = new Map<string, string>();
  const categories = new Map<string | null, string>();
  for (const category of snapshot.categories) {
    categories.set(category.id, category.name);
    for (const entry of category.entries) codes.set(entry.submissionId, entry.code);
  }
  return {
    code: (id: string) => codes.get(id) ?? 'an entry',
    category: (id: string | null) => categories.get(id) ?? '',
  };
}

function requireOpenForResults(row: RankingRow | undefined): asserts row is RankingRow {
  if (!row) throw new HttpError(409, 'not_locked', 'Lock the ranking first: results are chosen on the locked ranking.');
  if (row.announced_at) {
    throw new HttpError(409, 'already_announced', 'The results have been announced, so they can no longer be changed.');
  }
}

function requireUnblinded(row: RankingRow, what: string) {
  if (!row.unblinded_at) {
    throw new HttpError(409, 'not_unblinded', `Un-blind the ranking first: ${what}`);
  }
}

export async function saveOutcomes(
  ctx: StepContext,
  call: AwardCallRow,
  outcomes: Array<{ submissionId: string; outcome: AwardOutcome }>,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadRankingRow(trx, call.id, { forUpdate: true });
    requireOpenForResults(row);
    requireUnblinded(row, 'results are chosen once each entry’s eligibility has been checked.');
    const names = codesOf(row);
    const results = await loadResults(trx, call.id, { forUpdate: true });
    const byId = new Map(results.map((r) => [r.submission_id, r]));
    const next = new Map(results.map((r) => [r.submission_id, r.outcome]));
    for (const { submissionId, outcome } of outcomes) {
      const result = byId.get(submissionId);
      if (!result) {
        throw new HttpError(
          400,
          'unknown_entry',
          'One of the entries is not in this call’s locked ranking. Reload the page.',
        );
      }
      if (outcome !== 'not_placed' && outcome !== result.outcome) {
        const words = awardOutcomeWords[outcome];
        if (result.submission_status === 'withdrawn') {
          throw new HttpError(
            409,
            'entry_withdrawn',
            `${names.code(submissionId)} was withdrawn by its entrant, so it cannot be ${words}.`,
          );
        }
        if (result.eligibility === 'ineligible') {
          throw new HttpError(
            409,
            'entry_ineligible',
            `${names.code(submissionId)} was found ineligible, so it cannot be ${words}. Choose another entry.`,
          );
        }
        if (result.eligibility !== 'eligible') {
          throw new HttpError(
            409,
            'eligibility_unchecked',
            `Check the eligibility of ${names.code(submissionId)} first: only an entry found eligible can be ${words}.`,
          );
        }
      }
      next.set(submissionId, outcome);
    }
    const winnersByCategory = new Map<string | null, string[]>();
    for (const result of results) {
      if (next.get(result.submission_id) !== 'winner') continue;
      winnersByCategory.set(result.category_id, [
        ...(winnersByCategory.get(result.category_id) ?? []),
        result.submission_id,
      ]);
    }
    for (const [categoryId, winners] of winnersByCategory) {
      if (winners.length > 1) {
        throw new HttpError(
          400,
          'one_winner',
          `Choose one winner in ${names.category(categoryId) || 'each category'}: ${winners.map(names.code).join(' and ')} are both marked as winner.`,
        );
      }
    }
    // Winners last: the one-winner index is checked row by row, so a winner is stepped down first.
    const changed = results
      .filter((r) => next.get(r.submission_id) !== r.outcome)
      .sort((a, b) => Number(next.get(a.submission_id) === 'winner') - Number(next.get(b.submission_id) === 'winner'));
    for (const result of changed) {
      await setOutcome(trx, ctx, call, result, next.get(result.submission_id) as AwardOutcome);
    }
  });
}

async function setOutcome(trx: Trx, ctx: StepContext, call: AwardCallRow, result: ResultRow, outcome: AwardOutcome) {
  await trx
    .updateTable('award_result')
    .set({ outcome, decided_by: ctx.personId, decided_at: ctx.now })
    .where('id', '=', result.id)
    .execute();
  await recordAudit(trx, ctx.audit, {
    action: 'award.outcome_set',
    objectType: 'submission',
    objectId: result.submission_id,
    details: { callId: call.id, from: result.outcome, to: outcome },
  });
}

/** Answers a plain message when the step moved a winner, else null. */
export async function checkEligibility(
  ctx: StepContext,
  call: AwardCallRow,
  submissionId: string,
  input: { eligibility: 'eligible' | 'ineligible'; note: string },
): Promise<string | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRankingRow(trx, call.id, { forUpdate: true });
    requireOpenForResults(row);
    requireUnblinded(row, 'eligibility is checked against the application forms.');
    const results = await loadResults(trx, call.id, { forUpdate: true });
    const target = results.find((r) => r.submission_id === submissionId);
    if (!target) throw notFound('entry');
    if (input.eligibility === 'ineligible' && !input.note.trim()) {
      throw new HttpError(
        400,
        'note_required',
        'Say why the entry is ineligible (for example “not on a qualifying programme”).',
      );
    }
    await trx
      .updateTable('award_result')
      .set({ eligibility: input.eligibility, eligibility_note: input.note.trim() || null })
      .where('id', '=', target.id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'award.eligibility_checked',
      objectType: 'submission',
      objectId: submissionId,
      details: { callId: call.id, eligibility: input.eligibility },
    });
    if (input.eligibility !== 'ineligible' || target.outcome === 'not_placed') return null;

    const names = codesOf(row);
    await setOutcome(trx, ctx, call, target, 'not_placed');
    if (target.outcome !== 'winner') {
      return `${names.code(submissionId)} is ineligible, so it is no longer ${awardOutcomeWords[target.outcome as AwardOutcome]}.`;
    }
    // The award passes down the locked ranking, never up: the next eligible entry below the one
    // replaced, leaving out entries withdrawn since the lock. Ranks are unique within a category.
    const nextUp = results
      .filter(
        (r) =>
          r.category_id === target.category_id &&
          r.submission_id !== submissionId &&
          r.rank !== null &&
          target.rank !== null &&
          r.rank > target.rank &&
          r.eligibility === 'eligible' &&
          r.submission_status !== 'withdrawn',
      )
      .sort((a, b) => a.rank! - b.rank!)[0];
    const category = names.category(target.category_id);
    const where = category ? ` in ${category}` : '';
    if (!nextUp) {
      return `${names.code(submissionId)} is ineligible, so it is no longer the winner. No eligible entry below it${where} can take its place: choose a winner among the eligible entries.`;
    }
    await setOutcome(trx, ctx, call, nextUp, 'winner');
    await recordAudit(trx, ctx.audit, {
      action: 'award.winner_moved_up',
      objectType: 'submission',
      objectId: nextUp.submission_id,
      details: { callId: call.id, replacedSubmissionId: submissionId, replacedCode: names.code(submissionId) },
    });
    return (
      `${names.code(submissionId)} is ineligible, so it is no longer the winner. ` +
      `${names.code(nextUp.submission_id)}, the next eligible entry by calibrated rank (${nextUp.rank}), moved up to winner${where}.`
    );
  });
}
