// The pieces every message to an author shares: how a date is written for its reader, the nouns
// of the venue (awards have entries and judges, the journal submissions and reviewers), the close.
import { venueWords } from '../venues/venue-words.ts';

/** A message's reader. No account yet (a co-author): no person, and the call's time zone. */
export interface Recipient {
  personId: string | null;
  name: string;
  email: string;
  /** The reader's own zone (their account's), named beside every date. */
  timeZone: string;
}

/** "1 December 2026 at 09:30 (Europe/London time)". */
export function dateTimeFor(date: Date, timeZone: string): string {
  const when = date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone });
  return `${when} (${timeZone} time)`;
}

/** "1 December 2026", the day in UTC: for dates that need no time of day (expiry, retention). */
export function dayInUtc(date: Date): string {
  return date.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

export type VenueKind = 'journal' | 'award' | 'website' | string;

/** The venue's words (venues/venue-words.ts, one table) as the messages use them. */
export function nouns(kind: VenueKind) {
  const words = venueWords(kind);
  const shared = { work: words.submission, manuscript: words.manuscript };
  return kind === 'award'
    ? { ...shared, readers: `the ${words.reviewers}`, reviewed: 'judged' }
    : { ...shared, readers: words.reviewers, reviewed: 'reviewed' };
}

export function signOff(venueName: string): string {
  return `With best wishes,\nThe editors, ${venueName}\n\nGAPS Submissions`;
}

/** Where the author follows the submission: the page of the submission itself. */
export function submissionLink(publicUrl: string, submissionId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/submissions/${submissionId}`;
}
