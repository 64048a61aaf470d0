import type { OutgoingMail } from '@gaps/workers/shared';
import { venueWords } from '../venues/venue-words.ts';

export function receiptMail(r: {
  to: { name: string; email: string };
  personId: string;
  code: string;
  title: string;
  callTitle: string;
  submittedAt: Date;
  timeZone: string;
  nextSteps: string;
  venueKind: string;
}): OutgoingMail {
  const { submission } = venueWords(r.venueKind);
  const when = r.submittedAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: r.timeZone });
  return {
    to: r.to.email,
    personId: r.personId,
    template: 'submission.receipt',
    subject: `We have received your ${submission} ${r.code}`,
    text: `Dear ${r.to.name},

Thank you. We received your ${submission} on ${when} (${r.timeZone} time).

  Reference: ${r.code}
  Title: ${r.title}
  Call: ${r.callTitle}

Please quote the reference ${r.code} if you contact us about it.

What happens next: ${r.nextSteps}

You can follow its progress under "My submissions" when you sign in.

GAPS Submissions`,
  };
}
