// The checks on a draft: what the API would refuse, which groups such a problem holds back from
// saving, and the names the error summary gives the fields.
import { orcid } from '@gaps/server/validation';
import { ORCID_EXAMPLE, splitList } from '../forms/validate.ts';
import { type DraftValues, type FieldGroup, isEmail, parseCount } from './draft-fields.ts';

/**
 * What the API would refuse. Not what is merely unfinished: a draft may be incomplete, and the
 * check-and-submit step lists what is still needed.
 */
export function findErrors(draft: DraftValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.wordCount.trim() && parseCount(draft.wordCount) === null) {
    errors['declarations-wordCount'] = 'Write the number of words in digits, like 3200.';
  }
  const keywords = splitList(draft.keywords);
  if (keywords.length > 12) errors.keywords = 'Use at most 12 keywords.';
  else if (keywords.some((keyword) => keyword.length > 60)) errors.keywords = 'Keep each keyword under 60 characters.';
  if (draft.title.length > 300) errors.title = 'Keep the title under 300 characters.';
  if (draft.abstract.length > 5000) errors.abstract = 'Keep the abstract under 5,000 characters.';
  const seen = new Set<string>();
  draft.authors.forEach((row, index) => {
    const name = `authors-${index}`;
    const email = row.email.trim().toLowerCase();
    if (row.isYou && !row.name.trim()) errors[`${name}-name`] = 'Write your name.';
    if (!row.isYou && email && !isEmail(email)) {
      errors[`${name}-email`] = 'Enter an e-mail address, like name@example.org.';
    }
    if (row.orcid.trim() && !orcid.safeParse(row.orcid.trim().toUpperCase()).success) {
      errors[`${name}-orcid`] = `Write the ORCID iD as four groups of four digits, like ${ORCID_EXAMPLE}.`;
    }
    if (email && seen.has(email)) errors[`${name}-email`] = 'Each author needs a different e-mail address.';
    if (email) seen.add(email);
  });
  for (const field of draft.call?.applicationFormFields ?? []) {
    const value = draft.applicationForm[field.key] ?? '';
    const name = `applicationForm-${field.key}`;
    if (value.length > 2000) errors[name] = 'Keep this under 2,000 characters.';
    else if (field.type === 'email' && value.trim() && !isEmail(value.trim())) {
      errors[name] = 'Enter an e-mail address, like name@example.org.';
    }
  }
  return errors;
}

/** Which group a field's problem holds back from saving. */
export function heldBy(group: FieldGroup, errors: Record<string, string>): boolean {
  const names = Object.keys(errors);
  switch (group) {
    case 'authors':
      return names.some((name) => name.startsWith('authors-'));
    case 'declarations':
      return names.includes('declarations-wordCount');
    case 'applicationForm':
      return names.some((name) => name.startsWith('applicationForm-'));
    default:
      return names.includes(group);
  }
}

export function baseLabels(): Record<string, string> {
  return {
    categoryId: 'Category',
    title: 'Title',
    abstract: 'Abstract',
    keywords: 'Keywords',
    'declarations-wordCount': 'Number of words',
  };
}

/** The names the error summary gives each author's fields and the application form's questions. */
export function draftLabels(draft: Pick<DraftValues, 'authors' | 'call'>): Record<string, string> {
  const labels: Record<string, string> = {};
  draft.authors.forEach((row, index) => {
    const who = row.isYou ? 'You' : `Co-author ${index}`;
    labels[`authors-${index}-name`] = `${who}: name`;
    labels[`authors-${index}-email`] = `${who}: e-mail address`;
    labels[`authors-${index}-affiliation`] = `${who}: affiliation`;
    labels[`authors-${index}-orcid`] = `${who}: ORCID iD`;
  });
  for (const field of draft.call?.applicationFormFields ?? []) {
    labels[`applicationForm-${field.key}`] = field.label;
  }
  return labels;
}

/** An API message as a sentence: capitalised, with a full stop. */
export function sentenceOf(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
