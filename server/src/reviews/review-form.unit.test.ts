// The text form read back: what a reviewer's editor may do to it (CRLF, a BOM, capitals) is
// read; what cannot be read names its line, and the reading gives nothing to save.
import { describe, expect, it } from 'vitest';
import { venueWords } from '../venues/venue-words.ts';
import { readReviewForm, renderReviewForm } from './review-form.ts';

const criteria = [
  {
    id: 'c1',
    label: 'Reflection',
    description: 'On real practice.',
    minScore: 1,
    maxScore: 5,
    weight: 1,
    descriptors: [{ score: 1, text: 'None' }],
  },
  { id: 'c2', label: 'Writing', description: '', minScore: 0, maxScore: 3, weight: 2, descriptors: [] },
];
const facts = {
  code: 'CWEA-2027-017',
  title: 'What the silence held',
  words: venueWords('award'),
  reviewerNumber: 2,
  criteria,
  asksRecommendation: true,
};
const blank = { scores: {}, recommendation: null, commentsToAuthor: '', commentsToEditor: '' };

describe('the review form as text', () => {
  it('speaks the award’s words and reads back what it wrote', () => {
    const answers = {
      scores: { c1: 5, c2: 0 },
      recommendation: 'reject' as const,
      commentsToAuthor: 'Line one\n\n  indented',
      commentsToEditor: '',
    };
    const text = renderReviewForm(facts, answers);
    expect(text).toContain('# Judging form: Judge 2');
    expect(text).toContain('[comments to the entrant]');
    expect(readReviewForm(text, facts)).toEqual({ ok: true, patch: answers });
  });

  it('reads a file saved on Windows with a byte-order mark, and words in any case', () => {
    const text =
      `\uFEFF${renderReviewForm(facts, blank).replace('Recommendation:', 'Recommendation: Minor-Revision')}`.replaceAll(
        '\n',
        '\r\n',
      );
    const reading = readReviewForm(text, facts);
    expect(reading).toMatchObject({
      ok: true,
      patch: { recommendation: 'minor_revision', scores: { c1: null, c2: null } },
    });
  });

  it('names the line of what it cannot read', () => {
    const text = renderReviewForm(facts, blank);
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.startsWith(needle)) + 1;
    expect(readReviewForm(text.replace('Recommendation:', 'Recommendation: maybe'), facts)).toMatchObject({
      ok: false,
      line: lineOf('Recommendation:'),
    });
    expect(readReviewForm(text.replace('[criterion 2]', '[criterion 3]'), facts)).toMatchObject({
      ok: false,
      line: lineOf('[criterion 2]'),
      message: 'there is no criterion 3 on this rubric.',
    });
    expect(readReviewForm(text.replace(/^Code: .*$/m, ''), facts)).toMatchObject({ ok: false, line: 1 });
    expect(readReviewForm(text.replace('Score (0 to 3):', 'Score (0 to 3): 2.5'), facts)).toMatchObject({
      ok: false,
      line: lineOf('Score (0 to 3)'),
    });
    const stray = text.replace('[recommendation]', 'Some words out of place\n[recommendation]');
    expect(readReviewForm(stray, facts)).toMatchObject({ ok: false, message: expect.stringContaining('“Score:”') });
  });

  it('refuses a file that is not UTF-8, saying how to save it', () => {
    const reading = readReviewForm(`Code: CWEA-2027-017\nCaf\uFFFD`, facts);
    expect(reading).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('UTF-8') });
  });
});
