import { describe, expect, it } from 'vitest';
import { leakKindLabel, stateLabel, stepLabels, timelineText } from './words.ts';

describe('states in the venue’s words', () => {
  it('says judges and entrants for an award, reviewers and authors for the journal', () => {
    expect(stateLabel('in_review', 'author', 'award')).toBe('With judges');
    expect(stateLabel('in_review', 'author', 'journal')).toBe('With reviewers');
    expect(stateLabel('revision_requested', 'editor', 'award')).toBe('Back with the entrant');
    expect(stateLabel('desk_rejected', 'author', 'award')).toBe('Not sent for judging');
    expect(stateLabel('desk_rejected', 'author')).toBe('Not sent for review');
    const format = (iso: string) => iso;
    expect(timelineText({ what: 'x', state: 'in_review' }, format, 'award')).toBe('Sent to judges');
    expect(timelineText({ what: 'x', state: 'revision_requested' }, format)).toBe(
      'Sent back to the author for changes',
    );
    expect(leakKindLabel('name', 'award')).toBe('Entrant’s name');
    expect(leakKindLabel('name')).toBe('Author’s name');
    expect(leakKindLabel('orcid', 'award')).toBe('ORCID iD');
  });
});

describe('the wizard’s step names', () => {
  it('asks an entrant for an essay and a journal author for a manuscript', () => {
    expect(stepLabels('award').manuscript).toBe('Upload your essay');
    expect(stepLabels('journal').manuscript).toBe('Upload your manuscript');
    expect(stepLabels('website').manuscript).toBe('Upload your article');
    expect(stepLabels().manuscript).toBe('Upload your manuscript');
    expect(stepLabels('award').review).toBe('Check and submit');
  });
});
