import { describe, expect, it } from 'vitest';
import { outcomeLabels } from '../reports/report.service.ts';
import { decisionOutcomes, decisionResultLabels, outcomesFor, reviewsForLetter } from './decision-rules.ts';

describe('the rules of a decision', () => {
  it('quotes reviews by reviewer number, in that order, leaving out empty comments', () => {
    const block = reviewsForLetter(
      [
        { reviewerNumber: 3, commentsToAuthor: '  Third.  ' },
        { reviewerNumber: 1, commentsToAuthor: 'First.' },
        { reviewerNumber: 2, commentsToAuthor: '   ' },
      ],
      'Reviewer',
    );
    expect(block).toBe('Reviewer 1\n\nFirst.\n\nReviewer 3\n\nThird.');
    expect(reviewsForLetter([])).toBe('');
  });

  it('offers the outcomes after review in review, and rejection without review before it', () => {
    expect(outcomesFor('in_review')).toEqual(['accept', 'minor_revision', 'major_revision', 'reject']);
    expect(outcomesFor('submitted')).toEqual(['desk_reject']);
    expect(outcomesFor('screening')).toEqual(['desk_reject']);
    for (const state of ['draft', 'decided', 'revision_requested', 'withdrawn', 'desk_rejected']) {
      expect(outcomesFor(state), state).toEqual([]);
    }
  });

  it('names each outcome in one place: the reports use the decision module’s words', () => {
    for (const outcome of decisionOutcomes) {
      expect(outcomeLabels[outcome], outcome).toBe(decisionResultLabels[outcome]);
    }
    expect(decisionResultLabels.accept).toBe('Accepted');
  });
});
