// The plan: the sweep's rule run at every sweep time of a window, events taking effect at their time.
import { describe, expect, it } from 'vitest';
import { planInputSchema, planReminders } from './plan.ts';

const input = (extra: Record<string, unknown> = {}) =>
  planInputSchema.parse({
    from: '2031-01-01T00:00:00Z',
    to: '2031-02-15T00:00:00Z',
    everyMinutes: 60,
    assignments: [
      { id: 'silent', invitedAt: '2031-01-01T10:30:00Z', dueAt: '2031-02-01T00:00:00Z' },
      {
        id: 'late',
        invitedAt: '2031-01-01T00:00:00Z',
        acceptedAt: '2031-01-02T00:00:00Z',
        dueAt: '2031-01-20T12:00:00Z',
        submittedAt: '2031-01-25T00:00:00Z',
      },
    ],
    ...extra,
  });

describe('planReminders', () => {
  it('every reminder, at the first sweep after its time, sorted by time', () => {
    expect(planReminders(input()).map((p) => `${p.assignment} ${p.kind} ${p.occurrence} ${p.at}`)).toEqual([
      'silent invitation_reminder 1 2031-01-06T11:00:00.000Z',
      'silent invitation_reminder 2 2031-01-11T11:00:00.000Z',
      'late due_soon 1 2031-01-13T12:00:00.000Z',
      'silent invitation_expired 1 2031-01-15T11:00:00.000Z',
      'late due_soon 2 2031-01-19T12:00:00.000Z',
      'late overdue 1 2031-01-21T12:00:00.000Z',
    ]);
  });

  it('no sweep during downtime; afterwards only the latest reminder due', () => {
    const planned = planReminders(input({ downtime: [['2031-01-12T00:00:00Z', '2031-01-22T00:00:00Z']] }));
    expect(planned.filter((p) => p.assignment === 'late').map((p) => `${p.kind} ${p.occurrence} ${p.at}`)).toEqual([
      'overdue 1 2031-01-22T00:00:00.000Z',
    ]);
  });

  it('a policy of its own', () => {
    const planned = planReminders(
      input({ policy: { invitationRemindersAfterDays: [2], overdueTimes: 0, escalate: false } }),
    );
    expect(planned.filter((p) => p.kind === 'invitation_reminder').map((p) => p.at)).toEqual([
      '2031-01-03T11:00:00.000Z',
    ]);
  });

  it('refuses a file that contradicts itself, saying where', () => {
    const bad = planInputSchema.safeParse({
      from: '2031-02-01T00:00:00Z',
      to: '2031-01-01T00:00:00Z',
      assignments: [
        { id: 'x', invitedAt: '2031-01-01T00:00:00Z', dueAt: '2031-01-02T00:00:00Z', timeZone: 'Mars/Olympus' },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toContain('to: "to" is before "from"');
    expect(messages).toContain('assignments.0.timeZone: not a time zone');
  });
});
