import { describe, expect, it } from 'vitest';
import { type DraftFacts, missingItems } from './missing-items.ts';

const complete: DraftFacts = {
  venueKind: 'award',
  categories: [{ id: 'student' }],
  categoryId: 'student',
  title: 'Holding on in child protection',
  abstract: 'An essay about staying curious when a family is frightened of you.',
  keywords: ['child protection'],
  authorCount: 1,
  singleAuthor: true,
  declarations: [{ key: 'not_published', text: 'I have not previously been published.' }],
  confirmed: ['not_published'],
  wordLimit: 3500,
  declaredWordCount: 3400,
  applicationFields: [{ key: 'institution', label: 'University or employer', required: true }],
  applicationAnswers: { institution: 'Open University' },
  manuscriptCount: 1,
};

describe('missingItems', () => {
  it('finds nothing missing in a complete draft', () => {
    expect(missingItems(complete)).toEqual([]);
  });

  it('names each missing thing with the step where it is fixed', () => {
    const missing = missingItems({
      ...complete,
      categoryId: null,
      title: '',
      confirmed: [],
      declaredWordCount: 3501,
      applicationAnswers: {},
      manuscriptCount: 0,
      authorCount: 2,
    });
    expect(missing.map((m) => `${m.step}:${m.field}`)).toEqual([
      'call:categoryId',
      'details:title',
      'authors:authors',
      'declarations:not_published',
      'declarations:wordCount',
      'application:institution',
      'manuscript:manuscript',
    ]);
    expect(missing.find((m) => m.field === 'wordCount')?.message).toContain('3,500');
  });

  it('does not ask for a category or a word count when the call has none', () => {
    expect(
      missingItems({ ...complete, categories: [], categoryId: null, wordLimit: null, declaredWordCount: null }),
    ).toEqual([]);
  });

  it('asks for the file in the venue’s words: an essay for an award, a manuscript for the journal', () => {
    const empty = { ...complete, manuscriptCount: 0, declaredWordCount: null };
    expect(missingItems(empty).map((m) => m.message)).toEqual([
      'Tell us how many words your essay has.',
      'Upload your essay as a PDF.',
    ]);
    expect(missingItems({ ...empty, venueKind: 'journal' }).map((m) => m.message)).toEqual([
      'Tell us how many words your manuscript has.',
      'Upload your manuscript as a PDF.',
    ]);
    expect(missingItems({ ...complete, declaredWordCount: 4000 })[0]?.message).toBe(
      'Your essay is over the limit of 3,500 words.',
    );
  });
});
