// The message to an award entrant whose essay the editors moved into the journal (awards/journal/).
// It is the journal's message (its venue words and sign-off), to the entrant only.
import { defineMailKind, draftOf, readerName, signOff, venueValues, venueVariables } from './mail-kind.ts';
import type { Recipient } from './words.ts';

export interface MovedEssay {
  /** The journal venue. */
  venueId: string;
  venueName: string;
  code: string;
  title: string;
  awardName: string;
  awardCode: string;
  /** The journal submission's page. */
  link: string;
}

export const movedToJournalKind = defineMailKind({
  key: 'award.moved_to_journal',
  audience: 'author',
  title: 'Award essay moved into the journal',
  description:
    'Sent to an award entrant who offered their essay to the journal, when the editors have moved it in as a journal submission.',
  variables: {
    name: readerName,
    code: {
      description: 'The journal submission’s reference, e.g. JSWP-2027-0001',
      kind: 'text',
      sample: 'JSWP-2027-0001',
    },
    title: { description: 'The title of the essay', kind: 'text', sample: 'Holding the frame' },
    award: { description: 'The award and its year', kind: 'text', sample: 'Clare Winnicott Essay Awards 2026' },
    award_code: { description: 'The award entry’s reference', kind: 'text', sample: 'CWEA-2026-017' },
    link: {
      description: 'The journal submission’s page',
      kind: 'link',
      sample: 'https://submissions.example.org/submissions/sample',
    },
    ...venueVariables,
  },
  subject: 'Your essay is now a submission to the {{ venue }}: {{ code }}',
  text: `Dear {{ name }},

As you agreed, the editors have offered your essay "{{ title }}" from the {{ award }} ({{ award_code }}) to the {{ venue }}. It is now a journal submission with the reference {{ code }}.

It goes through the journal's own anonymous peer review: reviewers will read an anonymised copy, and the editors will write to you with their decision. The journal may ask you for changes before it publishes.

You can follow it here (sign in first): {{ link }}

${signOff}`,
  html: null,
});

export function movedToJournalMail(to: Recipient, essay: MovedEssay) {
  return draftOf(movedToJournalKind, {
    venueId: essay.venueId,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    values: {
      ...venueValues(essay.venueName, 'journal'),
      name: to.name,
      code: essay.code,
      title: essay.title,
      award: essay.awardName,
      award_code: essay.awardCode,
      link: essay.link,
    },
  });
}

export const awardJournalKinds = [movedToJournalKind];
