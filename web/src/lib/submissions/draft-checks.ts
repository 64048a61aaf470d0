// The checks on a draft: what the API would refuse, which groups such a problem holds back from
// saving, and the names the error summary gives the fields.
import {
  applicationAnswer,
  authorInput,
  draftAbstract,
  draftTitle,
  keyword,
  keywords as keywordList,
  orcid,
  wordCount,
} from '@gaps/server/validation';
import { figure, ORCID_EXAMPLE, refusal, splitList } from '../forms/validate.ts';
import { type DraftValues, type FieldGroup, isEmail, parseCount } from './draft-fields.ts';

/**
 * What the API would refuse. Not what is merely unfinished: a draft may be incomplete, and the
 * check-and-submit step lists what is still needed. The rules are the API's own schemas
 * (@gaps/server/validation); only the wording is the page's.
 */
export function findErrors(draft: DraftValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.wordCount.trim()) {
    const count = parseCount(draft.wordCount);
    const problem = count === null ? null : refusal(wordCount, count);
    if (count === null || problem?.kind === 'invalid' || problem?.kind === 'too_small') {
      errors['declarations-wordCount'] = 'Write the number of words in digits, like 3200.';
    } else if (problem?.kind === 'too_big') {
      errors['declarations-wordCount'] = `Write a number of words up to ${figure(problem.limit)}.`;
    }
  }
  const keywords = splitList(draft.keywords);
  const tooMany = refusal(keywordList, keywords);
  const longKeyword = keywords.map((text) => refusal(keyword, text)).find((problem) => problem?.kind === 'too_big');
  if (tooMany?.kind === 'too_big') errors.keywords = `Use at most ${figure(tooMany.limit)} keywords.`;
  else if (longKeyword?.kind === 'too_big') {
    errors.keywords = `Keep each keyword to ${figure(longKeyword.limit)} characters or fewer.`;
  }
  const titleProblem = refusal(draftTitle, draft.title);
  if (titleProblem?.kind === 'too_big')
    errors.title = `Keep the title to ${figure(titleProblem.limit)} characters or fewer.`;
  const abstractProblem = refusal(draftAbstract, draft.abstract);
  if (abstractProblem?.kind === 'too_big') {
    errors.abstract = `Keep the abstract to ${figure(abstractProblem.limit)} characters or fewer.`;
  }
  const seen = new Set<string>();
  draft.authors.forEach((row, index) => {
    const name = `authors-${index}`;
    const email = row.email.trim().toLowerCase();
    const nameProblem = refusal(authorInput.shape.name, row.name);
    if (row.isYou && nameProblem?.kind === 'too_small') errors[`${name}-name`] = 'Write your name.';
    else if (nameProblem?.kind === 'too_big') {
      errors[`${name}-name`] = `Keep the name to ${figure(nameProblem.limit)} characters or fewer.`;
    }
    const affiliationProblem = refusal(authorInput.shape.affiliation, row.affiliation);
    if (affiliationProblem?.kind === 'too_big') {
      errors[`${name}-affiliation`] =
        `Keep the affiliation to ${figure(affiliationProblem.limit)} characters or fewer.`;
    }
    if (!row.isYou && email && !isEmail(email)) {
      errors[`${name}-email`] = 'Enter an e-mail address, like name@example.org.';
    }
    if (row.orcid.trim() && !orcid.safeParse(row.orcid).success) {
      errors[`${name}-orcid`] = `Write the ORCID iD as four groups of four digits, like ${ORCID_EXAMPLE}.`;
    }
    if (email && seen.has(email)) errors[`${name}-email`] = 'Each author needs a different e-mail address.';
    if (email) seen.add(email);
  });
  for (const field of draft.call?.applicationFormFields ?? []) {
    const value = draft.applicationForm[field.key] ?? '';
    const name = `applicationForm-${field.key}`;
    const answer = refusal(applicationAnswer, value);
    if (answer?.kind === 'too_big') errors[name] = `Keep this to ${figure(answer.limit)} characters or fewer.`;
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
