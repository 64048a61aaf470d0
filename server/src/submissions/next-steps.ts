// "What happens next", in plain words, for the author's page and the receipt e-mail.
const londonDate = (date: Date, timeZone: string) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });

export function nextStepsText(s: {
  status: string;
  venueKind: string;
  deadlineAt: Date | null;
  decisionDueAt: Date | null;
  timeZone: string;
}): string {
  switch (s.status) {
    case 'draft':
      return s.deadlineAt
        ? `Your draft is saved. Submit it before ${s.deadlineAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: s.timeZone })} (${s.timeZone} time).`
        : 'Your draft is saved. Submit it when you are ready; this call has no deadline.';
    case 'submitted':
    case 'screening':
      if (s.venueKind === 'award') {
        const by = s.decisionDueAt ? ` The judges will decide by ${londonDate(s.decisionDueAt, s.timeZone)}.` : '';
        return `We have your entry. After the deadline, the award panel checks each entry and the judges read it anonymously.${by} We will e-mail you the result.`;
      }
      return 'We have your submission. An editor checks it first (usually within two weeks); if it suits the journal, it is sent to two reviewers who do not know who you are. We will e-mail you when it goes to reviewers, or if the editor decides not to send it for review.';
    case 'in_review':
      if (s.venueKind === 'award')
        return 'The judges are reading your entry anonymously. We will e-mail you the result.';
      return 'Reviewers are reading your work. This usually takes six to eight weeks; we will e-mail you when there is a decision.';
    case 'revision_requested':
      return 'The editor has asked you to change your work before it can go further. Read their message below (we e-mailed it to you too), then upload your changed manuscript.';
    case 'decided':
      return 'A decision has been made; you can read it in the e-mail we sent you.';
    case 'desk_rejected':
      return s.venueKind === 'award'
        ? 'The editors decided not to send this entry to the judges. Their reason is below; we e-mailed it to you too.'
        : 'The editor decided not to send this submission for review. Their reason is below; we e-mailed it to you too.';
    case 'withdrawn':
      return 'You withdrew this submission. Nothing more will happen to it.';
    default:
      return '';
  }
}
