// The call's rules across fields, shared by the API's schema and the editor's form.
import { describe, expect, it } from 'vitest';
import { callInput, callProblems } from './call.schemas.ts';

const call = {
  opensAt: '2027-03-01T14:00:00.000Z',
  deadlineLocal: '2027-07-02T00:00' as string | null,
  timeZone: 'Europe/London',
  categories: [] as Array<{ name: string }>,
};

describe('callProblems', () => {
  it('finds nothing wrong with a deadline after the opening, or a rolling call', () => {
    expect(callProblems(call)).toEqual([]);
    expect(callProblems({ ...call, deadlineLocal: null })).toEqual([]);
  });

  it('refuses a deadline at or before the opening, on the call’s own clock', () => {
    const problem = [{ path: 'deadlineLocal', problem: 'deadline_not_after_opening' }];
    expect(callProblems({ ...call, deadlineLocal: '2027-02-28T00:00' })).toEqual(problem);
    // 14:00 UTC is 09:00 in New York: 10:00 there is after it, 09:00 is not.
    expect(callProblems({ ...call, timeZone: 'America/New_York', deadlineLocal: '2027-03-01T10:00' })).toEqual([]);
    expect(callProblems({ ...call, timeZone: 'America/New_York', deadlineLocal: '2027-03-01T09:00' })).toEqual(problem);
    // In Tokyo it is already 23:00 on 1 March.
    expect(callProblems({ ...call, timeZone: 'Asia/Tokyo', deadlineLocal: '2027-03-01T22:00' })).toEqual(problem);
  });

  it('leaves dates it cannot read to the fields’ own rules', () => {
    expect(callProblems({ ...call, opensAt: '' })).toEqual([]);
    expect(callProblems({ ...call, timeZone: 'Europe/Atlantis' })).toEqual([]);
  });

  it('refuses category names that repeat, whatever their case and spaces', () => {
    expect(callProblems({ ...call, categories: [{ name: 'Student' }, { name: ' student ' }] })).toEqual([
      { path: 'categories', problem: 'category_names_repeat' },
    ]);
    expect(callProblems({ ...call, categories: [{ name: 'Student' }, { name: '' }, { name: '' }] })).toEqual([]);
  });

  it('is the rule the API schema applies, with the API’s words', () => {
    const parsed = callInput.safeParse({
      slug: 'awards-2027',
      title: 'Awards 2027',
      opensAt: '2027-03-01T14:00:00Z',
      deadlineLocal: '2027-03-01T09:00',
      timeZone: 'America/New_York',
      declarations: [
        { key: 'a', text: 'One' },
        { key: 'a', text: 'Two' },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['deadlineLocal', 'the deadline must come after the call opens'],
      ['declarations', 'each key must be different'],
    ]);
  });
});
