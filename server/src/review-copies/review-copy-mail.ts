import type { OutgoingMail } from '@gaps/workers/shared';
import { venueWords } from '../venues/venue-words.ts';
import type { LeakFinding } from './review-copy.repository.ts';

export function returnForAnonymisationMail(r: {
  to: { id: string; name: string; email: string };
  code: string;
  title: string;
  venueKind: string;
  findings: LeakFinding[];
  message: string;
}): OutgoingMail {
  const words = venueWords(r.venueKind);
  const listed = r.findings.length
    ? `We found these places where your ${words.manuscript} may identify you:\n\n${r.findings
        .slice(0, 30)
        .map((f) => `  - page ${f.page}: "${f.text}"`)
        .join('\n')}${r.findings.length > 30 ? `\n  - and ${r.findings.length - 30} more` : ''}\n\n`
    : '';
  return {
    to: r.to.email,
    personId: r.to.id,
    template: 'submission.return_for_anonymisation',
    subject: `Please send an anonymised version of ${r.code}`,
    text: `Dear ${r.to.name},

Thank you for your ${words.submission} ${r.code}, "${r.title}". The ${words.reviewers} must not be able to tell who wrote it, so before it can go to them we need a version that does not identify you (or the people and organisations you describe).

${listed}${r.message ? `A note from the editor:\n${r.message}\n\n` : ''}Please remove your name, contact details, institution and any phrases such as "in my previous work (Your Name, 2020)" from the ${words.manuscript}, save it as PDF again, and upload it on your ${words.submission}'s page under "My submissions". Then press "Send again".

GAPS Submissions`,
  };
}
