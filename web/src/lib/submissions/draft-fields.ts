// The draft's fields as the author types them, in the groups the autosave sends, and each group's
// value two ways: as the API takes it, and as typed (what sessionStorage keeps).
import { email } from '@gaps/server/validation';
import type { Call } from '../api/types.ts';
import { splitList, wholeNumber } from '../forms/validate.ts';

export type FieldGroup =
  | 'categoryId'
  | 'title'
  | 'abstract'
  | 'keywords'
  | 'authors'
  | 'declarations'
  | 'applicationForm';

export interface AuthorRow {
  /** Stable across edits, for keyed lists. */
  key: number;
  name: string;
  email: string;
  affiliation: string;
  orcid: string;
  /** The person submitting: always an author, always written to. */
  isYou: boolean;
}

/** The draft as typed, and the call it is for. */
export interface DraftValues {
  readonly call: Call | null;
  categoryId: string | null;
  title: string;
  abstract: string;
  keywords: string;
  authors: AuthorRow[];
  confirmed: string[];
  wordCount: string;
  applicationForm: Record<string, string>;
}

/** The API's own e-mail rule (@gaps/server/validation), for checks before sending. */
export const isEmail = (value: string) => email.safeParse(value).success;

/** The group's value as the API takes it. */
export function patchValue(draft: DraftValues, group: FieldGroup): unknown {
  switch (group) {
    case 'categoryId':
      return draft.categoryId;
    case 'title':
      return draft.title;
    case 'abstract':
      return draft.abstract;
    case 'keywords':
      return splitList(draft.keywords);
    case 'authors':
      // Rows still missing a name or an e-mail address stay on the page until they are complete.
      return draft.authors
        .filter((row) => row.isYou || (row.name.trim() && isEmail(row.email.trim())))
        .map((row) => ({
          name: row.name.trim(),
          email: row.email.trim().toLowerCase(),
          affiliation: row.affiliation.trim() || null,
          // The API upper-cases the ORCID iD itself (its x may be typed either way).
          orcid: row.orcid.trim() || null,
        }));
    case 'declarations':
      return { confirmed: [...draft.confirmed], wordCount: parseCount(draft.wordCount) };
    case 'applicationForm': {
      const keys = new Set(draft.call?.applicationFormFields.map((field) => field.key) ?? []);
      return Object.fromEntries(Object.entries(draft.applicationForm).filter(([key]) => keys.has(key)));
    }
  }
}

/** The value as typed, which is what sessionStorage keeps and what a reload puts back. */
export function keptValue(draft: DraftValues, group: FieldGroup): unknown {
  switch (group) {
    case 'keywords':
      return draft.keywords;
    case 'authors':
      return draft.authors.map(({ key: _key, ...row }) => ({ ...row }));
    case 'declarations':
      return { confirmed: [...draft.confirmed], wordCount: draft.wordCount };
    case 'applicationForm':
      return { ...draft.applicationForm };
    default:
      return patchValue(draft, group);
  }
}

/** The word count as a number, or null unless typed in digits; its limits are the API's (see draft-checks.ts). */
export const parseCount = wholeNumber;
