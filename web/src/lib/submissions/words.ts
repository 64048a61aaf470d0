// The system's states and settings in the plain words authors and editors read on the pages.
import type { BlindMode, Call, SubmissionState, VenueKind, WizardStep } from '../api/types.ts';
import { venueWords } from '../venues/venue-words.ts';

function stateWords(kind: VenueKind | undefined): Record<SubmissionState, string> {
  const words = venueWords(kind);
  return {
    draft: 'Draft — not sent yet',
    submitted: 'Received',
    screening: 'Being checked by the editor',
    in_review: `With ${words.reviewers}`,
    revision_requested: 'Waiting for your changes',
    decided: 'Decision made',
    withdrawn: 'Withdrawn',
    desk_rejected: `Not sent for ${words.review}`,
  };
}

/** Editors read the same states from the other side of the desk. */
function editorStateWords(kind: VenueKind | undefined): Record<SubmissionState, string> {
  return {
    ...stateWords(kind),
    draft: 'Draft (not sent yet)',
    revision_requested: `Back with the ${venueWords(kind).author}`,
  };
}

/** A state in words; without a venue kind (a list of several venues' states) the journal's words. */
export function stateLabel(state: string, viewer: 'author' | 'editor' = 'author', venueKind?: VenueKind): string {
  const words = viewer === 'editor' ? editorStateWords(venueKind) : stateWords(venueKind);
  return words[state as SubmissionState] ?? state.replaceAll('_', ' ');
}

export const queueStates: SubmissionState[] = [
  'submitted',
  'screening',
  'in_review',
  'revision_requested',
  'decided',
  'desk_rejected',
  'withdrawn',
  'draft',
];

function timelineWords(kind: VenueKind | undefined): Record<SubmissionState, string> {
  const words = venueWords(kind);
  return {
    draft: 'Back to draft',
    submitted: 'Sent and received',
    screening: 'The editor started checking it',
    in_review: `Sent to ${words.reviewers}`,
    revision_requested: `Sent back to the ${words.author} for changes`,
    decided: 'Decision made',
    withdrawn: 'Withdrawn',
    desk_rejected: `Not sent for ${words.review}`,
  };
}

const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * One timeline entry in plain words. `format` shows an instant in the viewer's zone: the API
 * quotes some instants inside its text (an extension's new deadline).
 */
export function timelineText(
  entry: { what: string; state?: string },
  format: (iso: string) => string,
  venueKind?: VenueKind,
): string {
  if (entry.state) return timelineWords(venueKind)[entry.state as SubmissionState] ?? entry.what;
  return withLocalTimes(entry.what, format);
}

/** The API's words with each instant they quote shown by `format` (in the viewer's zone). */
export function withLocalTimes(text: string, format: (iso: string) => string): string {
  return text.replace(isoInstant, (iso) => format(iso));
}

/** The wizard's step names in the venue's words: an award's entrant uploads an essay. */
export function stepLabels(venueKind?: VenueKind): Record<WizardStep, string> {
  const words = venueWords(venueKind);
  return {
    call: 'Call and category',
    details: 'Title, abstract and keywords',
    authors: 'Authors',
    declarations: 'Declarations and word count',
    application: 'Application form',
    manuscript: `Upload your ${words.manuscript}`,
    review: 'Check and submit',
  };
}

export function blindModeText(mode: BlindMode, venueKind: VenueKind): string {
  const readers = venueWords(venueKind).reviewers;
  switch (mode) {
    case 'double':
      return `Anonymous: the ${readers} will not see your name, and you will not see theirs. Leave your name out of the file you upload.`;
    case 'single':
      return `The ${readers} will see your name, but you will not see theirs.`;
    default:
      return 'Open: the editors read your work knowing who you are.';
  }
}

export function whatToSend(venueKind: VenueKind): string {
  switch (venueKind) {
    case 'award':
      return 'An essay, as a PDF file.';
    case 'website':
      return 'A short article, as a PDF file.';
    default:
      return 'A paper, as a PDF file.';
  }
}

/** The call's rules as short sentences, in the order an author needs them. */
export function callRules(call: Call): Array<{ term: string; text: string }> {
  const rules: Array<{ term: string; text: string }> = [{ term: 'What to send', text: whatToSend(call.venue.kind) }];
  if (call.categories.length > 0) {
    rules.push({
      term: 'Categories',
      text: `Choose one: ${call.categories.map((c) => (c.description ? `${c.name} (${c.description.replace(/\.$/, '')})` : c.name)).join('; ')}.`,
    });
  }
  const limits: string[] = [];
  if (call.wordLimit) limits.push(`up to ${call.wordLimit.toLocaleString('en-GB')} words`);
  if (call.pageLimit) limits.push(`up to ${call.pageLimit.toLocaleString('en-GB')} pages`);
  if (limits.length) rules.push({ term: 'Length', text: `${sentenceCase(limits.join(' and '))}.` });
  if (call.singleAuthor) rules.push({ term: 'Authors', text: 'One author only: you write it on your own.' });
  rules.push({ term: 'Who sees your name', text: blindModeText(call.blindMode, call.venue.kind) });
  if (call.applicationFormFields.length > 0) {
    rules.push({
      term: 'Application form',
      text: `A short form about you, kept apart from your writing and never shown to the ${venueWords(call.venue.kind).reviewers}.`,
    });
  }
  rules.push({ term: 'Fees', text: call.feeNote?.trim() || 'There is nothing to pay.' });
  return rules;
}

function sentenceCase(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** "2.4 MB", "830 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** What a finding is, in the venue's words ("Entrant’s name" for an award). */
export function leakKindLabel(kind: string, venueKind?: VenueKind): string {
  if (kind === 'name') return `${sentenceCase(venueWords(venueKind).author)}’s name`;
  return leakKinds[kind] ?? kind;
}

export const leakKinds: Record<string, string> = {
  name: 'Author’s name',
  email: 'E-mail address',
  affiliation: 'Affiliation',
  orcid: 'ORCID iD',
  email_domain: 'E-mail domain',
  self_reference: 'Refers to the author’s own work',
  acknowledgement: 'Acknowledgements',
};

/** "Clare Winnicott Essay Awards 2027", not "Clare Winnicott Essay Awards: Clare Winnicott Essay Awards 2027". */
export function callLabel(venueName: string, callTitle: string): string {
  return callTitle.toLowerCase().startsWith(venueName.toLowerCase()) ? callTitle : `${venueName}: ${callTitle}`;
}
