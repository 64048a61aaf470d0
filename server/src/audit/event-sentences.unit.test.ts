import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EventFacts, eventSentence, eventSentences } from './event-sentences.ts';

/** Every action literal in the union's source (and the review copy's part of it, kept by the workers). */
function actionsInUnion(): string[] {
  const sources = [
    new URL('./events.ts', import.meta.url),
    new URL('../../../workers/src/pdf-anonymisation/review-copy-state.ts', import.meta.url),
  ].map((file) => readFileSync(file, 'utf8'));
  const actions = new Set<string>();
  for (const source of sources) {
    for (const line of source.matchAll(/action:\s*((?:'[a-z_.]+'\s*\|?\s*)+)/g)) {
      for (const literal of line[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(literal[1]!);
    }
  }
  return [...actions].sort();
}

const facts = (overrides: Partial<EventFacts>): EventFacts => ({
  action: 'submission.status_changed',
  details: {},
  actorName: null,
  systemActor: null,
  subjectName: null,
  submissionCode: null,
  venueName: null,
  venueKind: 'journal',
  callTitle: null,
  ...overrides,
});

describe('audit events in words', () => {
  it('has a sentence for every action in the audit event union', () => {
    const actions = actionsInUnion();
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((action) => !(action in eventSentences))).toEqual([]);
  });

  it('names the person, the submission by its code, and uses the award’s words', () => {
    const returned = { action: 'submission.status_changed', details: { from: 'screening', to: 'revision_requested' } };
    expect(eventSentence(facts({ ...returned, actorName: 'Dana Editor', submissionCode: 'JSWP-2027-0042' }))).toBe(
      'Dana Editor returned JSWP-2027-0042 to the author.',
    );
    expect(
      eventSentence(
        facts({ ...returned, actorName: 'Dana Editor', submissionCode: 'CWEA-2027-017', venueKind: 'award' }),
      ),
    ).toBe('Dana Editor returned CWEA-2027-017 to the entrant.');
    expect(
      eventSentence(
        facts({
          details: { from: 'screening', to: 'in_review' },
          actorName: 'Dana',
          submissionCode: 'CWEA-2027-017',
          venueKind: 'award',
        }),
      ),
    ).toBe('Dana sent CWEA-2027-017 to the judges.');
  });

  it('says the system did what the workers do, and names an action it does not know', () => {
    const made = facts({
      action: 'review_copy.status_changed',
      details: { from: 'processing', to: 'ready' },
      systemActor: 'review_copy_worker',
      submissionCode: 'JSWP-2027-0042',
    });
    expect(eventSentence(made)).toBe('The system made the review copy of JSWP-2027-0042.');
    expect(eventSentence(facts({ action: 'thing.new', details: null }))).toBe('Someone not signed in did “thing.new”.');
    expect(eventSentence(facts({ action: 'account.sign_in_failed', details: { email: 'x@example.org' } }))).toBe(
      'Someone failed to sign in as x@example.org.',
    );
  });
});
