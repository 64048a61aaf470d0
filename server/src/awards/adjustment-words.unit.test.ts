// The chair reads each judge's correction in plain words: which way, how far, and what it did.
import { describe, expect, it } from 'vitest';
import { adjustmentSentence } from './ranking.service.ts';

describe('a judge’s adjustment in words', () => {
  it('says a lenient judge’s marks were lowered, a harsh one’s raised, by about how much', () => {
    expect(adjustmentSentence({ judge: 'Judge X', offset: 0.83 })).toBe(
      'Judge X marks about 0.8 points above the panel; their marks were lowered by that much.',
    );
    expect(adjustmentSentence({ judge: 'Judge Y', offset: -1.02 })).toBe(
      'Judge Y marks about 1.0 point below the panel; their marks were raised by that much.',
    );
  });

  it('says nothing changed for a judge in line with the panel', () => {
    expect(adjustmentSentence({ judge: 'Judge Z', offset: 0.04 })).toBe(
      'Judge Z marks in line with the panel; their marks were not changed.',
    );
  });
});
