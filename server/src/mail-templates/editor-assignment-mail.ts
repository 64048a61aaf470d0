// E-mails to a venue's editors about the reviewers (or judges) of a submission. Editors see
// identities, so these may name reviewers; they never go to a reviewer or an author.
import type { OutgoingMail } from '@gaps/workers/shared';
import { venueWords } from '../venues/venue-words.ts';
import type { VenueKind } from './words.ts';

export interface EditorReader {
  email: string;
  personId: string | null;
}

export interface InvitationEnded {
  code: string;
  venueName: string;
  venueKind: VenueKind;
  reviewerName: string;
  reviewerNumber: number;
  how: 'declined' | 'expired';
  declineReason: string | null;
  suggestion: string | null;
  /** The alternate now invited, or null when none was (none lined up, or turned off for the call). */
  alternateInvited: string | null;
  alternatesOff: boolean;
  link: string;
}

export function invitationEndedMail(to: EditorReader, e: InvitationEnded): OutgoingMail {
  const words = venueWords(e.venueKind);
  const what =
    e.how === 'declined'
      ? `${e.reviewerName} (${words.reviewer} ${e.reviewerNumber}) declined the invitation to ${words.review === 'review' ? 'review' : 'judge'} ${e.code}.`
      : `The invitation to ${e.reviewerName} (${words.reviewer} ${e.reviewerNumber}) for ${e.code} expired without an answer.`;
  const said = [
    e.declineReason ? `Their reason: ${e.declineReason}` : '',
    e.suggestion ? `They suggest: ${e.suggestion}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const next = e.alternateInvited
    ? `We have invited the next alternate you lined up, ${e.alternateInvited}.`
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
