// What still stands between a draft and "Submit", in the author's words, step by step.
import { venueWords } from '../venues/venue-words.ts';

export type WizardStep = 'call' | 'details' | 'authors' | 'declarations' | 'application' | 'manuscript';

export interface MissingItem {
  step: WizardStep;
  field: string;
  message: string;
}

export interface DraftFacts {
  /** The venue's kind: an award's entrant uploads an essay, the journal's author a manuscript. */
  venueKind: string;
  categories: Array<{ id: string }>;
  categoryId: string | null;
  title: string;
  abstract: string;
  keywords: string[];
  authorCount: number;
  singleAuthor: boolean;
  declarations: Array<{ key: string; text: string }>;
  confirmed: string[];
  wordLimit: number | null;
  declaredWordCount: number | null;
  applicationFields: Array<{ key: string; label: string; required: boolean }>;
  applicationAnswers: Record<string, string>;
  manuscriptCount: number;
}

export function missingItems(draft: DraftFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  const { manuscript } = venueWords(draft.venueKind);
  const add = (step: WizardStep, field: string, message: string) => missing.push({ step, field, message });
  if (draft.categories.length > 0 && !draft.categoryId)
    add('call', 'categoryId', 'Choose the category you are entering.');
  if (draft.title.trim().length < 3) add('details', 'title', 'Give your work a title.');
  if (draft.abstract.trim().length < 20)
    add('details', 'abstract', 'Write a short abstract (a summary of a few sentences).');
  if (draft.keywords.length === 0) add('details', 'keywords', 'Add at least one keyword.');
  if (draft.authorCount === 0) add('authors', 'authors', 'List yourself as the author.');
  if (draft.singleAuthor && draft.authorCount > 1)
    add('authors', 'authors', 'This call takes work by a single author only.');
  for (const declaration of draft.declarations) {
    if (!draft.confirmed.includes(declaration.key))
      add('declarations', declaration.key, `Confirm: “${declaration.text}”`);
  }
  if (draft.wordLimit !== null) {
    if (draft.declaredWordCount === null)
      add('declarations', 'wordCount', `Tell us how many words your ${manuscript} has.`);
    else if (draft.declaredWordCount > draft.wordLimit) {
      add(
        'declarations',
        'wordCount',
        `Your ${manuscript} is over the limit of ${draft.wordLimit.toLocaleString('en-GB')} words.`,
      );
    }
  }
  for (const field of draft.applicationFields) {
    if (field.required && !draft.applicationAnswers[field.key]?.trim())
      add('application', field.key, `Fill in “${field.label}” on the application form.`);
  }
  if (draft.manuscriptCount === 0) add('manuscript', 'manuscript', `Upload your ${manuscript} as a PDF.`);
  return missing;
}
