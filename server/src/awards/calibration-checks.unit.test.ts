// Each stability warning fires when it should, and a clean panel gets none.
import { describe, expect, it } from 'vitest';
import { calibrate, type Mark } from './calibration.ts';
import { ordinal } from './calibration-checks.ts';

const marks = (rows: Array<[entry: string, judge: string, score: number, category?: string]>): Mark[] =>
  rows.map(([entry, judge, score, category = 'Student']) => ({ entry, judge, score, category }));
const warningsOf = (given: Mark[], category = 'Student') =>
  calibrate(given).categories.find((c) => c.category === category)!.warnings;

/** Three judges mark all four essays, a point apart, with a little disagreement: nothing to warn of. */
const clean = marks(
  ['A', 'B', 'C', 'D'].flatMap((entry, i) =>
    (['P', 'Q', 'R'] as const).map((judge, j): [string, string, number] => [
      entry,
      judge,
      4.5 - i + [0.4, 0, -0.4][j]! + [0.05, -0.05, 0][(i + j) % 3]!,
    ]),
  ),
);

describe('the stability warnings', () => {
  it('stay quiet for a panel where every judge marked every essay and the places are clear', () => {
    expect(warningsOf(clean)).toEqual([]);
  });

  it('warn of a judge with too few marks for the correction to mean much', () => {
    const few = [
      ...clean,
      ...marks([
        ['A', 'S', 4.8],
        ['B', 'S', 3.9],
      ]),
    ];
    const warnings = warningsOf(few);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'few_marks', judge: 'S', marks: 2 }));
    expect(warnings.find((w) => w.code === 'few_marks')!.message).toBe(
      'S marked only 2 entries: too few to tell how lenient or harsh they are, so their marks are barely adjusted.',
    );
    // Three marks is enough, and marks in another category count: leniency is the judge's own.
    const enough = [
      ...few,
      ...marks([
        ['X', 'S', 3, 'Practitioner'],
        ['X', 'P', 3, 'Practitioner'],
      ]),
    ];
    expect(warningsOf(enough).map((w) => w.code)).not.toContain('few_marks');
  });

  it('warn when the top places are within the noise, naming the entries', () => {
    const close = marks([
      ['A', 'P', 4.0],
      ['A', 'Q', 3.4],
      ['B', 'P', 3.6],
      ['B', 'Q', 3.7],
      ['C', 'P', 2.0],
      ['C', 'Q', 2.3],
      ['D', 'P', 1.0],
      ['D', 'Q', 1.4],
    ]);
    const warning = warningsOf(close).find((w) => w.code === 'top_within_noise');
    expect(warning).toMatchObject({ entries: ['A', 'B'] });
    expect(warning!.message).toMatch(/^The top places are within the noise: “A”, “B” differ by less than/);
    // The lead it names is no larger than the margin it names: the two numbers agree with the warning.
    const [, lead, margin] = warning!.message.match(
      /leads “B” by ([\d.]+), within the margin of error of about ±([\d.]+)/,
    )!;
    expect(Number(lead)).toBeLessThanOrEqual(Number(margin));
    expect(warningsOf(clean).map((w) => w.code)).not.toContain('top_within_noise');
  });

  it('warn of each entry whose place moves between the raw mean and the calibrated score', () => {
    // H is harsh (a point below P on the shared essays); A, marked by H, is better than B.
    const moved = marks([
      ['A', 'H', 3.5],
      ['A', 'P', 4.5],
      ['B', 'P', 4.2],
      ['B', 'Q', 4.1],
      ['C', 'H', 1.0],
      ['C', 'P', 2.0],
      ['C', 'Q', 2.1],
      ['D', 'H', 0.0],
      ['D', 'Q', 1.0],
      ['E', 'H', 2.0],
      ['E', 'P', 3.0],
    ]);
    const warnings = warningsOf(moved).filter((w) => w.code === 'rank_moved');
    expect(warnings).toEqual([
      expect.objectContaining({ entry: 'A', rawRank: 2, rank: 1 }),
      expect.objectContaining({ entry: 'B', rawRank: 1, rank: 2 }),
    ]);
    expect(warnings[0]!.message).toBe('“A” is 2nd by the raw mean and 1st once each judge’s leniency is taken out.');
    expect(warningsOf(clean).map((w) => w.code)).not.toContain('rank_moved');
  });

  it('warn when groups of judges share no entry, unless another category links them', () => {
    const apart = marks([
      ['A', 'P', 4],
      ['A', 'Q', 3.8],
      ['B', 'P', 3],
      ['B', 'Q', 3.1],
      ['C', 'R', 4.5],
      ['C', 'S', 4.4],
      ['D', 'R', 2],
      ['D', 'S', 2.2],
      ['E', 'R', 3],
      ['E', 'S', 3.2],
      ['F', 'P', 1],
      ['F', 'Q', 1.2],
    ]);
    const warning = warningsOf(apart).find((w) => w.code === 'not_comparable');
    expect(warning).toMatchObject({
      judges: ['P', 'Q', 'R', 'S'],
      groups: [
        { entries: ['A', 'B', 'F'], judges: ['P', 'Q'] },
        { entries: ['C', 'D', 'E'], judges: ['R', 'S'] },
      ],
    });
    expect(warning!.message).toContain('“A”, “B”, “F” (marked by P, Q); “C”, “D”, “E” (marked by R, S)');
    // One practitioner essay marked by P and R ties the two groups together.
    const linked = [
      ...apart,
      ...marks([
        ['X', 'P', 3, 'Practitioner'],
        ['X', 'R', 3.4, 'Practitioner'],
      ]),
    ];
    expect(warningsOf(linked).map((w) => w.code)).not.toContain('not_comparable');
  });

  it('warn of an entry only one judge marked', () => {
    const single = [...clean, ...marks([['E', 'P', 2.0]])];
    expect(warningsOf(single).filter((w) => w.code === 'single_judge')).toEqual([
      {
        code: 'single_judge',
        entry: 'E',
        message: '“E” was marked by one judge only, so its mark cannot be checked against anyone else’s.',
      },
    ]);
    expect(warningsOf(clean).map((w) => w.code)).not.toContain('single_judge');
  });

  it('name judges and entries as the caller asks', () => {
    const few = [...clean, ...marks([['A', 'S', 4.8]])];
    const { categories } = calibrate(few, { labels: { judge: (j) => `Judge ${j}`, entry: (e) => `Essay ${e}` } });
    const messages = categories[0]!.warnings.map((w) => w.message).join(' ');
    expect(messages).toContain('Judge S marked only one entry');
  });

  it('count places in words', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});
