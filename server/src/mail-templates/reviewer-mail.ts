// Every e-mail to a reviewer (or judge) about an assignment. These go to people who must not learn
// who wrote the work: their values come from `AboutReviewedWork` only, which has no field for an
// author, and their kinds declare only `reviewerVariables`, so no template, default or a venue's
// own, can print an author's name or address: there is none to print (double-blind holds in the
// inbox too). reminder-mail.ts follows the same rule.
import type { BlindMode } from '../blinding/project-review.ts';
import { venueWords } from '../venues/venue-words.ts';
import { defineMailKind, draftOf, readerName, signOff, venueValues, venueVariables } from './mail-kind.ts';
import type { Recipient, VenueKind } from './words.ts';

/** What a reviewer may read about the work: the anonymised fields and nothing else. */
export interface AboutReviewedWork {
  venueId: string;
  code: string;
  title: string;
  abstract: string;
  callTitle: string;
  venueName: string;
  venueKind: VenueKind;
}

/** Every variable a reviewer's message may have: the reader's own name and the anonymised work. */
export const reviewerVariables = {
  name: { ...readerName, description: 'The reviewer’s own name' },
  code: { description: 'The reference code, e.g. JSWP-2027-0001', kind: 'text', sample: 'JSWP-2027-0001' },
  title: { description: 'The title of the work', kind: 'text', sample: 'Holding the frame' },
  abstract: {
    description: 'The abstract (empty when none was given)',
    kind: 'text',
    sample: 'An essay about staying.',
  },
  call: { description: 'The call the work was sent to', kind: 'text', sample: 'Open submissions 2027' },
  link: {
    description: 'The invitation page, for this reviewer alone (answer, read, write the review)',
    kind: 'link',
    sample: 'https://submissions.example.org/invitations/sample',
  },
  due_at: {
    description: 'When the review is due, in the reviewer’s time zone (empty when not set)',
    kind: 'date',
    sample: new Date('2027-03-01T17:00:00Z'),
  },
  respond_by: {
    description: 'When the invitation expires, in the reviewer’s time zone (empty when not set)',
    kind: 'date',
    sample: new Date('2027-02-14T17:00:00Z'),
  },
  asked_for: {
    description: 'The due date the reviewer asked for in a request for more time, in their time zone',
    kind: 'date',
    sample: new Date('2027-03-15T17:00:00Z'),
  },
  editors_note: {
    description: 'The editors’ note when they answer a request for more time (empty when none)',
    kind: 'text',
    sample: 'We need every review by the board meeting.',
  },
  who_sees_whom: {
    description: 'What the call’s kind of blind review means for the reviewer, in one sentence',
    kind: 'text',
    sample: 'The review is double-blind: you read an anonymised copy, and the authors will not learn who you are.',
  },
  decision_outcome: {
    description:
      'The editors’ decision in plain words, e.g. "accepted for publication" (empty when the venue thanks reviewers without telling the outcome)',
    kind: 'text',
    sample: 'accepted for publication',
  },
  may_return: {
    description:
      'Yes when the editors asked the authors for a revision, so the reviewer may be invited to read the revised version: {% if may_return %}…{% endif %}',
    kind: 'yes/no',
    sample: false,
  },
  ...venueVariables,
} as const;

export const pick = <const Names extends keyof typeof reviewerVariables>(...names: Names[]) =>
  Object.fromEntries(names.map((name) => [name, reviewerVariables[name]])) as Pick<typeof reviewerVariables, Names>;
const venueNames = Object.keys(venueVariables) as Array<keyof typeof venueVariables>;
export const aboutWorkVariables = pick('name', 'code', 'title', 'abstract', 'call', ...venueNames);

/** The values every reviewer message shares, read from the anonymised work. */
export const workValues = (to: Recipient, work: AboutReviewedWork) => ({
  name: to.name,
  code: work.code,
  title: work.title,
  abstract: work.abstract,
  call: work.callTitle,
  ...venueValues(work.venueName, work.venueKind),
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

export const invitationKind = defineMailKind({
  key: 'assignment.invitation',
  audience: 'reviewer',
  title: 'Invitation to review',
  description: 'Sent when an editor invites someone to review (or judge) a piece of work.',
  variables: { ...aboutWorkVariables, ...pick('due_at', 'respond_by', 'link', 'who_sees_whom') },
  subject:
    '{% if judging %}Would you judge an entry for {{ call }}? ({{ code }}){% else %}Would you review a {{ work }} for {{ venue }}? ({{ code }}){% endif %}',
  text: `Dear {{ name }},

The editors of {{ venue }} would like to invite you to be a {{ reviewer }} of this {{ work }} for "{{ call }}":

  Reference: {{ code }}
  Title: {{ title }}

Abstract:
{{ abstract | default: "(none given)" }}

{% if judging %}Your scores{% else %}Your review{% endif %} would be due by {{ due_at }}.

{{ who_sees_whom }}

Please answer by {{ respond_by }}. Open this link and press "Accept" or "Decline" (no password needed):

{{ link }}

The link is for you alone; please do not forward it. If you decline, you can suggest someone else.

${signOff}`,
  html: null,
});

export const noLongerNeededKind = defineMailKind({
  key: 'assignment.cancelled',
  audience: 'reviewer',
  title: 'No longer needed',
  description: 'Sent when the work is withdrawn or the editor cancels the assignment.',
  variables: aboutWorkVariables,
  subject: 'No longer needed: {{ code }}',
  text: `Dear {{ name }},

The {{ work }} {{ code }}, "{{ title }}", no longer needs your {{ review }}, so we have cancelled your invitation. There is nothing more for you to do, and please delete any copy you downloaded.

Thank you for your help.

${signOff}`,
  html: null,
});

const reader = (to: Recipient, work: AboutReviewedWork) => ({
  venueId: work.venueId,
  to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
});

export function invitationMail(
  to: Recipient,
  work: AboutReviewedWork & { dueAt: Date; respondBy: Date; link: string; blindMode: BlindMode },
) {
  return draftOf(invitationKind, {
    ...reader(to, work),
    values: {
      ...workValues(to, work),
      due_at: work.dueAt,
      respond_by: work.respondBy,
      link: work.link,
      who_sees_whom: whoSeesWhom(work.blindMode, work.venueKind),
    },
  });
}

/** The assignment was cancelled (the work was withdrawn, or the editor stopped it). */
export function noLongerNeededMail(to: Recipient, work: AboutReviewedWork) {
  return draftOf(noLongerNeededKind, { ...reader(to, work), values: workValues(to, work) });
}

export const reviewerKinds = [invitationKind, noLongerNeededKind];
