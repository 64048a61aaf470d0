import { describe, expect, it } from 'vitest';
import { daysInWords, monthInWords, percentInWords, shortMonth, withArticle } from './report-words.ts';

describe('report words', () => {
  it('writes months, days and shares plainly', () => {
    expect(monthInWords('2027-03')).toBe('March 2027');
    expect(shortMonth('2027-01', true)).toBe('Jan 2027');
    expect(shortMonth('2027-11', false)).toBe('Nov');
    expect(daysInWords(1)).toBe('1 day');
    expect(daysInWords(12.5)).toBe('12.5 days');
    expect(daysInWords(null)).toBe('none yet');
    expect(percentInWords(0.333)).toBe('33.3%');
    expect(percentInWords(0)).toBe('0%');
  });

  it('puts the right article before a venue’s word', () => {
    expect(withArticle('entry')).toBe('an entry');
    expect(withArticle('submission')).toBe('a submission');
    expect(withArticle('author')).toBe('an author');
  });
});
