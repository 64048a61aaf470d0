// The award results, one message per entrant when the chair announces: to winners, to the
// commended, and to every other entrant of the call. Each names only the reader's own entry and
// outcome: never another entrant, and no marks or ranks (the panel's numbers stay with the panel).

import type { AwardOutcome } from '../blinding/project-award-ranking.ts';
import { defineMailKind, draftOf, signOff, venueValues } from './mail-kind.ts';
import { type AboutSubmission, submissionVariables } from './submission-mail.ts';
import type { Recipient } from './words.ts';

const categoryVariable = {
  category: {
    description: 'The category the entry was in (empty when the call has none)',
    kind: 'text',
    sample: 'Student',
  },
} as const;

const inCategory = '{% if category %} in the {{ category }} category{% endif %}';

export const awardWinnerKind = defineMailKind({
  key: 'award.winner',
  audience: 'author',
  title: 'Award won',
  description: 'Sent to each winner when the panel’s chair announces the results.',
  variables: { ...submissionVariables, ...categoryVariable },
  subject: 'Your entry {{ code }} has won{% if category %} the {{ category }} award{% endif %}',
  text: `Dear {{ name }},

We are delighted to tell you that your entry {{ code }}, "{{ title }}", has won {{ call }}${inCategory}. Congratulations!

The judges read every entry anonymously, and yours stood out. The editors will write to you soon about the award and what happens next.

You can see the result on your entry's page (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export const awardCommendedKind = defineMailKind({
  key: 'award.commended',
  audience: 'author',
  title: 'Entry commended',
  description: 'Sent to each commended entrant when the panel’s chair announces the results.',
  variables: { ...submissionVariables, ...categoryVariable },
  subject: 'Your entry {{ code }} has been commended',
  text: `Dear {{ name }},

We are pleased to tell you that the judges of {{ call }} have commended your entry {{ code }}, "{{ title }}"${inCategory}. It did not win this year, but the judges wanted it recognised.

Thank you for writing it and for sharing it with us.

You can see the result on your entry's page (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export const awardNotPlacedKind = defineMailKind({
  key: 'award.not_placed',
  audience: 'author',
  title: 'Results to other entrants',
  description: 'Sent to every other entrant of the call when the results are announced.',
  variables: {
    ...submissionVariables,
    ...categoryVariable,
    shortlisted: { description: 'Yes if the judges shortlisted the entry', kind: 'yes/no', sample: false },
  },
  subject: 'The results of {{ call }}',
  text: `Dear {{ name }},

Thank you for entering {{ call }} with your entry {{ code }}, "{{ title }}". The judges have now chosen the winners, and we are sorry to tell you that your entry was not among them this time.{% if shortlisted %} It was shortlisted: the judges thought highly of it.{% endif %}

The judges read every entry anonymously and with care, and the choice was not easy. Writing about practice takes courage, and we hope you will keep writing and enter again.

You can see the result on your entry's page (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export const awardKinds = [awardWinnerKind, awardCommendedKind, awardNotPlacedKind];

/** The message for one entrant's outcome. */
export function awardResultMail(
  to: Recipient,
  s: AboutSubmission & { outcome: AwardOutcome; category: string | null },
) {
  const rest = { venueId: s.venueId, to: { email: to.email, personId: to.personId, timeZone: to.timeZone } };
  const values = {
    name: to.name,
    code: s.code,
    title: s.title,
    call: s.callTitle,
    link: s.link,
    category: s.category ?? '',
    ...venueValues(s.venueName, s.venueKind),
  };
  if (s.outcome === 'winner') return draftOf(awardWinnerKind, { ...rest, values });
  if (s.outcome === 'commended') return draftOf(awardCommendedKind, { ...rest, values });
  return draftOf(awardNotPlacedKind, { ...rest, values: { ...values, shortlisted: s.outcome === 'shortlisted' } });
}
