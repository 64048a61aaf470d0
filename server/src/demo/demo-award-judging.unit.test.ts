// The demo's judged award call, ranked by the panel's own calibration: the judges' different
// severity must show, i.e. the raw means and the calibrated scores disagree about who comes first.
import { describe, expect, it } from 'vitest';
import { calibrate } from '../awards/calibration.ts';
import { demoAwardEntries, demoAwardMarks, demoJudging, demoOpenInvitation } from './demo-award-judging.ts';

describe('the demo award call’s marks', () => {
  const { categories, judges } = calibrate(demoAwardMarks());

  it('has four entries per category, each with submitted marks', () => {
    expect(categories.map((c) => [c.category, c.entries.length])).toEqual([
      ['Student', 4],
      ['Practitioner', 4],
    ]);
  });

  it('puts a different essay first by raw mean than by calibrated score, in both categories', () => {
    for (const category of categories) {
      const rawFirst = category.entries.find((e) => e.rawRank === 1)!;
      expect(category.entries[0]!.entry).not.toBe(rawFirst.entry);
      expect(category.warnings.map((w) => w.code)).toContain('rank_moved');
    }
    expect(categories.map((c) => c.entries[0]!.entry)).toEqual([
      'Between two languages',
      'Questions at the front door',
    ]);
  });

  it('finds Jan Judge generous and Jamal Judge strict, each with enough marks to adjust', () => {
    const offset = Object.fromEntries(judges.map((j) => [j.judge, j.offset]));
    expect(offset['judge1@example.org']).toBeGreaterThan(0.3);
    expect(offset['judge2@example.org']).toBeLessThan(-0.3);
    for (const category of categories) expect(category.warnings.map((w) => w.code)).not.toContain('few_marks');
  });

  it('keeps Jamal Judge away from the entry of his colleague at Leeds City Council', () => {
    const leeds = demoAwardEntries.findIndex((e) => e.institution === 'Leeds City Council');
    expect(demoJudging.filter((j) => j.entry === leeds).map((j) => j.judge)).not.toContain('judge2@example.org');
    expect(demoOpenInvitation.judge).not.toBe('judge2@example.org');
  });
});
