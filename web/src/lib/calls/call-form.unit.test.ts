import { expect, test } from 'vitest';
import type { Call } from '../api/types.ts';
import { callToForm, emptyCallForm, findCallErrors, keyFrom, slugFrom, toCallInput } from './call-form.ts';

const savedCall = (deadlineLocal: string | null): Call => ({
  id: 'c1',
  venue: { id: 'v1', slug: 'awards', name: 'Awards', kind: 'award', contactEmail: null },
  slug: 'awards-2027',
  title: 'Awards 2027',
  description: '',
  categories: [],
  opensAt: '2027-01-01T00:00:00.000Z',
  deadlineLocal,
  timeZone: 'Europe/London',
  deadlineAt: null,
  isOpen: true,
  wordLimit: 3500,
  pageLimit: null,
  declarations: [],
  applicationFormFields: [],
  blindMode: 'double',
  singleAuthor: true,
  rubricId: null,
  feeNote: null,
});

test('midnight at the end of a day is stored as 00:00 on the next day, and read back the same way', () => {
  const values = { ...emptyCallForm(), title: 'Awards 2027', slug: 'awards-2027', deadlineDate: '2027-07-01' };
  expect(toCallInput(values)).toMatchObject({ deadlineLocal: '2027-07-02T00:00', timeZone: 'Europe/London' });
  expect(callToForm(savedCall('2027-12-31T00:00'))).toMatchObject({
    deadlineDate: '2027-12-30',
    midnight: true,
    rolling: false,
    wordLimit: '3500',
  });
  expect(callToForm(savedCall('2027-07-01T17:30'))).toMatchObject({
    deadlineDate: '2027-07-01',
    midnight: false,
    deadlineTime: '17:30',
  });
  expect(callToForm(savedCall(null))).toMatchObject({ rolling: true, deadlineDate: '' });
});

test('a rolling call has no deadline; keys and short names are made from the words', () => {
  expect(toCallInput({ ...emptyCallForm(), rolling: true, deadlineDate: '2027-07-01' }).deadlineLocal).toBeNull();
  const taken = new Set(['not_published']);
  expect(keyFrom('Not published!', taken, 'declaration')).toBe('not_published_2');
  expect(keyFrom('2 referees', new Set(), 'question')).toBe('referees');
  expect(keyFrom('…', new Set(), 'question')).toBe('question');
  expect(slugFrom('Clare Winnicott Essay Awards 2027!')).toBe('clare-winnicott-essay-awards-2027');
});

test('the form refuses a closing day at or before the opening, by the API’s own rule', () => {
  const values = {
    ...emptyCallForm(),
    title: 'Awards 2027',
    slug: 'awards-2027',
    opensAt: '2027-03-01T09:00',
    timeZone: 'America/New_York',
    deadlineDate: '2027-03-01',
    midnight: false,
    deadlineTime: '09:00',
  };
  expect(findCallErrors(values).deadlineLocal).toBe('Choose a closing day and time after the call opens.');
  expect(findCallErrors({ ...values, deadlineTime: '10:00' }).deadlineLocal).toBeUndefined();
  // Midnight at the end of the opening day is after it.
  expect(findCallErrors({ ...values, midnight: true }).deadlineLocal).toBeUndefined();
  expect(findCallErrors({ ...values, deadlineDate: '2027-02-28', midnight: true }).deadlineLocal).toBeDefined();
  expect(findCallErrors({ ...values, rolling: true }).deadlineLocal).toBeUndefined();
  expect(
    findCallErrors({
      ...values,
      deadlineTime: '10:00',
      categories: [
        { row: 1, name: 'Student', description: '' },
        { row: 2, name: 'student ', description: '' },
      ],
    }),
  ).toEqual({ categories: 'Give each category a different name.' });
});
