// The pages check input with the API's own zod schemas (@gaps/server/validation). These tests hold
// the two sides together at the edges: whatever a page lets through the API accepts, and whatever
// the API refuses the page catches first, so a limit changed on the server moves the page too.
import { callInput, draftPatch, profileUpdate } from '@gaps/server/validation';
import { expect, test } from 'vitest';
import type { Call } from '../api/types.ts';
import { emptyCallForm, findCallErrors, shiftDate, toCallInput } from '../calls/call-form.ts';
import { findErrors } from '../submissions/draft-checks.ts';
import { type DraftValues, type FieldGroup, patchValue } from '../submissions/draft-fields.ts';
import { Checks } from './validate.ts';

const today = new Date().toISOString().slice(0, 10);

/** A call form the API accepts, with one field typed differently. */
function callForm(field: 'title' | 'slug' | 'wordLimit' | 'pageLimit', text: string) {
  const values = { ...emptyCallForm(), title: 'Awards 2027', slug: 'awards-2027', deadlineDate: shiftDate(today, 60) };
  return { ...values, [field]: text };
}

function callSides(field: 'title' | 'slug' | 'wordLimit' | 'pageLimit', text: string) {
  const values = callForm(field, text);
  const page = findCallErrors(values)[field];
  const result = callInput.safeParse(toCallInput(values));
  const api = result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === field);
  return { page, apiAccepts: api === undefined };
}

test.each([
  ['wordLimit', '100000', true],
  ['wordLimit', '100,001', false],
  ['wordLimit', '1', true],
  ['wordLimit', '0', false],
  ['wordLimit', '999999', false],
  ['pageLimit', '1000', true],
  ['pageLimit', '1001', false],
  ['title', 'Abc', true],
  ['title', ' Ab ', false],
  ['title', 'T'.repeat(200), true],
  ['title', 'T'.repeat(201), false],
  ['slug', 'ab', true],
  ['slug', 'a', false],
  ['slug', 'a'.repeat(60), true],
  ['slug', 'a'.repeat(61), false],
  ['slug', 'Awards-2027', false],
] as const)('call form %s “%s”: page and API agree (accepted: %s)', (field, text, accepted) => {
  const { page, apiAccepts } = callSides(field, text);
  expect(apiAccepts).toBe(accepted);
  expect(page === undefined).toBe(accepted);
});

test('the call form names the API’s limits in its messages', () => {
  expect(callSides('wordLimit', '100001').page).toBe('Write at most 100,000 words, or leave it empty.');
  expect(callSides('pageLimit', '1001').page).toBe('Write at most 1,000 pages, or leave it empty.');
  expect(callSides('title', 'Ab').page).toBe('Give the call a title of at least 3 characters.');
  expect(callSides('slug', 'a').page).toContain('Use 2 to 60 lower-case letters');
});

const questionCall = {
  applicationFormFields: [{ key: 'statement', label: 'Statement', type: 'textarea', required: false }],
} as unknown as Call;

function draft(changes: Partial<DraftValues>): DraftValues {
  return {
    call: questionCall,
    categoryId: null,
    title: '',
    abstract: '',
    keywords: '',
    authors: [{ key: 1, name: 'Ada Example', email: 'ada@example.org', affiliation: '', orcid: '', isYou: true }],
    confirmed: [],
    wordCount: '',
    applicationForm: {},
    ...changes,
  };
}

/** The page's error for a group's field, and whether the API takes the group as the page sends it. */
function draftSides(group: FieldGroup, errorName: string, changes: Partial<DraftValues>) {
  const values = draft(changes);
  const page = findErrors(values)[errorName];
  const apiAccepts = draftPatch.safeParse({ [group]: patchValue(values, group) }).success;
  return { page, apiAccepts };
}

const keywordList = (count: number, length = 8) =>
  Array.from({ length: count }, (_, index) => `${index}`.padStart(length, 'k')).join(', ');

