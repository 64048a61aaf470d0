// A venue's rubrics: the questions its reviewers (or judges) score. Once anyone has scored with a
// rubric, its criteria and their scales are fixed, so a score always means what it meant when it
// was given; words (labels, descriptions, descriptors), weights and the name may still change.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import type { RubricCriterionView } from '../blinding/project-review.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { RubricDetail, RubricInput } from './rubric.schemas.ts';

export interface RubricContext {
  db: Database;
  audit: AuditContext;
  now: Date;
}

const refusals = {
  rubric_in_use:
    'Reviewers have already scored with this rubric, so its criteria and their scales cannot change: a score would no longer mean what it meant. You can still change the wording and the weights. For different criteria, make a new rubric and choose it for the call.',
  rubric_name_taken: 'This venue already has a rubric with that name. Please choose another name.',
  unknown_criterion: 'One of the criteria does not belong to this rubric. Reload the page and try again.',
} as const;

/** The criteria of a rubric, in order, as reviewers and editors read them. */
export async function loadCriteria(db: Database, rubricId: string): Promise<RubricCriterionView[]> {
  const rows = await db
    .selectFrom('rubric_criterion')
    .select(['id', 'label', 'description', 'min_score', 'max_score', 'weight', 'descriptors'])
    .where('rubric_id', '=', rubricId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    description: row.description,
    minScore: row.min_score,
    maxScore: row.max_score,
    weight: Number(row.weight),
    descriptors: (row.descriptors as Array<{ score: number; text: string }>).map(({ score, text }) => ({
      score,
      text,
    })),
  }));
}

async function isInUse(db: Database, rubricId: string): Promise<boolean> {
  const row = await db
    .selectFrom('review_score')
    .innerJoin('rubric_criterion', 'rubric_criterion.id', 'review_score.criterion_id')
    .select('review_score.review_id')
    .where('rubric_criterion.rubric_id', '=', rubricId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listRubrics(db: Database, venueId: string): Promise<RubricDetail[]> {
  const rows = await db.selectFrom('rubric').select('id').where('venue_id', '=', venueId).orderBy('name').execute();
  const rubrics = await Promise.all(rows.map((row) => getRubric(db, venueId, row.id)));
  return rubrics.filter((rubric): rubric is RubricDetail => rubric !== null);
}

export async function getRubric(db: Database, venueId: string, rubricId: string): Promise<RubricDetail | null> {
  const row = await db
    .selectFrom('rubric')
    .select(['id', 'venue_id', 'name', 'asks_recommendation', 'updated_at'])
    .where('id', '=', rubricId)
    .where('venue_id', '=', venueId)
    .executeTakeFirst();
  if (!row) return null;
  const [criteria, inUse, calls] = await Promise.all([
    loadCriteria(db, rubricId),
    isInUse(db, rubricId),
    db.selectFrom('call').select('title').where('rubric_id', '=', rubricId).orderBy('title').execute(),
  ]);
  return {
    id: row.id,
    venueId: row.venue_id,
    name: row.name,
    asksRecommendation: row.asks_recommendation,
    criteria,
    inUse,
    usedByCalls: calls.map((call) => call.title),
    updatedAt: row.updated_at.toISOString(),
  };
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === '23505';

/** Makes a rubric for the venue; answers its id. */
export async function createRubric(ctx: RubricContext, venueId: string, input: RubricInput): Promise<string> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('rubric')
        .values({ venue_id: venueId, name: input.name, asks_recommendation: input.asksRecommendation })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeCriteria(trx, id, input, []);
      await recordAudit(trx, ctx.audit, {
        action: 'rubric.created',
        objectType: 'rubric',
        objectId: id,
        details: { venueId, name: input.name, criteria: input.criteria.length },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'rubric_name_taken', refusals.rubric_name_taken);
    throw error;
  }
}

/** Changes a rubric; 409 `rubric_in_use` when scores exist and the criteria or scales would change. */
export async function updateRubric(
  ctx: RubricContext,
  venueId: string,
  rubricId: string,
  input: RubricInput,
): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Locked so a first score given meanwhile cannot slip between the check and the change.
      const rubric = await trx
        .selectFrom('rubric')
        .select('id')
        .where('id', '=', rubricId)
        .where('venue_id', '=', venueId)
        .forUpdate()
        .executeTakeFirst();
      if (!rubric) throw notFound('rubric');
      const existing = await trx
        .selectFrom('rubric_criterion')
        .select(['id', 'min_score', 'max_score'])
        .where('rubric_id', '=', rubricId)
        .execute();
      const known = new Map(existing.map((row) => [row.id, row]));
      if (input.criteria.some((c) => c.id && !known.has(c.id))) {
        throw new HttpError(400, 'unknown_criterion', refusals.unknown_criterion);
      }
      if (await isInUse(trx, rubricId)) {
        const same =
          input.criteria.length === existing.length &&
          input.criteria.every((c) => {
            const was = c.id ? known.get(c.id) : undefined;
            return was && was.min_score === c.minScore && was.max_score === c.maxScore;
          });
        if (!same) throw new HttpError(409, 'rubric_in_use', refusals.rubric_in_use);
      }
      await trx
        .updateTable('rubric')
        .set({ name: input.name, asks_recommendation: input.asksRecommendation, updated_at: ctx.now })
        .where('id', '=', rubricId)
        .execute();
      await writeCriteria(trx, rubricId, input, [...known.keys()]);
      await recordAudit(trx, ctx.audit, {
        action: 'rubric.updated',
        objectType: 'rubric',
        objectId: rubricId,
        details: { venueId, name: input.name, criteria: input.criteria.length },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'rubric_name_taken', refusals.rubric_name_taken);
    throw error;
  }
}

/** Puts the criteria in the input's order: updates those with ids, adds the new, removes the rest. */
async function writeCriteria(trx: Database, rubricId: string, input: RubricInput, existingIds: string[]) {
  const kept = new Set(input.criteria.map((c) => c.id).filter((id): id is string => Boolean(id)));
  const removed = existingIds.filter((id) => !kept.has(id));
  if (removed.length) await trx.deleteFrom('rubric_criterion').where('id', 'in', removed).execute();
  // Out of the way first: (rubric_id, position) is unique, and criteria may swap places.
  if (kept.size) {
    await trx
      .updateTable('rubric_criterion')
      .set({ position: sql<number>`-position - 1` })
      .where('id', 'in', [...kept])
      .execute();
  }
  for (const [index, criterion] of input.criteria.entries()) {
    const values = {
      position: index + 1,
      label: criterion.label,
      description: criterion.description,
      min_score: criterion.minScore,
      max_score: criterion.maxScore,
      weight: String(criterion.weight),
      descriptors: JSON.stringify([...criterion.descriptors].sort((a, b) => a.score - b.score)),
    };
    if (criterion.id) await trx.updateTable('rubric_criterion').set(values).where('id', '=', criterion.id).execute();
    else
      await trx
        .insertInto('rubric_criterion')
        .values({ ...values, rubric_id: rubricId })
        .execute();
  }
}
