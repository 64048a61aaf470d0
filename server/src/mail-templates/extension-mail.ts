// Messages about an assignment's due date: the editor moved it, a reviewer asked for more time
// (to the editors), and the editor's answer (to the reviewer). Reviewer mails are built from
// `AboutReviewedWork` only, so no author can be named; editor mails name the reviewer by number
// only (see editor-assignment-mail.ts for why).
import type { OutgoingMail } from '@gaps/workers/shared';
import { capitalised, venueWords } from '../venues/venue-words.ts';
import type { EditorReader } from './editor-assignment-mail.ts';
import type { AboutReviewedWork } from './reviewer-mail.ts';
import { dateTimeFor, type Recipient, signOff, type VenueKind } from './words.ts';

const toReviewer = (to: Recipient, template: string, subject: string, text: string, assignmentId: string) => ({
  to: to.email,
  personId: to.personId,
  assignmentId,
  template,
  subject,
  text,
});

const yours = (kind: VenueKind) => (kind === 'award' ? 'your scores' : 'your review');

export interface DueDateNews extends AboutReviewedWork {
  assignmentId: string;
  dueAt: Date;
  /** The review page (or invitation page) of this assignment. */
  link: string;
}

/** The editor moved the due date on their own (not in answer to a request). */
export function dueDateMovedMail(to: Recipient, work: DueDateNews): OutgoingMail {
  const due = dateTimeFor(work.dueAt, to.timeZone);
  return toReviewer(
    to,
    'assignment.due_date_moved',
    `New due date for ${work.code}: ${due}`,
    `Dear ${to.name},

The editors have moved the due date of ${yours(work.venueKind)} of ${work.code}, "${work.title}". It is now due by ${due}.

Reminders will follow the new date.

${work.link}

${signOff(work.venueName)}`,
    work.assignmentId,
  );
}

export function extensionGrantedMail(to: Recipient, work: DueDateNews & { askedFor: Date }): OutgoingMail {
  const due = dateTimeFor(work.dueAt, to.timeZone);
  const same = work.askedFor.getTime() === work.dueAt.getTime();
  return toReviewer(
    to,
    'extension.granted',
    `More time for ${work.code}: now due ${due}`,
    `Dear ${to.name},

The editors have given you more time for ${yours(work.venueKind)} of ${work.code}, "${work.title}". It is now due by ${due}${same ? '.' : `, rather than the ${dateTimeFor(work.askedFor, to.timeZone)} you asked for.`}

Reminders will follow the new date.

${work.link}

${signOff(work.venueName)}`,
    work.assignmentId,
  );
}

export function extensionRefusedMail(
  to: Recipient,
  work: AboutReviewedWork & { assignmentId: string; dueAt: Date | null; note: string | null; link: string },
): OutgoingMail {
  const due = work.dueAt ? dateTimeFor(work.dueAt, to.timeZone) : 'the date the editors set';
  return toReviewer(
    to,
    'extension.refused',
    `About your request for more time: ${work.code}`,
    `Dear ${to.name},

The editors could not give you more time for ${yours(work.venueKind)} of ${work.code}, "${work.title}". It stays due by ${due}.
${work.note ? `\nTheir note:\n${work.note}\n` : ''}
If you cannot finish by then, please tell the editors, so that they can ask someone else in good time.

${work.link}

${signOff(work.venueName)}`,
    work.assignmentId,
  );
}

export interface ExtensionAsked {
  code: string;
  venueName: string;
  venueKind: VenueKind;
  reviewerNumber: number;
  dueAt: Date | null;
  requestedDueAt: Date;
  /** Whether they wrote a reason (read on the submission's page, which checks who is reading). */
  gaveReason: boolean;
  link: string;
}

/** To the venue's editors: a reviewer asked for more time. By number only, nothing they wrote. */
export function extensionRequestedMail(to: EditorReader & { timeZone: string }, e: ExtensionAsked): OutgoingMail {
  const words = venueWords(e.venueKind);
  const who = `${capitalised(words.reviewer)} ${e.reviewerNumber}`;
  return {
    to: to.email,
    personId: to.personId,
    template: 'extension.requested',
    subject: `${e.code}: ${words.reviewer} ${e.reviewerNumber} asks for more time`,
    text: `Hello,

${who} of ${e.code} asks for more time: until ${dateTimeFor(e.requestedDueAt, to.timeZone)}${e.dueAt ? ` (now due ${dateTimeFor(e.dueAt, to.timeZone)})` : ''}.
${e.gaveReason ? '\nThey gave a reason: you can read it on the page below.\n' : ''}
Grant it (you can choose another date) or refuse it on the ${words.submission}'s page, under ${capitalised(words.reviewers)}:

${e.link}

GAPS Submissions`,
  };
}
