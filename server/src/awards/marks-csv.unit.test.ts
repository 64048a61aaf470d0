// The panel's spreadsheet, saved as CSV: what reads, and what the message says when it does not.
import { describe, expect, it } from 'vitest';
import { MarksCsvError, readMarksCsv } from './marks-csv.ts';

const failure = (text: string) => {
  try {
    readMarksCsv(text);
  } catch (error) {
    if (error instanceof MarksCsvError) return { message: error.message, line: error.line };
    throw error;
  }
  throw new Error('expected the marks to be refused');
};

describe('reading marks from CSV', () => {
  it('reads quoted fields with commas and line breaks, a byte-order mark, CRLF, and a loose header', () => {
    const text =
      '\uFEFF Entry ,CATEGORY, judge,Score\r\n' +
      '"Holding the thread, again",Student,Jan Judge,4.25\r\n' +
      '\r\n' +
      '"The waiting\nroom",Student,"Judge, Josie", 3\n' +
      'CWEA-2026-003,Practitioner,Jan Judge,-1\r\n';
    expect(readMarksCsv(text)).toEqual([
      { entry: 'Holding the thread, again', category: 'Student', judge: 'Jan Judge', score: 4.25 },
      { entry: 'The waiting\nroom', category: 'Student', judge: 'Judge, Josie', score: 3 },
      { entry: 'CWEA-2026-003', category: 'Practitioner', judge: 'Jan Judge', score: -1 },
    ]);
  });

  it('accepts the columns in any order', () => {
    expect(readMarksCsv('judge,score,entry,category\nJan,4,A,Student\n')).toEqual([
      { entry: 'A', category: 'Student', judge: 'Jan', score: 4 },
    ]);
  });

  it('says which line to fix, and how', () => {
    expect(failure('')).toEqual({
      message: 'the file is empty: its first line must be the header entry,category,judge,score.',
      line: undefined,
    });
    expect(failure('entry,category,judge,score\n')).toMatchObject({ message: expect.stringContaining('no marks') });
    expect(failure('entry,category,judge,mark\nA,S,J,1\n')).toEqual({
      message: 'Line 1: the header must be entry,category,judge,score (found “entry,category,judge,mark”).',
      line: 1,
    });
    expect(failure('entry,category,judge,score\nA,S,J,1\nB,S,,2\n')).toEqual({
      message: 'Line 3: the judge is empty: fill in every column.',
      line: 3,
    });
    expect(failure('entry,category,judge,score\nA,S,J,1\nB,S,J,3,5\n').message).toBe(
      'Line 3: expected 4 values (entry, category, judge, score) but found 5. Put quotes around a value that contains a comma.',
    );
    expect(failure('entry,category,judge,score\r\nA,S,J,1\r\nB,S,J,four\r\n').message).toBe(
      'Line 3: the score “four” is not a number: write it in plain digits, like 3 or 3.5.',
    );
    // Number() would read these as 16, 1000, Infinity or 3: a judge wrote none of them as a mark.
    for (const score of ['0x10', '1e3', '-1e0', 'Infinity', '0b11', '3.', '.5', '+3', '1_000', '3,5']) {
      expect(failure(`entry,category,judge,score\nA,S,J,"${score}"\n`).message, score).toBe(
        `Line 2: the score “${score}” is not a number: write it in plain digits, like 3 or 3.5.`,
      );
    }
    expect(failure('entry,category,judge,score\nA,S,J,1\nB,S,K,2\nA,S,J,3\n').message).toBe(
      'Line 4: J already marked A on line 2: keep one mark per judge and entry.',
    );
    expect(failure('entry,category,judge,score\nA,S,J,1\nA,P,K,2\n').message).toBe(
      'Line 3: A is in category “P” here but “S” on line 2: an entry belongs to one category.',
    );
    expect(failure('entry,category,judge,score\nA,S,J,1\n"B,S,J,2\n')).toMatchObject({
      message: expect.stringMatching(/^Line 3: this is not valid CSV \(.*\)\. Check the quotes on this line\.$/),
      line: 3,
    });
  });
});
