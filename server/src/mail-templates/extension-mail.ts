// Messages about an assignment's due date: the editor moved it, a reviewer asked for more time
// (to the editors), and the editor's answer (to the reviewer). Reviewer kinds declare only
// `reviewerVariables` (their values come from `AboutReviewedWork`), so no author can be named;
// the editor kind names the reviewer by number only (see editor-assignment-mail.ts for why).
import type { EditorReader } from './editor-assignment-mail.ts';
import { defineMailKind, draftOf, signOff, venueValues, venueVariables } from './mail-kind.ts';
import { type AboutReviewedWork, aboutWorkVariables, pick, workValues } from './reviewer-mail.ts';
import type { Recipient, VenueKind } from './words.ts';

export interface DueDateNews extends AboutReviewedWork {
  assignmentId: string;
  dueAt: Date;
  /** The review page (or invitation page) of this assignment. */
  link: string;
}

const yours = '{% if judging %}your scores{% else %}your review{% endif %}';

const reviewerDraft = (to: Recipient, work: AboutReviewedWork & { assignmentId: string }) => ({
  venueId: work.venueId,
  to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
  assignmentId: work.assignmentId,
});

export const dueDateMovedKind = defineMailKind({
  key: 'assignment.due_date_moved',
  audience: 'reviewer',
  title: 'Due date moved',
  description: 'Sent to a reviewer when the editors move their due date on their own.',
  variables: { ...aboutWorkVariables, ...pick('due_at', 'link') },
  subject: 'New due date for {{ code }}: {{ due_at }}',
  text: `Dear {{ name }},

The editors have moved the due date of ${yours} of {{ code }}, "{{ title }}". It is now due by {{ due_at }}.

Reminders will follow the new date.

{{ link }}

${signOff}`,
  html: null,
});

/** The editor moved the due date on their own (not in answer to a request). */
export function dueDateMovedMail(to: Recipient, work: DueDateNews) {
  return draftOf(dueDateMovedKind, {
    ...reviewerDraft(to, work),
    values: { ...workValues(to, work), due_at: work.dueAt, link: work.link },
  });
}

export const extensionGrantedKind = defineMailKind({
  key: 'extension.granted',
  audience: 'reviewer',
  title: 'More time given',
  description: 'Sent to a reviewer when the editors grant their request for more time.',
  variables: { ...aboutWorkVariables, ...pick('due_at', 'asked_for', 'link') },
  subject: 'More time for {{ code }}: now due {{ due_at }}',
  text: `Dear {{ name }},

The editors have given you more time for ${yours} of {{ code }}, "{{ title }}". It is now due by {{ due_at }}{% if due_at == asked_for %}.{% else %}, rather than the {{ asked_for }} you asked for.{% endif %}

Reminders will follow the new date.

{{ link }}

${signOff}`,
  html: null,
});

export function extensionGrantedMail(to: Recipient, work: DueDateNews & { askedFor: Date }) {
  return draftOf(extensionGrantedKind, {
    ...reviewerDraft(to, work),
    values: { ...workValues(to, work), due_at: work.dueAt, asked_for: work.askedFor, link: work.link },
  });
}

export const extensionRefusedKind = defineMailKind({
  key: 'extension.refused',
  audience: 'reviewer',
  title: 'More time refused',
  description: 'Sent to a reviewer when the editors refuse their request for more time.',
  variables: { ...aboutWorkVariables, ...pick('due_at', 'editors_note', 'link') },
  subject: 'About your request for more time: {{ code }}',
  text: `Dear {{ name }},

The editors could not give you more time for ${yours} of {{ code }}, "{{ title }}". It stays due by {{ due_at | default: "the date the editors set" }}.
{% if editors_note %}
Their note:
{{ editors_note }}
{% endif %}
If you cannot finish by then, please tell the editors, so that they can ask someone else in good time.

{{ link }}

${signOff}`,
  html: null,
});

export function extensionRefusedMail(
  to: Recipient,
  work: AboutReviewedWork & { assignmentId: string; dueAt: Date | null; note: string | null; link: string },
) {
  return draftOf(extensionRefusedKind, {
    ...reviewerDraft(to, work),
    values: { ...workValues(to, work), due_at: work.dueAt, editors_note: work.note ?? '', link: work.link },
  });
}

export interface ExtensionAsked {
  venueId: string;
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

export const extensionRequestedKind = defineMailKind({
  key: 'extension.requested',
  audience: 'editor',
  title: 'A reviewer asks for more time',
  description: 'Sent to the editors when a reviewer asks for more time (the reviewer by number only).',
  variables: {
    code: { description: 'The reference code of the work', kind: 'text', sample: 'JSWP-2027-0001' },
    reviewer_number: { description: 'The reviewer’s number on the work (never their name)', kind: 'number', sample: 2 },
    asked_for: {
      description: 'The due date they ask for, in your time zone',
      kind: 'date',
      sample: new Date('2027-03-15T17:00:00Z'),
    },
    due_at: {
      description: 'The current due date (empty when not set)',
      kind: 'date',
      sample: new Date('2027-03-01T17:00:00Z'),
    },
    gave_reason: {
      description: 'Yes if they wrote a reason (read it on the work’s page)',
      kind: 'yes/no',
      sample: true,
    },
    link: {
      description: 'The work’s page for editors',
      kind: 'link',
      sample: 'https://submissions.example.org/submissions/sample',
    },
    ...venueVariables,
  },
  subject: '{{ code }}: {{ reviewer }} {{ reviewer_number }} asks for more time',
  text: `Hello,

{{ reviewer | capitalize }} {{ reviewer_number }} of {{ code }} asks for more time: until {{ asked_for }}{% if due_at %} (now due {{ due_at }}){% endif %}.
{% if gave_reason %}
They gave a reason: you can read it on the page below.
{% endif %}
Grant it (you can choose another date) or refuse it on the {{ work }}'s page, under {{ reviewers | capitalize }}:

{{ link }}

GAPS Submissions`,
  html: null,
});

/** To the venue's editors: a reviewer asked for more time. By number only, nothing they wrote. */
export function extensionRequestedMail(to: EditorReader & { timeZone: string }, e: ExtensionAsked) {
  return draftOf(extensionRequestedKind, {
    venueId: e.venueId,
    to,
    values: {
      code: e.code,
      reviewer_number: e.reviewerNumber,
      asked_for: e.requestedDueAt,
      due_at: e.dueAt,
      gave_reason: e.gaveReason,
      link: e.link,
      ...venueValues(e.venueName, e.venueKind),
    },
  });
}

export const extensionKinds = [dueDateMovedKind, extensionGrantedKind, extensionRefusedKind, extensionRequestedKind];
