// "What happens next", in plain words, for the author's page and the receipt e-mail. It promises
// only the e-mails the system sends (the receipt; gone to reviewers or judges; returned for
// changes; not sent on): decisions are not recorded yet, so no page promises one by e-mail.
import { venueWords } from '../venues/venue-words.ts';

const londonDate = (date: Date, timeZone: string) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });

export function nextStepsText(s: {
  status: string;
  venueKind: string;
  deadlineAt: Date | null;
  decisionDueAt: Date | null;
  timeZone: string;
}): string {
  const words = venueWords(s.venueKind);
  switch (s.status) {
    case 'draft':
      return s.deadlineAt
        ? `Your draft is saved. Submit it before ${s.deadlineAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: s.timeZone })} (${s.timeZone} time).`
        : 'Your draft is saved. Submit it when you are ready; this call has no deadline.';
    case 'submitted':
    case 'screening':
      if (s.venueKind === 'award') {
        const by = s.decisionDueAt ? ` The judges plan to decide by ${londonDate(s.decisionDueAt, s.timeZone)}.` : '';
        return `We have your entry. The editors check each entry first; then it goes to the judges, who read it without knowing who you are.${by} We will e-mail you when it goes to the judges, or if the editors decide not to send it to them.`;
      }
      return 'We have your submission. An editor checks it first; if it suits the journal, it goes to reviewers who do not know who you are. We will e-mail you when it goes to reviewers, or if the editor decides not to send it for review.';
    case 'in_review':
      if (s.venueKind === 'award')
        return 'The judges are reading your entry without knowing who you are. There is nothing you need to do meanwhile; you can follow it on this page.';
      return 'Reviewers are reading your work without knowing who you are. This usually takes six to eight weeks. There is nothing you need to do meanwhile; you can follow it on this page.';
    case 'revision_requested':
      return `The editor has asked you to change your ${words.submission} before it can go further. Read their message below (we e-mailed it to you too), then upload your changed ${words.manuscript}.`;
    case 'decided':
      return s.venueKind === 'award' ? 'The judges have made their decision.' : 'The editors have made their decision.';
    case 'desk_rejected':
      return s.venueKind === 'award'
        ? 'The editors decided not to send this entry to the judges. Their reason is below; we e-mailed it to you too.'
        : 'The editor decided not to send this submission for review. Their reason is below; we e-mailed it to you too.';
    case 'withdrawn':
      return `You withdrew this ${words.submission}. Nothing more will happen to it.`;
    default:
      return '';
  }
}
