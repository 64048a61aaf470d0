// `npm run -s awards -- rank FILE.csv`, spawned for real: the JSON the panel reads, the planted
// order recovered, and exit 2 with a one-line message for bad input.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spearman } from '../server/test/award-panels.ts';

const fixtures = path.join(import.meta.dirname, '..', 'test-fixtures', 'awards');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(import.meta.dirname, 'awards-cli.ts'), ...args], { encoding: 'utf8' });

interface Printed {
  categories: Array<{
    category: string;
    entries: Array<{ entry: string; raw: number; calibrated: number; rank: number; judges: number }>;
    warnings: string[];
  }>;
}

describe('the rank command', () => {
  it('prints each category’s entries by calibrated rank, recovering the planted order', () => {
    // planted-panel.csv: S1/P1 best, then S2/P2, …; the best essays were marked by the two
    // harshest judges and the second best by the two most lenient (server/test/award-panels.ts).
    const result = run('rank', path.join(fixtures, 'planted-panel.csv'));
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Printed;
    expect(printed.categories.map((c) => c.category)).toEqual(['Student', 'Practitioner']);
    for (const category of printed.categories) {
      expect(Object.keys(category)).toEqual(['category', 'entries', 'warnings']);
      for (const entry of category.entries) {
        expect(Object.keys(entry)).toEqual(['entry', 'raw', 'calibrated', 'rank', 'judges']);
        expect(entry.judges).toBe(3);
        expect(Math.round(entry.calibrated * 100) / 100).toBe(entry.calibrated);
      }
      const ranks = category.entries.map((e) => e.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const planted = category.entries.map((e) => -Number(e.entry.match(/\d+/)![0]));
      expect(
        spearman(
          category.entries.map((e) => e.calibrated),
          planted,
        ),
      ).toBeGreaterThanOrEqual(0.9);
      expect(category.entries[0]!.entry).toMatch(/^[SP]1$/);
      expect(category.warnings.every((w) => typeof w === 'string')).toBe(true);
    }
    // The raw means crowned the wrong practitioner essay; the calibrated ranking says it moved.
    const practitioner = printed.categories[1]!;
    const rawFirst = practitioner.entries.reduce((a, b) => (b.raw > a.raw ? b : a));
    expect(rawFirst.entry).toBe('P2');
    expect(practitioner.warnings).toContain(
      '“P1” is 2nd by the raw mean and 1st once each judge’s leniency is taken out.',
    );
    expect(practitioner.entries.map((e) => e.entry)).toContain('P3, the home visit');
  });

  it('reads standard input for "-"', () => {
    const result = spawnSync(process.execPath, [path.join(import.meta.dirname, 'awards-cli.ts'), 'rank', '-'], {
      encoding: 'utf8',
      input: 'entry,category,judge,score\nA,Student,Jan,4\nB,Student,Jan,3\n',
    });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Printed).categories[0]!.entries.map((e) => e.entry)).toEqual(['A', 'B']);
  });

  it('exits 2 for a score that is not plain digits (0x10, 1e3)', () => {
    for (const score of ['0x10', '1e3']) {
      const result = spawnSync(process.execPath, [path.join(import.meta.dirname, 'awards-cli.ts'), 'rank', '-'], {
        encoding: 'utf8',
        input: `entry,category,judge,score\nA,Student,Jan,4\nB,Student,Jan,${score}\n`,
      });
      expect(result.status, score).toBe(2);
      expect(result.stderr.trim()).toBe(
        `-: Line 3: the score “${score}” is not a number: write it in plain digits, like 3 or 3.5.`,
      );
    }
  });

  it('exits 2 with one clear line for a missing file, bad marks, or a wrong command', () => {
    const cases: Array<[string[], string]> = [
      [['rank', path.join(fixtures, 'nothing.csv')], 'no such file'],
      [['rank', path.join(fixtures, 'score-not-a-number.csv')], 'Line 3: the score “four” is not a number'],
      [['rank', path.join(fixtures, 'same-judge-twice.csv')], 'Line 3: Jan already marked A on line 2'],
      [['rank', fixtures], 'Cannot read'],
      [['rank'], 'Give exactly one file'],
      [['sort', 'marks.csv'], 'Unknown command “sort”'],
      [[], 'No command'],
    ];
    for (const [args, expected] of cases) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(expected);
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
  });

  it('says how to use it', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run -s awards -- rank FILE.csv');
  });
});
