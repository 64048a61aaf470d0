import { describe, expect, it } from 'vitest';
import { counted, venueWords } from './venue-words.ts';

describe('venue words', () => {
  it('says judges and entrants for an award, reviewers and authors for the journal and website', () => {
    expect(venueWords('award')).toMatchObject({ reviewers: 'judges', author: 'entrant', submission: 'entry' });
    expect(venueWords('journal')).toMatchObject({ reviewers: 'reviewers', author: 'author', submission: 'submission' });
    expect(venueWords('website')).toMatchObject({ reviewers: 'reviewers', manuscript: 'article' });
    expect(venueWords(undefined).reviewers).toBe('reviewers');
  });

  it('counts in the right number', () => {
    expect(counted(1, 'page')).toBe('1 page');
    expect(counted(0, 'page')).toBe('0 pages');
    expect(counted(13127, 'word')).toBe('13,127 words');
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
  });
});
