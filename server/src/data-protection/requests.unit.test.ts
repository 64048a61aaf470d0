import { describe, expect, it } from 'vitest';
import { timeliness } from './log/subject-access-log.ts';
import { dueBy } from './requests.ts';

describe('the month to answer a request', () => {
  it('ends on the same day of the next month, or that month’s last day', () => {
    expect(dueBy(new Date('2026-03-15T10:00:00Z')).toISOString()).toBe('2026-04-15T10:00:00.000Z');
    expect(dueBy(new Date('2026-01-31T09:00:00Z')).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(dueBy(new Date('2028-01-31T09:00:00Z')).toISOString()).toBe('2028-02-29T09:00:00.000Z');
    expect(dueBy(new Date('2026-12-20T00:00:00Z')).toISOString()).toBe('2027-01-20T00:00:00.000Z');
  });

  it('counts a request answered on its due date as in time', () => {
    const due = new Date('2026-04-15T10:00:00Z');
    expect(timeliness({ status: 'done', due_by: due, completed_at: due }, due)).toBe('in_time');
    expect(timeliness({ status: 'done', due_by: due, completed_at: new Date(due.getTime() + 1) }, due)).toBe('late');
    expect(timeliness({ status: 'working', due_by: due, completed_at: null }, new Date(due.getTime() + 1))).toBe(
      'overdue',
    );
    expect(timeliness({ status: 'cancelled', due_by: due, completed_at: null }, new Date(due.getTime() + 1))).toBe(
      'closed_unanswered',
    );
  });
});
