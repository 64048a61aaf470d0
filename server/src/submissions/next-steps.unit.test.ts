import { describe, expect, it } from 'vitest';
import { nextStepsText } from './next-steps.ts';

const states = [
  'draft',
  'submitted',
  'screening',
  'in_review',
  'revision_requested',
  'decided',
  'desk_rejected',
  'withdrawn',
];
const text = (status: string, venueKind: string) =>
  nextStepsText({
    status,
    venueKind,
    deadlineAt: new Date('2027-06-30T23:00:00Z'),
    decisionDueAt: new Date('2027-09-01T12:00:00Z'),
    timeZone: 'Europe/London',
  });

describe('nextStepsText', () => {
  it('says judges and entry to an entrant, never reviewers or submission', () => {
    for (const status of states) {
      expect(text(status, 'award'), status).not.toMatch(/review|submission|manuscript/i);
    }
    expect(text('submitted', 'award')).toContain('goes to the judges');
    expect(text('submitted', 'award')).toContain('The judges plan to decide by 1 September 2027.');
    expect(text('withdrawn', 'award')).toBe('You withdrew this entry. Nothing more will happen to it.');
  });

  it('says reviewers to a journal author, never judges', () => {
    for (const status of states) expect(text(status, 'journal'), status).not.toMatch(/judg|entry|entrant/i);
    expect(text('in_review', 'journal')).toContain('Reviewers are reading your work');
  });

  // Decisions are not recorded yet: no page or receipt may promise to e-mail one.
  it('promises only the e-mails the system sends', () => {
    for (const kind of ['award', 'journal']) {
      for (const status of states) {
        const words = text(status, kind);
        expect(words, `${kind} ${status}`).not.toMatch(
          /result|when there is a decision|e-mail you (the|their) decision/i,
        );
        for (const promise of words.match(/We will e-mail you[^.]*\./g) ?? []) {
          expect(promise).toMatch(/when it goes to (reviewers|the judges), or if the editors? decides? not to send it/);
        }
      }
    }
    expect(text('in_review', 'award')).not.toMatch(/e-mail/);
    expect(text('in_review', 'journal')).not.toMatch(/e-mail/);
  });
});
