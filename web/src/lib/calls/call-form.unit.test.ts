import { expect, test } from 'vitest';
import type { Call } from '../api/types.ts';
import { callToForm, emptyCallForm, keyFrom, slugFrom, toCallInput } from './call-form.ts';

test('midnight at the end of a day is stored as 00:00 on the next day, and read back the same way', () => {
  const values = { ...emptyCallForm(), title: 'Awards 2027', slug: 'awards-2027', deadlineDate: '2027-07-01' };
  const input = toCallInput(values);
  expect(input.deadlineLocal).toBe('2027-07-02T00:00');
  expect(input.timeZone).toBe('Europe/London');

  const call = { ...input, deadlineLocal: '2027-12-31T00:00', opensAt: '2027-01-01T00:00:00Z' } as unknown as Call;
  const back = callToForm({ ...call, categories: [], applicationFormFields: [], declarations: [] } as Call);
  expect(back).toMatchObject({ deadlineDate: '2027-12-30', midnight: true, rolling: false });
  expect(
    callToForm({
      ...back,
      ...call,
      deadlineLocal: '2027-07-01T17:30',
      categories: [],
      applicationFormFields: [],
      declarations: [],
    } as unknown as Call),
  ).toMatchObject({
    deadlineDate: '2027-07-01',
    midnight: false,
    deadlineTime: '17:30',
  });
});

test('a rolling call has no deadline; keys and short names are made from the words', () => {
  expect(toCallInput({ ...emptyCallForm(), rolling: true, deadlineDate: '2027-07-01' }).deadlineLocal).toBeNull();
  const taken = new Set(['not_published']);
  expect(keyFrom('Not published!', taken, 'declaration')).toBe('not_published_2');
  expect(keyFrom('2 referees', new Set(), 'question')).toBe('referees');
  expect(keyFrom('…', new Set(), 'question')).toBe('question');
  expect(slugFrom('Clare Winnicott Essay Awards 2027!')).toBe('clare-winnicott-essay-awards-2027');
});
