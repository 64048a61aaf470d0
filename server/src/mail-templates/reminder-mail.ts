// The reminders to a reviewer (or judge). Built from `AboutReviewedWork` only, like every message
// to a reviewer (see reviewer-mail.ts): no value for an author exists, so no reminder can name one.
import { defineMailKind, draftOf, type MailKind, signOff } from './mail-kind.ts';
import { type AboutReviewedWork, aboutWorkVariables, reviewerVariables, workValues } from './reviewer-mail.ts';
import type { Recipient } from './words.ts';

export type ReviewerReminderKind = 'invitation_reminder' | 'due_soon' | 'overdue';

export interface ReminderFacts extends AboutReviewedWork {
  kind: ReviewerReminderKind;
  dueAt: Date | null;
  respondBy: Date | null;
  /** A fresh link to the invitation page (answer, read, write), for this reviewer alone. */
  link: string;
  assignmentId: string;
}

const variables = {
  ...aboutWorkVariables,
  due_at: reviewerVariables.due_at,
  respond_by: reviewerVariables.respond_by,
  link: reviewerVariables.link,
} as const;

const body = (ask: string) => `Dear {{ name }},

${ask}

  Reference: {{ code }}
  Title: {{ title }}
  Call: {{ call }}

{{ link }}

The link is for you alone; please do not forward it.

${signOff}`;

const due = '{{ due_at | default: "the date the editors set" }}';
const yours = '{% if judging %}your scores{% else %}your review{% endif %}';
const Yours = '{% if judging %}Your scores{% else %}Your review{% endif %}';
const reviewVerb = '{% if judging %}judge{% else %}review{% endif %}';

export const invitationReminderKind = defineMailKind({
  key: 'reminder.invitation',
  audience: 'reviewer',
  title: 'Reminder: invitation not answered',
  description:
    'Sent to someone who has not yet accepted or declined an invitation (by default 5 and 10 days after it).',
  variables,
  subject: `Reminder: would you ${reviewVerb} {{ code }}?`,
  text: body(
    `We have not yet had your answer to our invitation to ${reviewVerb} this {{ work }}. Please accept or decline{% if respond_by %} by {{ respond_by }}{% endif %}; declining is fine, and lets us ask someone else in good time.`,
  ),
  html: null,
});

export const dueSoonKind = defineMailKind({
  key: 'reminder.due_soon',
  audience: 'reviewer',
  title: 'Reminder: review due soon',
  description: 'Sent before a review is due (by default 7 days and 1 day before).',
  variables,
  subject: `Reminder: ${yours} of {{ code }} is due on ${due}`,
  text: body(
    `A reminder that ${yours} of this {{ work }} is due by ${due}. If you need more time, you can ask for it on the page below.`,
  ),
  html: null,
});

export const overdueKind = defineMailKind({
  key: 'reminder.overdue',
  audience: 'reviewer',
  title: 'Reminder: review overdue',
  description: 'Sent after a review’s due date (by default the day after, then every 7 days, 3 times at most).',
  variables,
  subject: `Overdue: ${yours} of {{ code }}`,
  text: body(
    `${Yours} of this {{ work }} was due by ${due}. Please send it as soon as you can, or ask for more time on the page below, so that the {{ authors }} are not kept waiting.`,
  ),
  html: null,
});

export const reminderKinds = [invitationReminderKind, dueSoonKind, overdueKind];

const kindOf: Record<ReviewerReminderKind, MailKind<keyof typeof variables>> = {
  invitation_reminder: invitationReminderKind,
  due_soon: dueSoonKind,
  overdue: overdueKind,
};

export function reminderMail(to: Recipient, work: ReminderFacts) {
  return draftOf(kindOf[work.kind], {
    venueId: work.venueId,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    assignmentId: work.assignmentId,
    values: { ...workValues(to, work), due_at: work.dueAt, respond_by: work.respondBy, link: work.link },
  });
}
