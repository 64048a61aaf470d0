// The words a venue's kind uses, for e-mails and logs: awards are judged, not reviewed.
// The web app has the same table in web/src/lib/venues/venue-words.ts.
export interface VenueWords {
  reviewer: string;
  reviewers: string;
  author: string;
  authors: string;
  submission: string;
  manuscript: string;
  /** "review" or "judging": what happens after screening. */
  review: string;
}

const journal: VenueWords = {
  reviewer: 'reviewer',
  reviewers: 'reviewers',
  author: 'author',
  authors: 'authors',
  submission: 'submission',
  manuscript: 'manuscript',
  review: 'review',
};

const byKind: Record<string, VenueWords> = {
  journal,
  award: {
    reviewer: 'judge',
    reviewers: 'judges',
    author: 'entrant',
    authors: 'entrants',
    submission: 'entry',
    manuscript: 'essay',
    review: 'judging',
  },
  website: { ...journal, manuscript: 'article' },
};

export function venueWords(kind: string | null | undefined): VenueWords {
  return byKind[kind ?? ''] ?? journal;
}

/** "reviewer" → "Reviewer": a venue word at the start of a sentence. */
export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
