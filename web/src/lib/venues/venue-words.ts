// The words each kind of venue uses: awards are judged, not reviewed (judges and entrants, an
// entry, an essay); the journal and the website have reviewers and authors. Every page takes
// these words from here; the server's e-mails and logs use server/src/venues/venue-words.ts.
import type { VenueKind } from '../api/types.ts';

export interface VenueWords {
  reviewer: string;
  reviewers: string;
  author: string;
  authors: string;
  submission: string;
  submissions: string;
  /** What the file is: "manuscript", "essay", "article". */
  manuscript: string;
  /** What happens after screening: "review" or "judging". */
  review: string;
  /** "reviewer pool" or "judges". */
  pool: string;
}

const journal: VenueWords = {
  reviewer: 'reviewer',
  reviewers: 'reviewers',
  author: 'author',
  authors: 'authors',
  submission: 'submission',
  submissions: 'submissions',
  manuscript: 'manuscript',
  review: 'review',
  pool: 'reviewer pool',
};

const byKind: Record<VenueKind, VenueWords> = {
  journal,
  award: {
    reviewer: 'judge',
    reviewers: 'judges',
    author: 'entrant',
    authors: 'entrants',
    submission: 'entry',
    submissions: 'entries',
    manuscript: 'essay',
    review: 'judging',
    pool: 'judges',
  },
  website: { ...journal, manuscript: 'article' },
};

export function venueWords(kind: VenueKind | string | null | undefined): VenueWords {
  return byKind[kind as VenueKind] ?? journal;
}

/** "Reviewers" from "reviewers". */
export function capitalised(word: string): string {
  return word ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/** "1 page", "3 pages", "1,200 words": the count with its noun in the right number. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
