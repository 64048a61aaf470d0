// The words of every e-mail to a reviewer (or judge) about an assignment. These go to people who
// must not learn who wrote the work: they are built from `AboutReviewedWork` only, which has no
// field for an author, so no template here can name one (double-blind holds in the inbox too).
import type { OutgoingMail } from '@gaps/workers/shared';
import type { BlindMode } from '../blinding/project-review.ts';
import { venueWords } from '../venues/venue-words.ts';
import { dateTimeFor, type Recipient, signOff, type VenueKind } from './words.ts';

/** What a reviewer may read about the work: the anonymised fields and nothing else. */
export interface AboutReviewedWork {
  code: string;
  title: string;
  abstract: string;
  callTitle: string;
  venueName: string;
  venueKind: VenueKind;
}

const mail = (to: Recipient, template: string, subject: string, text: string): OutgoingMail => ({
  to: to.email,
  personId: to.personId,
  template,
  subject,
  text,
});

/** What the call's mode means for the reader, said before they accept (names travel as the mode says). */
function whoSeesWhom(mode: BlindMode, kind: VenueKind): string {
  const words = venueWords(kind);
  const process = kind === 'award' ? 'The judging' : 'The review';
  switch (mode) {
    case 'single':
      return `${process} is single-blind: you will see who wrote the ${words.submission}, and the ${words.authors} will not learn who you are.`;
    case 'open':
      return `${process} is open: you will see who wrote the ${words.submission}, and the ${words.authors} may learn who you are.`;
    default:
      return `${process} is double-blind: you read an anonymised copy, and the ${words.authors} will not learn who you are.`;
  }
}

export function invitationMail(
  to: Recipient,
  work: AboutReviewedWork & { dueAt: Date; respondBy: Date; link: string; blindMode: BlindMode },
): OutgoingMail {
  const words = venueWords(work.venueKind);
  const judging = work.venueKind === 'award';
  return mail(
    to,
    'assignment.invitation',
    judging
      ? `Would you judge an entry for ${work.callTitle}? (${work.code})`
      : `Would you review a ${words.submission} for ${work.venueName}? (${work.code})`,
    `Dear ${to.name},

The editors of ${work.venueName} would like to invite you to be a ${words.reviewer} of this ${words.submission} for "${work.callTitle}":

  Reference: ${work.code}
  Title: ${work.title}

Abstract:
${work.abstract || '(none given)'}

${judging ? 'Your scores' : 'Your review'} would be due by ${dateTimeFor(work.dueAt, to.timeZone)}.

${whoSeesWhom(work.blindMode, work.venueKind)}

Please answer by ${dateTimeFor(work.respondBy, to.timeZone)}. Open this link and press "Accept" or "Decline" (no password needed):

${work.link}

The link is for you alone; please do not forward it. If you decline, you can suggest someone else.

${signOff(work.venueName)}`,
  );
}

/** The assignment was cancelled (the work was withdrawn, or the editor stopped it). */
export function noLongerNeededMail(to: Recipient, work: AboutReviewedWork): OutgoingMail {
  const words = venueWords(work.venueKind);
  return mail(
    to,
    'assignment.cancelled',
    `No longer needed: ${work.code}`,
    `Dear ${to.name},

The ${words.submission} ${work.code}, "${work.title}", no longer needs your ${words.review}, so we have cancelled your invitation. There is nothing more for you to do, and please delete any copy you downloaded.

Thank you for your help.

${signOff(work.venueName)}`,
  );
}
