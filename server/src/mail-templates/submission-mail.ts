// Every e-mail about a submission to its authors, one kind per message (they may name the authors;
// nothing here is ever sent to a reviewer or a judge). Each kind's default words are below; a venue
// may save its own on its Emails page.
import type { LeakFinding } from '@gaps/workers/contracts';
import { defineMailKind, draftOf, readerName, signOff, venueValues, venueVariables } from './mail-kind.ts';
import type { Recipient, VenueKind } from './words.ts';

export interface AboutSubmission {
  venueId: string;
  code: string;
  title: string;
  callTitle: string;
  venueName: string;
  venueKind: VenueKind;
  /** The submission's page, where the author follows it. */
  link: string;
}

export const submissionVariables = {
  name: readerName,
  code: { description: 'The reference code, e.g. JSWP-2027-0001', kind: 'text', sample: 'JSWP-2027-0001' },
  title: { description: 'The title of the work', kind: 'text', sample: 'Holding the frame' },
  call: { description: 'The call it was sent to', kind: 'text', sample: 'Open submissions 2027' },
  link: {
    description: "The work's page, where its author follows it",
    kind: 'link',
    sample: 'https://submissions.example.org/submissions/sample',
  },
  ...venueVariables,
} as const;

const facts = '  Reference: {{ code }}\n  Title: {{ title }}\n  Call: {{ call }}';
const submittedAt = {
  description: 'When it was received, in the reader’s time zone',
  kind: 'date',
  sample: new Date('2027-01-15T10:30:00Z'),
} as const;

