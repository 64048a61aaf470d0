// The journal's decision letters (one kind per outcome, so a venue can reword each on its E-mails
// page) and the thank-you to the reviewers. A letter is only a draft: the editor reads and edits
// it before sending. The reviewers' comments reach it as `reviews`, already numbered "Reviewer 1",
// "Reviewer 2" (decisions/decision-rules.ts reviewsForLetter, from decision.repository.ts
// loadRoundReviews): no name, address or confidential comment is ever given to these templates.
// The thank-you is a reviewer's message: reviewer variables only.
import { defineMailKind, draftOf, readerName, signOff, venueValues, venueVariables } from './mail-kind.ts';
import { type AboutReviewedWork, aboutWorkVariables, pick, workValues } from './reviewer-mail.ts';
import type { AboutSubmission } from './submission-mail.ts';
import type { Recipient } from './words.ts';

/** Left in the drafted letter for the editor to replace; a letter still holding it is not sent. */
export const reasonPlaceholder = '[Write your reason for the author here.]';

export const decisionOutcomes = ['accept', 'minor_revision', 'major_revision', 'reject', 'desk_reject'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

const letterVariables = {
  name: readerName,
  code: { description: 'The reference code, e.g. JSWP-2027-0001', kind: 'text', sample: 'JSWP-2027-0001' },
  title: { description: 'The title of the work', kind: 'text', sample: 'Holding the frame' },
  call: { description: 'The call it was sent to', kind: 'text', sample: 'Open submissions 2027' },
  link: {
    description: "The work's page, where its author reads the decision and the reviews",
    kind: 'link',
    sample: 'https://submissions.example.org/submissions/sample',
  },
  reviews: {
    description:
      'The reviewers’ comments to the author, each headed "Reviewer 1", "Reviewer 2" (never their names; empty when there are none)',
    kind: 'text',
    sample: 'Reviewer 1\n\nA clear account of practice; the second section could say more about supervision.',
  },
  ...venueVariables,
} as const;

const reviewsBlock = `{% if reviews %}The {{ reviewers }}' comments:

{{ reviews }}

{% endif %}`;

function letterKind(outcome: DecisionOutcome, title: string, description: string, subject: string, body: string) {
  return defineMailKind({
    key: `decision.${outcome}`,
    audience: 'author',
    title,
    description,
    variables: letterVariables,
    subject,
    text: `Dear {{ name }},

${body}

${signOff}`,
    html: null,
  });
}

export const letterKinds = {
  accept: letterKind(
    'accept',
    'Decision: accept',
    'The letter drafted for the editor when a submission is accepted; the editor edits it before sending.',
    'Your {{ work }} {{ code }} has been accepted',
    `We are delighted to tell you that your {{ work }} {{ code }}, "{{ title }}", has been accepted for publication in {{ venue }}.

${reviewsBlock}We will write to you separately about the next steps towards publication. You can see the decision on the {{ work }}'s page: {{ link }}`,
  ),
  minor_revision: letterKind(
    'minor_revision',
    'Decision: minor revision',
    'The letter drafted for the editor when the authors are asked for small changes.',
    'Your {{ work }} {{ code }}: minor revisions requested',
    `Thank you for your {{ work }} {{ code }}, "{{ title }}". The editors would be glad to consider it further once you have made some small changes.

${reviewsBlock}Please upload your revised {{ manuscript }} with a short response to the {{ reviewers }} on the {{ work }}'s page: {{ link }}`,
  ),
  major_revision: letterKind(
    'major_revision',
    'Decision: major revision',
    'The letter drafted for the editor when the authors are asked for substantial changes.',
    'Your {{ work }} {{ code }}: major revisions requested',
    `Thank you for your {{ work }} {{ code }}, "{{ title }}". The {{ reviewers }} see real value in it, and the editors would like to consider it again after substantial revision.

${reviewsBlock}Please upload your revised {{ manuscript }} with a response to the {{ reviewers }} on the {{ work }}'s page: {{ link }}`,
  ),
  reject: letterKind(
    'reject',
    'Decision: reject',
    'The letter drafted for the editor when a submission is declined after review.',
    "Your {{ work }} {{ code }}: the editors' decision",
    `Thank you for sending your {{ work }} {{ code }}, "{{ title }}", to {{ venue }}. After careful review, we are sorry to tell you that we are not able to publish it.

${reviewsBlock}We hope the comments are helpful. You can see the decision on the {{ work }}'s page: {{ link }}`,
  ),
  desk_reject: letterKind(
    'desk_reject',
    'Decision: reject without review',
    'The letter drafted for the editor when a submission is declined before review (the screening page has its own short message too).',
    "Your {{ work }} {{ code }}: the editors' decision",
    `Thank you for sending your {{ work }} {{ code }}, "{{ title }}", to {{ venue }}. The editors have read it and decided not to send it to {{ reviewers }}, so it will not go further.

${reasonPlaceholder}

You can see the decision on the {{ work }}'s page: {{ link }}`,
  ),
} as const;

export const reviewerThanksKind = defineMailKind({
  key: 'decision.reviewer_thanks',
  audience: 'reviewer',
  title: 'Thank you, after a decision',
  description:
    'Sent to each reviewer who submitted a review, when the editors send their decision (the venue’s settings say whether it also tells the outcome).',
  variables: { ...aboutWorkVariables, ...pick('decision_outcome', 'may_return') },
  subject: 'Thank you for your {{ review }} of {{ code }}',
  text: `Dear {{ name }},

Thank you for your {{ review }} of the {{ work }} {{ code }}, "{{ title }}". The editors have now made their decision{% if decision_outcome %}: it was {{ decision_outcome }}{% endif %}. Your comments went to the {{ authors }} as those of a numbered {{ reviewer }}, without your name.

{% if may_return %}{% if decision_outcome %}The {{ authors }} have been asked to revise it; you{% else %}You{% endif %} may be invited to read the revised version.{% else %}There is nothing more for you to do. Please delete any copy of the {{ manuscript }} you kept.{% endif %}

${signOff}`,
  html: null,
});

export const decisionKinds = [...Object.values(letterKinds), reviewerThanksKind];

/** The draft of a letter in the venue's words (the editor edits it before it is sent). */
export function letterDraft(outcome: DecisionOutcome, to: Recipient, s: AboutSubmission & { reviews: string }) {
  return draftOf(letterKinds[outcome], {
    venueId: s.venueId,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    values: {
      name: to.name,
      code: s.code,
      title: s.title,
      call: s.callTitle,
      link: s.link,
      reviews: s.reviews,
      ...venueValues(s.venueName, s.venueKind),
    },
  });
}

/**
 * `mayReturn`: the editors asked for a revision, and the next round invites the previous reviewers
 * by default, so the reviewer is not told to delete their copy and be done.
 */
export function reviewerThanksMail(
  to: Recipient,
  work: AboutReviewedWork,
  outcomeWords: string | null,
  mayReturn: boolean,
) {
  return draftOf(reviewerThanksKind, {
    venueId: work.venueId,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    values: { ...workValues(to, work), decision_outcome: outcomeWords ?? '', may_return: mayReturn },
  });
}
