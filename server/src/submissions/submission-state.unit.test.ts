import { describe, expect, it } from 'vitest';
import {
  canMove,
  copiesOnUpload,
  mayEditDetails,
  mayReplaceManuscript,
  nextStates,
  statesAcceptingExtension,
  submissionStates,
} from './submission-state.ts';

describe('submission state machine', () => {
  it('lets an author submit and withdraw a draft, and nothing else', () => {
    expect(nextStates('draft', 'author').sort()).toEqual(['submitted', 'withdrawn']);
    expect(nextStates('draft', 'editor')).toEqual([]);
  });

  it('lets editors screen, send to review and desk-reject, but never un-withdraw', () => {
    expect(canMove('submitted', 'screening', 'editor')).toBe(true);
    expect(canMove('screening', 'in_review', 'editor')).toBe(true);
    expect(canMove('screening', 'desk_rejected', 'editor')).toBe(true);
    expect(canMove('submitted', 'screening', 'author')).toBe(false);
    for (const to of submissionStates) {
      expect(canMove('withdrawn', to, 'editor')).toBe(false);
      expect(canMove('withdrawn', to, 'author')).toBe(false);
    }
  });

  it('ends in decided, withdrawn or desk-rejected', () => {
    for (const end of ['decided', 'withdrawn', 'desk_rejected'] as const) {
      expect(nextStates(end, 'editor')).toEqual([]);
      expect(nextStates(end, 'author')).toEqual([]);
    }
  });

  it('lets the manuscript be replaced in a draft, when sent back, or when a sent file could not be processed', () => {
    expect(mayReplaceManuscript('draft', null)).toBe(true);
    expect(mayReplaceManuscript('revision_requested', 'needs_attention')).toBe(true);
    expect(mayReplaceManuscript('submitted', 'failed')).toBe(true);
    expect(mayReplaceManuscript('screening', 'failed')).toBe(true);
    expect(mayReplaceManuscript('submitted', 'queued')).toBe(false);
    expect(mayReplaceManuscript('screening', 'needs_attention')).toBe(false);
    for (const later of ['in_review', 'decided', 'withdrawn', 'desk_rejected'] as const) {
      expect(mayReplaceManuscript(later, 'failed')).toBe(false);
    }
  });

  it('lets only a draft be edited or extended, and copies a file uploaded after sending at once', () => {
    expect(submissionStates.filter(mayEditDetails)).toEqual(['draft']);
    expect(statesAcceptingExtension).toEqual(['draft']);
    expect(copiesOnUpload('draft')).toBe(false);
    expect(copiesOnUpload('revision_requested')).toBe(true);
    expect(copiesOnUpload('submitted')).toBe(true);
  });
});