export const receiptKind = defineMailKind({
  key: 'submission.receipt',
  audience: 'author',
  title: 'Receipt',
  description: 'Sent to the author who submitted the work, as soon as it is received.',
  variables: {
    ...submissionVariables,
    submitted_at: submittedAt,
    next_steps: {
      description: 'What happens next, as the work’s page says it',
      kind: 'text',
      sample: 'The editors check every submission within two weeks.',
    },
  },
  subject: 'We have received your {{ work }} {{ code }}',
  text: `Dear {{ name }},

Thank you. We received your {{ work }} on {{ submitted_at }}.

${facts}

Please quote the reference {{ code }} if you contact us about it.

What happens next: {{ next_steps }}

You can follow its progress here (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export const coAuthorReceiptKind = defineMailKind({
  key: 'submission.co_author_receipt',
  audience: 'author',
  title: 'Receipt to a co-author',
  description: 'Sent to each other author the work names, with a link to confirm they are an author.',
  variables: {
    ...submissionVariables,
    submitted_at: submittedAt,
    submitter_name: { description: 'The author who sent the work', kind: 'text', sample: 'Sam Sender' },
    confirm_link: {
      description: 'The link that confirms authorship',
      kind: 'link',
      sample: 'https://submissions.example.org/confirm-author/sample',
    },
    link_days: { description: 'How many days the link works', kind: 'number', sample: 30 },
  },
  subject: 'You are named as an author of {{ code }}',
  text: `Dear {{ name }},

{{ submitter_name }} has sent a {{ work }} that names you as one of its authors. We received it on {{ submitted_at }}.

${facts}

Please confirm that you are an author by opening this link and pressing "Confirm":

{{ confirm_link }}

The link works for {{ link_days }} days. If you have an account with this e-mail address (or create one), you can also follow the {{ work }} under "My submissions". Only {{ submitter_name }} can change or withdraw it.

If you are not an author of this work, do not confirm; please tell the editors (quote the reference {{ code }}).

${signOff}`,
  html: null,
});

export const sentToReviewKind = defineMailKind({
  key: 'submission.sent_to_review',
  audience: 'author',
  title: 'Gone to reviewers',
  description: 'Sent to the author when the work passes the first check and goes to the reviewers (or judges).',
  variables: {
    ...submissionVariables,
    sent_at: { description: 'When it went to the reviewers', kind: 'date', sample: new Date('2027-02-01T09:00:00Z') },
  },
  subject:
    '{% if judging %}Your entry {{ code }} has gone to the judges{% else %}Your submission {{ code }} has gone to reviewers{% endif %}',
  text: `Dear {{ name }},

Your {{ work }} {{ code }}, "{{ title }}", passed the editors' first check and went to {% if judging %}the {% endif %}{{ reviewers }} on {{ sent_at }}. They read the anonymised copy, so they do not know who you are.

{% unless judging %}Review usually takes six to eight weeks. {% endunless %}There is nothing you need to do meanwhile.

You can follow it here (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export const deskRejectedKind = defineMailKind({
  key: 'submission.desk_rejected',
  audience: 'author',
  title: 'Not sent on',
  description: 'Sent to the author when the editors decide not to send the work to the reviewers.',
  variables: {
    ...submissionVariables,
    reason: {
      description: 'The editor’s reason, as written',
      kind: 'text',
      sample: 'The essay is outside the scope of this call.',
    },
  },
  subject: "Your {{ work }} {{ code }}: the editors' decision",
  text: `Dear {{ name }},

Thank you for sending us your {{ work }} {{ code }}, "{{ title }}". The editors have read it and decided not to send it to {% if judging %}the {% endif %}{{ reviewers }}, so it will not go further in this call.

The editor's reason:

{{ reason }}

The reason is also on the {{ work }}'s page: {{ link }}

${signOff}`,
  html: null,
});

export const returnedForChangesKind = defineMailKind({
  key: 'submission.return_for_anonymisation',
  audience: 'author',
  title: 'Returned for anonymisation',
  description: 'Sent to the author when the editors ask for a version that does not identify them.',
  variables: {
    ...submissionVariables,
    findings: {
      description: 'The places found that may identify the author, one a line (empty when none)',
      kind: 'text',
      sample: '  - page 1: "Alex Example"',
    },
    editor_note: {
      description: 'The editor’s note (empty when none)',
      kind: 'text',
      sample: 'Please also check the acknowledgements.',
    },
  },
  subject: 'Please send an anonymised version of {{ code }}',
  text: `Dear {{ name }},

Thank you for your {{ work }} {{ code }}, "{{ title }}". {% if judging %}The {{ reviewers }}{% else %}{{ reviewers | capitalize }}{% endif %} must not be able to tell who wrote it, so before it can go to them we need a version that does not identify you (or the people and organisations you describe).

{% if findings %}We found these places where your {{ manuscript }} may identify you:

{{ findings }}

{% endif %}{% if editor_note %}A note from the editor:
{{ editor_note }}

{% endif %}Please remove your name, contact details, institution and any phrases such as "in my previous work (Your Name, 2020)" from the {{ manuscript }}, save it as PDF again, and upload it on its page (the message and the list are there too):

{{ link }}

Then press "Send again". Your reference code stays the same.

${signOff}`,
  html: null,
});

export const submissionKinds = [
  receiptKind,
  coAuthorReceiptKind,
  sentToReviewKind,
  deskRejectedKind,
  returnedForChangesKind,
];

const about = (to: Recipient, s: AboutSubmission) => ({
  venueId: s.venueId,
  to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
  common: {
    name: to.name,
    code: s.code,
    title: s.title,
    call: s.callTitle,
    link: s.link,
    ...venueValues(s.venueName, s.venueKind),
  },
});

export function receiptMail(to: Recipient, s: AboutSubmission & { submittedAt: Date; nextSteps: string }) {
  const { common, ...rest } = about(to, s);
  return draftOf(receiptKind, { ...rest, values: { ...common, submitted_at: s.submittedAt, next_steps: s.nextSteps } });
}

/** To each co-author (not the one who sent it): a copy of the receipt and a link to confirm. */
export function coAuthorReceiptMail(
  to: Recipient,
  s: AboutSubmission & { submittedAt: Date; submitterName: string; confirmLink: string; linkDays: number },
) {
  const { common, ...rest } = about(to, s);
  return draftOf(coAuthorReceiptKind, {
    ...rest,
    values: {
      ...common,
      submitted_at: s.submittedAt,
      submitter_name: s.submitterName,
      confirm_link: s.confirmLink,
      link_days: s.linkDays,
    },
  });
}

export function sentToReviewMail(to: Recipient, s: AboutSubmission & { sentAt: Date }) {
  const { common, ...rest } = about(to, s);
  return draftOf(sentToReviewKind, { ...rest, values: { ...common, sent_at: s.sentAt } });
}

export function deskRejectedMail(to: Recipient, s: AboutSubmission & { reason: string }) {
  const { common, ...rest } = about(to, s);
  return draftOf(deskRejectedKind, { ...rest, values: { ...common, reason: s.reason } });
}

export function returnedForChangesMail(
  to: Recipient,
  s: AboutSubmission & { findings: LeakFinding[]; message: string },
) {
  const { common, ...rest } = about(to, s);
  const findings = s.findings.length
    ? `${s.findings
        .slice(0, 30)
        .map((f) => `  - page ${f.page}: "${f.text}"`)
        .join('\n')}${s.findings.length > 30 ? `\n  - and ${s.findings.length - 30} more` : ''}`
    : null;
  return draftOf(returnedForChangesKind, {
    ...rest,
    values: { ...common, findings, editor_note: s.message || null },
  });
}
