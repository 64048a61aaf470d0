// The fair ranking against planted truth: judges of known leniency mark essays of known quality,
// and the calibrated order must recover the essays' order where the raw means do not.
import { describe, expect, it } from 'vitest';
import { plantedPanel, seeded, spearman } from '../../test/award-panels.ts';
import { calibrate, type Mark } from './calibration.ts';

const marks = (rows: Array<[entry: string, judge: string, score: number, category?: string]>): Mark[] =>
  rows.map(([entry, judge, score, category = 'Student']) => ({ entry, judge, score, category }));

/** A lenient (L), a harsh (H) and an even (M) judge; the raw means put B above A. */
const handMade = marks([
  ['A', 'H', 3.2],
  ['A', 'M', 4.2],
  ['B', 'L', 4.8],
  ['B', 'M', 3.6],
  ['C', 'L', 4.1],
  ['C', 'H', 2.1],
  ['C', 'M', 3.0],
  ['D', 'L', 3.4],
  ['D', 'H', 1.5],
  ['D', 'M', 2.4],
  ['E', 'L', 3.0],
  ['E', 'H', 1.0],
]);

describe('the calibrated ranking', () => {
  it('puts the better essay first where a harsh judge marked it and a lenient one its rival', () => {
    const { categories, judges } = calibrate(handMade);
    const [student] = categories;
    const raw = [...student!.entries].sort((a, b) => a.rawRank - b.rawRank).map((e) => e.entry);
    expect(raw.slice(0, 2)).toEqual(['B', 'A']);
    expect(student!.entries.map((e) => [e.entry, e.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 4],
      ['E', 5],
    ]);
    const offset = Object.fromEntries(judges.map((j) => [j.judge, j.offset]));
    expect(offset.L).toBeGreaterThan(0.4);
    expect(offset.H).toBeLessThan(-0.4);
    expect(Math.abs(offset.M!)).toBeLessThan(0.2);
    // Each mark is moved by minus its judge's offset; calibrated stays on the marks' own scale.
    const a = student!.entries[0]!;
    for (const m of a.marks) expect(m.adjusted).toBeCloseTo(m.score - offset[m.judge]!, 10);
    expect(a.calibrated).toBeGreaterThan(a.raw);
    expect(a.calibrated).toBeLessThan(5);
  });

  it.each([1, 2, 3, 4, 5, 6])('recovers the planted order in seeded panel %i (Spearman ≥ 0.9)', (seed) => {
    const panel = plantedPanel(seed);
    const { categories } = calibrate(panel.marks);
    let rawFirstWrong = 0;
    for (const category of categories) {
      const truth = category.entries.map((e) => panel.truth.get(e.entry)!);
      expect(
        spearman(
          category.entries.map((e) => e.calibrated),
          truth,
        ),
      ).toBeGreaterThanOrEqual(0.9);
      const best = category.entries.reduce((a, b) => (panel.truth.get(a.entry)! > panel.truth.get(b.entry)! ? a : b));
      expect(best.rank).toBe(1);
      if (best.rawRank !== 1) rawFirstWrong += 1;
    }
    // The design is a real test: the raw means crown the wrong essay somewhere.
    expect(rawFirstWrong).toBeGreaterThanOrEqual(1);
  });

  it('corrects the planted leniencies in order, harshest to most lenient', () => {
    const panel = plantedPanel(11);
    const { judges } = calibrate(panel.marks);
    const byOffset = [...judges].sort((a, b) => a.offset - b.offset).map((j) => j.judge);
    expect(byOffset).toEqual(['harsh', 'stern', 'even', 'kind', 'lenient']);
  });

  it('barely moves a judge who gave one mark, and moves one who gave many', () => {
    const base = marks([
      ['A', 'P', 3],
      ['A', 'Q', 3],
      ['B', 'P', 2],
      ['B', 'Q', 2],
      ['C', 'P', 4],
      ['C', 'Q', 4],
    ]);
    // One mark two points above the panel's: an unshrunk fit would call the judge two points
    // lenient and pull the essay down to 3; shrunk, the judge is moved a third of that.
    const once = calibrate([...base, { entry: 'A', category: 'Student', judge: 'Once', score: 5 }]);
    // Offsets are relative: what is known is how far one judge marks above the others.
    const gap = (result: ReturnType<typeof calibrate>, judge: string) => {
      const offset = Object.fromEntries(result.judges.map((j) => [j.judge, j.offset]));
      return offset[judge]! - (offset.P! + offset.Q!) / 2;
    };
    expect(gap(once, 'Once')).toBeGreaterThan(0);
    expect(gap(once, 'Once')).toBeLessThan(0.7);
    const a = once.categories[0]!.entries.find((e) => e.entry === 'A')!;
    expect(a.raw - a.calibrated).toBeLessThan(0.25);
    // The same two points above, on six essays: clearly a lenient judge, corrected most of the way
    // (six marks against the two "in line" ones: three quarters).
    const often = calibrate([
      ...base,
      ...['A', 'B', 'C'].map((entry, i) => ({ entry, category: 'Student', judge: 'Often', score: [5, 4, 6][i]! })),
      ...marks([
        ['D', 'P', 3],
        ['D', 'Often', 5],
        ['E', 'Q', 2],
        ['E', 'Often', 4],
        ['F', 'P', 1],
        ['F', 'Often', 3],
      ]),
    ]);
    expect(gap(often, 'Often')).toBeGreaterThan(1.4);
    expect(gap(often, 'Often')).toBeLessThan(2);
  });

  it('gives the same answer for the marks in any order, and shares ranks between exact ties', () => {
    const random = seeded(7);
    const shuffled = [...handMade].sort(() => random() - 0.5);
    expect(calibrate(shuffled)).toEqual(calibrate(handMade));
    const tied = calibrate(
      marks([
        ['X', 'P', 3],
        ['Y', 'P', 3],
        ['Z', 'P', 2],
        ['X', 'Q', 4],
        ['Y', 'Q', 4],
        ['Z', 'Q', 3],
      ]),
    );
    expect(tied.categories[0]!.entries.map((e) => [e.entry, e.rank, e.rawRank])).toEqual([
      ['X', 1, 1],
      ['Y', 1, 1],
      ['Z', 3, 3],
    ]);
  });

  it('explains itself in plain words, with the numbers it used', () => {
    const { explanation, noise } = calibrate(handMade);
    expect(explanation).toContain('all 12 marks');
    expect(explanation).toContain('as if that judge had also given 2 marks');
    expect(explanation).toContain(noise.toFixed(2));
    expect(calibrate([]).explanation).toBe('There are no marks yet, so there is nothing to rank.');
  });
});
