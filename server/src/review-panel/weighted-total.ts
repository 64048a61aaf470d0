// How a review's scores add up to one number the editor can compare across reviewers: the one
// place this sum is made, so the table, the progress page and any later ranking agree.

export interface WeightedCriterion {
  id: string;
  weight: number;
}

/**
 * The weighted mean of the scores given: sum(score × weight) / sum(weight), over the criteria the
 * review scored (a criterion left unscored neither counts nor drags the total down). Stays on the
 * rubric's own scale, so a total of 3.6 on a 1–5 rubric reads like any single score. Rounded to
 * two decimals; null when nothing was scored.
 */
export function weightedTotal(
  criteria: readonly WeightedCriterion[],
  scores: ReadonlyMap<string, number>,
): number | null {
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = scores.get(criterion.id);
    if (score === undefined) continue;
    sum += score * criterion.weight;
    weights += criterion.weight;
  }
  return weights > 0 ? round(sum / weights) : null;
}

/** The plain mean of the numbers present, rounded to two decimals; null when there are none. */
export function meanOf(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return null;
  return round(present.reduce((a, b) => a + b, 0) / present.length);
}

const round = (value: number) => Math.round(value * 100) / 100;
