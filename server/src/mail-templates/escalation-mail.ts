// The editors' one message about reviews (or scores) still overdue after every reminder the policy
// gives: one per reader per sweep, listing each late one. Reviewers by number only, and nothing a
// reviewer wrote, as in editor-assignment-mail.ts: the reader may be an author of another submission
// of the venue (the list leaves out their own) or the venue's shared address.
import type { OutgoingMail } from '@gaps/workers/shared';
import { capitalised, venueWords } from '../venues/venue-words.ts';
import type { EditorReader } from './editor-assignment-mail.ts';
import { dateTimeFor, type VenueKind } from './words.ts';

export interface OverdueReview {
  code: string;
  reviewerNumber: number;
  dueAt: Date;
  /** The call's zone: used for a reader without an account (the venue's address). */
  callTimeZone: string;
  /** The submission's page. */
  link: string;
}

export interface EscalationReader extends EditorReader {
  /** Their account's zone; null for the venue's address. */
  timeZone: string | null;
}

const DAY = 86_400_000;

export function escalationMail(
  to: EscalationReader,
  venue: { name: string; kind: VenueKind },
  overdue: OverdueReview[],
  now: Date,
): OutgoingMail {
  const words = venueWords(venue.kind);
  const what = venue.kind === 'award' ? 'scores' : 'reviews';
  const lines = overdue.map((r) => {
    const late = Math.floor((now.getTime() - r.dueAt.getTime()) / DAY);
    return `- ${r.code}, ${words.reviewer} ${r.reviewerNumber}: due ${dateTimeFor(r.dueAt, to.timeZone ?? r.callTimeZone)}, ${late} ${late === 1 ? 'day' : 'days'} overdue
  ${r.link}`;
  });
  const one = overdue.length === 1;
  return {
    to: to.email,
    personId: to.personId,
    template: 'reminder.escalation',
    subject: `${venue.name}: ${overdue.length} ${one ? what.slice(0, -1) : what} overdue after every reminder`,
    text: `Hello,

${one ? `This ${what.slice(0, -1)} is` : `These ${what} are`} still overdue, although ${one ? `the ${words.reviewer} has` : `their ${words.reviewers} have`} had every reminder the call sends. You may want to write to ${one ? 'them' : 'each'} yourself, extend the due date, or invite someone else.

${lines.join('\n')}

${capitalised(words.reviewers)} are named by number here; their names are on each ${words.submission}'s page.

GAPS Submissions`,
  };
}
