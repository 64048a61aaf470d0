// What a kind of message is: who receives it, what it may print (its variables, each with a plain
// description and a sample for the editor's preview) and its default words. Every message the
// system sends is one of these (catalogue.ts lists them); a venue may replace the words, never the
// variables, so a message can print nothing its kind was not given.
import { venueWords } from '../venues/venue-words.ts';
import type { TemplateSource } from './engine.ts';

export type Audience = 'account' | 'author' | 'reviewer' | 'editor';
export type VariableKind = 'text' | 'word' | 'date' | 'link' | 'number' | 'yes/no';
/** A value as a message gives it: dates are written in the reader's own zone when rendered. */
export type MailValue = string | number | boolean | Date | null;

export interface MailVariable {
  description: string;
  kind: VariableKind;
  /** What the preview prints. */
  sample: MailValue;
}

export interface MailKind<Name extends string = string> extends TemplateSource {
  key: string;
  audience: Audience;
  /** The message's name on the editor's page ("Receipt of a submission"). */
  title: string;
  description: string;
  variables: Record<Name, MailVariable>;
}

export function defineMailKind<const Name extends string>(kind: MailKind<Name>): MailKind<Name> {
  return kind;
}

/** A message ready to be worded: the kind, the reader, and a value for each of the kind's variables. */
export interface MailDraft<Name extends string = string> {
  kind: MailKind<Name>;
  /** Whose words to use: the venue's own, if it has them; null for site-wide messages. */
  venueId: string | null;
  to: { email: string; personId: string | null; name?: string; timeZone?: string };
  assignmentId?: string;
  values: Record<Name, MailValue>;
}

/** A draft whose values TypeScript checks against the kind's variables (no more, no fewer). */
export function draftOf<Name extends string>(kind: MailKind<Name>, rest: Omit<MailDraft<Name>, 'kind'>): MailDraft {
  return { kind, ...rest } as unknown as MailDraft;
}

/** The venue's words every venue message can use (awards have entries and judges). */
export const venueVariables = {
  venue: { description: 'The name of the journal or award', kind: 'text', sample: 'Journal of Social Work Practice' },
  judging: {
    description: 'Yes for an award (entries are judged), no for the journal: {% if judging %}…{% else %}…{% endif %}',
    kind: 'yes/no',
    sample: false,
  },
  work: {
    description: 'What the venue calls a piece of work: "submission" or "entry"',
    kind: 'word',
    sample: 'submission',
  },
  manuscript: {
    description: 'What the venue calls the file: "manuscript" or "essay"',
    kind: 'word',
    sample: 'manuscript',
  },
  reviewer: { description: '"reviewer" or "judge"', kind: 'word', sample: 'reviewer' },
  reviewers: { description: '"reviewers" or "judges"', kind: 'word', sample: 'reviewers' },
  authors: { description: '"authors" or "entrants" (the word only, never a name)', kind: 'word', sample: 'authors' },
  review: { description: 'What the reviewers do: "review" or "judging"', kind: 'word', sample: 'review' },
} satisfies Record<string, MailVariable>;

export function venueValues(venueName: string, venueKind: string) {
  const words = venueWords(venueKind);
  return {
    venue: venueName,
    judging: venueKind === 'award',
    work: words.submission,
    manuscript: words.manuscript,
    reviewer: words.reviewer,
    reviewers: words.reviewers,
    authors: words.authors,
    review: words.review,
  };
}

/** The close of every site-wide message (accounts, data protection): not a venue's. */
export const siteSignature =
  '\n\nGAPS Submissions\n(The Journal of Social Work Practice and the Clare Winnicott Essay Awards)';

/** The close of every venue message. */
export const signOff = 'With best wishes,\nThe editors, {{ venue }}\n\nGAPS Submissions';

export const readerName = {
  description: 'The name of the person the message is to',
  kind: 'text',
  sample: 'Alex Example',
} as const satisfies MailVariable;

export const sampleDate = (iso: string) => new Date(iso);
