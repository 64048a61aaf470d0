// The reminders to a reviewer (or judge). Built from `AboutReviewedWork` only, like every message
// to a reviewer: no field for an author, so no reminder can name one.
import type { OutgoingMail } from '@gaps/workers/shared';
import { venueWords } from '../venues/venue-words.ts';
import type { AboutReviewedWork } from './reviewer-mail.ts';
import { dateTimeFor, type Recipient, signOff } from './words.ts';

export type ReviewerReminderKind = 'invitation_reminder' | 'due_soon' | 'overdue';

export interface ReminderFacts extends AboutReviewedWork {
  kind: ReviewerReminderKind;
  dueAt: Date | null;
  respondBy: Date | null;
  /** A fresh link to the invitation page (answer, read, write), for this reviewer alone. */
  link: string;
  assignmentId: string;
}

export function reminderMail(to: Recipient, work: ReminderFacts): OutgoingMail {
  const words = venueWords(work.venueKind);
  const judging = work.venueKind === 'award';
  const yours = judging ? 'your scores' : 'your review';
  const due = work.dueAt ? dateTimeFor(work.dueAt, to.timeZone) : 'the date the editors set';
  const [template, subject, ask] = (() => {
    switch (work.kind) {
      case 'invitation_reminder':
        return [
          'reminder.invitation',
          `Reminder: would you ${judging ? 'judge' : 'review'} ${work.code}?`,
          `We have not yet had your answer to our invitation to ${judging ? 'judge' : 'review'} this ${words.submission}. Please accept or decline${work.respondBy ? ` by ${dateTimeFor(work.respondBy, to.timeZone)}` : ''}; declining is fine, and lets us ask someone else in good time.`,
        ];
      case 'due_soon':
        return [
          'reminder.due_soon',
          `Reminder: ${yours} of ${work.code} is due on ${due}`,
          `A reminder that ${yours} of this ${words.submission} is due by ${due}. If you need more time, you can ask for it on the page below.`,
        ];
      default:
        return [
          'reminder.overdue',
          `Overdue: ${yours} of ${work.code}`,
          `${yours[0]?.toUpperCase()}${yours.slice(1)} of this ${words.submission} was due by ${due}. Please send it as soon as you can, or ask for more time on the page below, so that the ${words.authors} are not kept waiting.`,
        ];
    }
  })();
  return {
    to: to.email,
    personId: to.personId,
    assignmentId: work.assignmentId,
    template,
    subject,
    text: `Dear ${to.name},

${ask}

  Reference: ${work.code}
  Title: ${work.title}
  Call: ${work.callTitle}

${work.link}

The link is for you alone; please do not forward it.

${signOff(work.venueName)}`,
  };
}
