// Alternates: people the editor lines up, in order, to be invited when an invitation is declined
// or expires (invitation-ended.ts moves them up). The queue is the rows of review_alternate not yet used.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { findConflicts } from '../conflicts/find-conflicts.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { refuseConflicts } from './invite.ts';

export interface AlternateContext {
  db: Database;
  audit: AuditContext;
  now: Date;
}

async function currentRound(db: Database, submissionId: string) {
  const row = await db.selectFrom('submission').select('round').where('id', '=', submissionId).executeTakeFirst();
  if (!row) throw notFound('submission');
  return row.round;
}

/** The queue as the editor sees it (names included: editors see identities). */
export async function listAlternates(db: Database, submissionId: string) {
  const round = await currentRound(db, submissionId);
  const rows = await db
    .selectFrom('review_alternate')
    .innerJoin('person', 'person.id', 'review_alternate.person_id')
    .select([
      'review_alternate.person_id',
      'person.name',
      'person.email',
      'review_alternate.position',
      'review_alternate.conflict_override',
      'review_alternate.used_at',
      'review_alternate.assignment_id',
    ])
    .where('review_alternate.submission_id', '=', submissionId)
    .where('review_alternate.round', '=', round)
    .orderBy('review_alternate.position')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    email: r.email,
    position: r.position,
    conflictOverride: r.conflict_override,
    usedAt: r.used_at?.toISOString() ?? null,
    assignmentId: r.assignment_id,
  }));
}

/** Puts a person at the end of the queue (or updates the override of one already waiting). */
export async function addAlternate(
  ctx: AlternateContext,
  submissionId: string,
  personId: string,
  overrideReason?: string,
): Promise<void> {
  const reason = overrideReason?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const round = await currentRound(trx, submissionId);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${submissionId}:${round}`}, 0))`.execute(trx);
    const person = await trx.selectFrom('person').select('name').where('id', '=', personId).executeTakeFirst();
    if (!person) throw notFound('person');
    const conflicts = await findConflicts(trx, submissionId, [personId]);
    refuseConflicts(conflicts, person.name, reason);
    const invited = await trx
      .selectFrom('assignment')
      .select('id')
      .where('submission_id', '=', submissionId)
      .where('round', '=', round)
      .where('reviewer_id', '=', personId)
      .where('status', 'not in', ['declined', 'cancelled', 'expired'])
      .executeTakeFirst();
    if (invited) {
      throw new HttpError(409, 'already_invited', `${person.name} is already invited to this round.`);
    }
    const existing = await trx
      .selectFrom('review_alternate')
      .select(['id', 'used_at'])
      .where('submission_id', '=', submissionId)
      .where('round', '=', round)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing?.used_at) {
      throw new HttpError(409, 'alternate_used', `${person.name} was already moved up from the alternates.`);
    }
    const override = conflicts.length ? reason : null;
    if (existing) {
      await trx
        .updateTable('review_alternate')
        .set({ conflict_override: override })
        .where('id', '=', existing.id)
        .execute();
    } else {
      const { last } = await trx
        .selectFrom('review_alternate')
        .select(sql<number>`coalesce(max(position), 0)`.as('last'))
        .where('submission_id', '=', submissionId)
        .where('round', '=', round)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('review_alternate')
        .values({
          submission_id: submissionId,
          round,
          person_id: personId,
          position: Number(last) + 1,
          conflict_override: override,
          added_by: ctx.audit.actorId,
          added_at: ctx.now,
        })
        .execute();
    }
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.alternate_added',
      objectType: 'submission',
      objectId: submissionId,
      details: { personId, round, conflictOverride: override },
    });
  });
}

export async function removeAlternate(ctx: AlternateContext, submissionId: string, personId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const round = await currentRound(trx, submissionId);
    const removed = await trx
      .deleteFrom('review_alternate')
      .where('submission_id', '=', submissionId)
      .where('round', '=', round)
      .where('person_id', '=', personId)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!removed) throw notFound('alternate');
    await recordAudit(trx, ctx.audit, {
      action: 'assignment.alternate_removed',
      objectType: 'submission',
      objectId: submissionId,
      details: { personId, round, conflictOverride: null },
    });
  });
}
