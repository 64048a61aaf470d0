import { describe, expect, it } from 'vitest';
import { answersSummary, declarationsSummary } from './summary-words.ts';

describe('the check-and-submit counts', () => {
  it('never says "0 of 0 confirmed" and counts words in the right number', () => {
    expect(declarationsSummary(0, 0, '')).toBe('Nothing to confirm');
    expect(declarationsSummary(0, 0, '3500')).toBe('Nothing to confirm; 3,500 words declared');
    expect(declarationsSummary(1, 1, '1')).toBe('Confirmed; 1 word declared');
    expect(declarationsSummary(2, 3, '')).toBe('2 of 3 confirmed');
    expect(declarationsSummary(3, 3, '6,800')).toBe('All 3 confirmed; 6,800 words declared');
  });

  it('counts only the required questions as missing', () => {
    const fields = [
      { key: 'name', required: true },
      { key: 'course', required: true },
      { key: 'eligible', required: true },
      { key: 'how_heard', required: false },
    ];
    const three = { name: 'Sam', course: 'MA', eligible: 'Yes' };
    expect(answersSummary(fields, three)).toBe('All 3 required questions answered');
    expect(answersSummary(fields, { ...three, how_heard: 'A friend' })).toBe(
      'All 3 required questions answered, and 1 optional one',
    );
    expect(answersSummary(fields, { name: 'Sam', course: ' ' })).toBe('1 of 3 required questions answered');
    expect(answersSummary([{ key: 'a', required: true }], {})).toBe('The required question is not answered yet');
    expect(answersSummary([{ key: 'a', required: false }], {})).toBe(
      'Nothing answered; none of the questions are required',
    );
  });
});
