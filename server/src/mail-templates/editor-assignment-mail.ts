// E-mails to a venue's editors about the reviewers (or judges) of a submission. They name
// reviewers by number only and say nothing a reviewer wrote: the venue's shared address (or an
// editor's inbox) may be read by an editor who is an author of that very submission, and the
// submission's page, which checks who is reading, is where the names and reasons are.
import type { OutgoingMail } from '@gaps/workers/shared';
import { capitalised, venueWords } from '../venues/venue-words.ts';
import type { VenueKind } from './words.ts';

export interface EditorReader {
  email: string;
  personId: string | null;
}

export interface InvitationEnded {
  code: string;
  venueName: string;
  venueKind: VenueKind;
  reviewerNumber: number;
  how: 'declined' | 'expired';
  /** Whether the reviewer gave a reason or suggested someone (read on the submission's page). */
  saidWhy: boolean;
  /** Whether the next alternate was invited (false: none lined up, or turned off for the call). */
  alternateInvited: boolean;
  alternatesOff: boolean;
  link: string;
}

export function invitationEndedMail(to: EditorReader, e: InvitationEnded): OutgoingMail {
  const words = venueWords(e.venueKind);
  const what =
    e.how === 'declined'
      ? `${capitalised(words.reviewer)} ${e.reviewerNumber} declined the invitation to ${words.review === 'review' ? 'review' : 'judge'} ${e.code}.`
      : `The invitation to ${words.reviewer} ${e.reviewerNumber} for ${e.code} expired without an answer.`;
  const said = e.saidWhy ? 'They gave a reason or suggested someone else: you can read it on the page below.' : '';
  const next = e.alternateInvited
    ? `We have invited the next alternate you lined up (see the page below).`
    : e.alternatesOff
      ? `Alternates are not invited automatically for this call: please invite someone else if you need another ${words.reviewer}.`
      : `No alternate was lined up: please invite someone else if you need another ${words.reviewer}.`;
  return {
    to: to.email,
    personId: to.personId,
    template: 'assignment.invitation_ended',
    subject: `${e.code}: ${words.reviewer} ${e.reviewerNumber} ${e.how === 'declined' ? 'declined' : 'did not answer'}`,
    text: `Hello,

${what}
${said ? `\n${said}\n` : ''}
${next}

The ${words.submission}: ${e.link}

GAPS Submissions`,
  };
}
