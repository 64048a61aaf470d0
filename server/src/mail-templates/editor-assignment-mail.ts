// E-mails to a venue's editors about the reviewers (or judges) of a submission. They name
// reviewers by number only and say nothing a reviewer wrote: the venue's shared address (or an
// editor's inbox) may be read by an editor who is an author of that very submission, and the
// submission's page, which checks who is reading, is where the names and reasons are. The kind
// declares no variable for a reviewer's name, so a venue's own words cannot add one.
import { defineMailKind, draftOf, venueValues, venueVariables } from './mail-kind.ts';
import type { VenueKind } from './words.ts';

export interface EditorReader {
  email: string;
  personId: string | null;
}

export interface InvitationEnded {
  venueId: string;
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

export const invitationEndedKind = defineMailKind({
  key: 'assignment.invitation_ended',
  audience: 'editor',
  title: 'Invitation declined or expired',
  description: 'Sent to the editors when a reviewer declines, or an invitation expires unanswered.',
  variables: {
    code: { description: 'The reference code of the work', kind: 'text', sample: 'JSWP-2027-0001' },
    reviewer_number: { description: 'The reviewer’s number on the work (never their name)', kind: 'number', sample: 2 },
    declined: {
      description: 'Yes if the reviewer declined, no if the invitation expired',
      kind: 'yes/no',
      sample: true,
    },
    said_why: { description: 'Yes if the reviewer gave a reason or suggested someone', kind: 'yes/no', sample: true },
    alternate_invited: { description: 'Yes if the next alternate was invited', kind: 'yes/no', sample: false },
    alternates_off: {
      description: 'Yes if alternates are not invited automatically for this call',
      kind: 'yes/no',
      sample: false,
    },
    link: {
      description: 'The work’s page for editors',
      kind: 'link',
      sample: 'https://submissions.example.org/editor/submissions/sample',
    },
    ...venueVariables,
  },
  subject:
    '{{ code }}: {{ reviewer }} {{ reviewer_number }} {% if declined %}declined{% else %}did not answer{% endif %}',
  text: `Hello,

{% if declined %}{{ reviewer | capitalize }} {{ reviewer_number }} declined the invitation to {% if judging %}judge{% else %}review{% endif %} {{ code }}.{% else %}The invitation to {{ reviewer }} {{ reviewer_number }} for {{ code }} expired without an answer.{% endif %}
{% if said_why %}
They gave a reason or suggested someone else: you can read it on the page below.
{% endif %}
{% if alternate_invited %}We have invited the next alternate you lined up (see the page below).{% elsif alternates_off %}Alternates are not invited automatically for this call: please invite someone else if you need another {{ reviewer }}.{% else %}No alternate was lined up: please invite someone else if you need another {{ reviewer }}.{% endif %}

The {{ work }}: {{ link }}

GAPS Submissions`,
  html: null,
});

export const editorKinds = [invitationEndedKind];

export function invitationEndedMail(to: EditorReader, e: InvitationEnded) {
  return draftOf(invitationEndedKind, {
    venueId: e.venueId,
    to,
    values: {
      code: e.code,
      reviewer_number: e.reviewerNumber,
      declined: e.how === 'declined',
      said_why: e.saidWhy,
      alternate_invited: e.alternateInvited,
      alternates_off: e.alternatesOff,
      link: e.link,
      ...venueValues(e.venueName, e.venueKind),
    },
  });
}
