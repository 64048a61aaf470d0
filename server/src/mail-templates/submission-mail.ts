// The words of every e-mail about a submission, one typed function per kind of message. Plain
// text: it reads well in any mail program. Every message here goes to the authors of the work
// (it may name them); nothing here is ever sent to a reviewer or a judge.
import type { LeakFinding } from '@gaps/workers/contracts';
import type { OutgoingMail } from '@gaps/workers/shared';
import { dateTimeFor, nouns, type Recipient, signOff, type VenueKind } from './words.ts';

export interface AboutSubmission {
  code: string;
  title: string;
  callTitle: string;
  venueName: string;
  venueKind: VenueKind;
  /** The submission's page, where the author follows it. */
  link: string;
}

const mail = (to: Recipient, template: string, subject: string, text: string): OutgoingMail => ({
  to: to.email,
  personId: to.personId,
  template,
  subject,
  text,
});

const facts = (s: AboutSubmission) => `  Reference: ${s.code}\n  Title: ${s.title}\n  Call: ${s.callTitle}`;

export function receiptMail(to: Recipient, s: AboutSubmission & { submittedAt: Date; nextSteps: string }) {
  return mail(
    to,
    'submission.receipt',
    `We have received your ${nouns(s.venueKind).work} ${s.code}`,
    `Dear ${to.name},

Thank you. We received your ${nouns(s.venueKind).work} on ${dateTimeFor(s.submittedAt, to.timeZone)}.

${facts(s)}

Please quote the reference ${s.code} if you contact us about it.

What happens next: ${s.nextSteps}

You can follow its progress here (sign in first): ${s.link}

${signOff(s.venueName)}`,
  );
}

/** To each co-author (not the one who sent it): a copy of the receipt and a link to confirm. */
export function coAuthorReceiptMail(
  to: Recipient,
  s: AboutSubmission & { submittedAt: Date; submitterName: string; confirmLink: string; linkDays: number },
) {
  const { work } = nouns(s.venueKind);
  return mail(
    to,
    'submission.co_author_receipt',
    `You are named as an author of ${s.code}`,
    `Dear ${to.name},

${s.submitterName} has sent a ${work} that names you as one of its authors. We received it on ${dateTimeFor(s.submittedAt, to.timeZone)}.

${facts(s)}

Please confirm that you are an author by opening this link and pressing "Confirm":

${s.confirmLink}

The link works for ${s.linkDays} days. If you have an account with this e-mail address (or create one), you can also follow the ${work} under "My submissions". Only ${s.submitterName} can change or withdraw it.

If you are not an author of this work, do not confirm; please tell the editors (quote the reference ${s.code}).

${signOff(s.venueName)}`,
  );
}

export function sentToReviewMail(to: Recipient, s: AboutSubmission & { sentAt: Date }) {
  const { work, readers } = nouns(s.venueKind);
  const judged = s.venueKind === 'award';
  return mail(
    to,
    'submission.sent_to_review',
    judged ? `Your entry ${s.code} has gone to the judges` : `Your submission ${s.code} has gone to reviewers`,
    `Dear ${to.name},

Your ${work} ${s.code}, "${s.title}", passed the editors' first check and went to ${readers} on ${dateTimeFor(s.sentAt, to.timeZone)}. They read the anonymised copy, so they do not know who you are.

${judged ? '' : 'Review usually takes six to eight weeks. '}There is nothing you need to do meanwhile.

You can follow it here (sign in first): ${s.link}

${signOff(s.venueName)}`,
  );
}

export function deskRejectedMail(to: Recipient, s: AboutSubmission & { reason: string }) {
  const { work, readers } = nouns(s.venueKind);
  return mail(
    to,
    'submission.desk_rejected',
    `Your ${work} ${s.code}: the editors' decision`,
    `Dear ${to.name},

Thank you for sending us your ${work} ${s.code}, "${s.title}". The editors have read it and decided not to send it to ${readers}, so it will not go further in this call.

The editor's reason:

${s.reason}

The reason is also on the ${work}'s page: ${s.link}

${signOff(s.venueName)}`,
  );
}

export function returnedForChangesMail(
  to: Recipient,
  s: AboutSubmission & { findings: LeakFinding[]; message: string },
) {
  const { work, readers, manuscript } = nouns(s.venueKind);
  const listed = s.findings.length
    ? `We found these places where your ${manuscript} may identify you:\n\n${s.findings
        .slice(0, 30)
        .map((f) => `  - page ${f.page}: "${f.text}"`)
        .join('\n')}${s.findings.length > 30 ? `\n  - and ${s.findings.length - 30} more` : ''}\n\n`
    : '';
  return mail(
    to,
    'submission.return_for_anonymisation',
    `Please send an anonymised version of ${s.code}`,
    `Dear ${to.name},

Thank you for your ${work} ${s.code}, "${s.title}". ${readers[0]!.toUpperCase()}${readers.slice(1)} must not be able to tell who wrote it, so before it can go to them we need a version that does not identify you (or the people and organisations you describe).

${listed}${s.message ? `A note from the editor:\n${s.message}\n\n` : ''}Please remove your name, contact details, institution and any phrases such as "in my previous work (Your Name, 2020)" from the ${manuscript}, save it as PDF again, and upload it on its page (the message and the list are there too):

${s.link}

Then press "Send again". Your reference code stays the same.

${signOff(s.venueName)}`,
  );
}
