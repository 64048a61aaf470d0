import { describe, expect, it } from 'vitest';
import { matchExpertise, termWords } from './keyword-match.ts';

const topic = {
  title: 'Holding on: a practitioner’s account of care leavers',
  abstract: 'How a social worker stayed curious with a frightened family.',
  keywords: ['Child protection', 'reflective practice'],
};

describe('matching expertise to a submission', () => {
  it('compares words without case, accents, punctuation or plurals', () => {
    expect(termWords('Child-Protection & Families')).toEqual(['child', 'protection', 'and', 'family']);
    expect(termWords('Éducation')).toEqual(['education']);
  });

  it('scores keywords above the title and abstract, and ignores what does not fit', () => {
    expect(matchExpertise(['child protection', 'care leaver', 'ageing'], topic)).toEqual({
      matched: ['child protection', 'care leaver'],
      score: 3,
    });
    expect(matchExpertise(['reflective practice and supervision'], topic).score).toBe(2);
    expect(matchExpertise(['youth justice'], topic)).toEqual({ matched: [], score: 0 });
    expect(matchExpertise(['practice'], topic).score).toBe(2);
    expect(matchExpertise([], topic)).toEqual({ matched: [], score: 0 });
  });

  it('needs whole words: "care" does not fit "career"', () => {
    expect(matchExpertise(['care'], { title: 'A career in law', abstract: '', keywords: [] }).score).toBe(0);
  });
});