test.each([
  ['declarations', 'declarations-wordCount', { wordCount: '1,000,000' }, true],
  ['declarations', 'declarations-wordCount', { wordCount: '1000001' }, false],
  ['declarations', 'declarations-wordCount', { wordCount: '0' }, true],
  ['keywords', 'keywords', { keywords: keywordList(12) }, true],
  ['keywords', 'keywords', { keywords: keywordList(13) }, false],
  ['keywords', 'keywords', { keywords: keywordList(1, 60) }, true],
  ['keywords', 'keywords', { keywords: keywordList(1, 61) }, false],
  ['title', 'title', { title: 'T'.repeat(300) }, true],
  ['title', 'title', { title: ` ${'T'.repeat(300)} ` }, true],
  ['title', 'title', { title: 'T'.repeat(301) }, false],
  ['abstract', 'abstract', { abstract: 'A'.repeat(5000) }, true],
  ['abstract', 'abstract', { abstract: 'A'.repeat(5001) }, false],
  ['applicationForm', 'applicationForm-statement', { applicationForm: { statement: 'S'.repeat(2000) } }, true],
  ['applicationForm', 'applicationForm-statement', { applicationForm: { statement: 'S'.repeat(2001) } }, false],
] as const)('draft %s (%s): page and API agree at the edge %#', (group, errorName, changes, accepted) => {
  const { page, apiAccepts } = draftSides(group, errorName, changes as Partial<DraftValues>);
  expect(apiAccepts).toBe(accepted);
  expect(page === undefined).toBe(accepted);
});

const author = (name: string, affiliation: string) => ({
  authors: [{ key: 1, name, email: 'ada@example.org', affiliation, orcid: '', isYou: true }],
});

test.each([
  ['authors-0-name', author('N'.repeat(200), ''), true],
  ['authors-0-name', author('N'.repeat(201), ''), false],
  ['authors-0-name', author('  ', ''), false],
  ['authors-0-affiliation', author('Ada', 'U'.repeat(300)), true],
  ['authors-0-affiliation', author('Ada', 'U'.repeat(301)), false],
] as const)('draft author %s: page and API agree at the edge %#', (errorName, changes, accepted) => {
  const { page, apiAccepts } = draftSides('authors', errorName, changes);
  expect(apiAccepts).toBe(accepted);
  expect(page === undefined).toBe(accepted);
});

test('the profile form counts e-mail domains by the API’s limit', () => {
  const domains = (count: number) => Array.from({ length: count }, (_, index) => `d${index}.example.org`);
  expect(new Checks().domains('emailDomains', domains(10)).errors).toEqual({});
  expect(profileUpdate.safeParse({ emailDomains: domains(10) }).success).toBe(true);
  expect(new Checks().domains('emailDomains', domains(11)).errors.emailDomains).toBe('List at most 10 domains.');
  expect(profileUpdate.safeParse({ emailDomains: domains(11) }).success).toBe(false);
});

test('the draft checks name the API’s limits in their messages', () => {
  expect(draftSides('declarations', 'declarations-wordCount', { wordCount: '1000001' }).page).toBe(
    'Write a number of words up to 1,000,000.',
  );
  expect(draftSides('keywords', 'keywords', { keywords: keywordList(13) }).page).toBe('Use at most 12 keywords.');
  expect(draftSides('title', 'title', { title: 'T'.repeat(301) }).page).toContain('300 characters');
  expect(draftSides('abstract', 'abstract', { abstract: 'A'.repeat(5001) }).page).toContain('5,000 characters');
});

test('an ORCID iD with a lower-case x passes the page and the API, which stores it upper-cased', () => {
  const typed = '0000-0002-1825-009x';
  const values = draft({
    authors: [{ key: 1, name: 'Ada Example', email: 'ada@example.org', affiliation: '', orcid: typed, isYou: true }],
  });
  expect(findErrors(values)['authors-0-orcid']).toBeUndefined();
  expect(draftPatch.parse({ authors: patchValue(values, 'authors') }).authors?.[0]?.orcid).toBe('0000-0002-1825-009X');
  expect(new Checks().orcid('orcid', typed).errors).toEqual({});
  expect(profileUpdate.parse({ orcid: typed }).orcid).toBe('0000-0002-1825-009X');
  expect(new Checks().orcid('orcid', '0000-0002-1825-009Y').errors.orcid).toBeDefined();
  expect(profileUpdate.safeParse({ orcid: '0000-0002-1825-009Y' }).success).toBe(false);
});
