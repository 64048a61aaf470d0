import { describe, expect, it } from 'vitest';
import { meanOf, weightedTotal } from './weighted-total.ts';

const criteria = [
  { id: 'relevance', weight: 2 },
  { id: 'theory', weight: 1 },
  { id: 'clarity', weight: 0.5 },
];

describe('weightedTotal', () => {
  it('weighs each score by its criterion: (5×2 + 2×1 + 4×0.5) / 3.5 = 4', () => {
    const scores = new Map([
      ['relevance', 5],
      ['theory', 2],
      ['clarity', 4],
    ]);
    expect(weightedTotal(criteria, scores)).toBe(4);
  });

  it('differs from the plain mean when weights are unequal', () => {
    const scores = new Map([
      ['relevance', 1],
      ['theory', 5],
      ['clarity', 5],
    ]);
    // (1×2 + 5×1 + 5×0.5) / 3.5 = 9.5 / 3.5 = 2.714…; the plain mean would be 3.67.
    expect(weightedTotal(criteria, scores)).toBe(2.71);
  });

  it('leaves out a criterion that was not scored, rather than counting it as zero', () => {
    expect(weightedTotal(criteria, new Map([['theory', 3]]))).toBe(3);
  });

  it('is null when nothing was scored', () => {
    expect(weightedTotal(criteria, new Map())).toBeNull();
  });
});

describe('meanOf', () => {
  it('averages what is there and skips the gaps', () => {
    expect(meanOf([4, null, 3])).toBe(3.5);
    expect(meanOf([null])).toBeNull();
  });
});
