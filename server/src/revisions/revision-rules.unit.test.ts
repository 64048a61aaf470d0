import { describe, expect, it } from 'vitest';
import { opensRevisionRound, revisionMissing, whoToReinvite } from './revision-rules.ts';

describe('which move opens a revision round', () => {
  it('is only a journal’s move out of review', () => {
    expect(opensRevisionRound('in_review', 'revision_requested', 'journal')).toBe(true);
    // Returned before review (to anonymise it): the same round's manuscript, which no reviewer read.
    expect(opensRevisionRound('submitted', 'revision_requested', 'journal')).toBe(false);
    expect(opensRevisionRound('screening', 'revision_requested', 'journal')).toBe(false);
    expect(opensRevisionRound('in_review', 'decided', 'journal')).toBe(false);
  });

  it('never happens to an award entry', () => {
    expect(opensRevisionRound('in_review', 'revision_requested', 'award')).toBe(false);
  });
});

describe('what a revision needs before it is sent', () => {
  it('names the revised manuscript and the response, in the venue’s words', () => {
    expect(revisionMissing({ venueKind: 'journal', manuscriptsThisRound: 0, response: '  ' })).toEqual([
      { field: 'manuscript', message: 'Upload your revised manuscript as a PDF.' },
      {
        field: 'response',
        message:
          'Write your response to the reviewers: a few sentences on what you changed, and why you did not change what you kept.',
      },
    ]);
  });

  it('asks for nothing once both are there', () => {
    const response = 'We rewrote the method section as Reviewer 1 asked.';
    expect(revisionMissing({ venueKind: 'journal', manuscriptsThisRound: 1, response })).toEqual([]);
  });
});

describe('who is invited to the new round by default', () => {
  const at = new Date('2027-01-10T10:00:00Z');
  it('is each previous reviewer who submitted a review, once, in reviewer order', () => {
    expect(
      whoToReinvite([
        { reviewerId: 'r1', status: 'submitted', reviewSubmittedAt: at },
        { reviewerId: 'r2', status: 'declined', reviewSubmittedAt: null },
        { reviewerId: 'r3', status: 'accepted', reviewSubmittedAt: null },
        { reviewerId: 'r4', status: 'expired', reviewSubmittedAt: null },
        { reviewerId: 'r5', status: 'cancelled', reviewSubmittedAt: null },
        { reviewerId: 'r6', status: 'submitted', reviewSubmittedAt: at },
        { reviewerId: 'r1', status: 'submitted', reviewSubmittedAt: at },
      ]),
    ).toEqual(['r1', 'r6']);
  });

  it('is nobody when no review came in', () => {
    expect(whoToReinvite([{ reviewerId: 'r1', status: 'invited', reviewSubmittedAt: null }])).toEqual([]);
  });
});
