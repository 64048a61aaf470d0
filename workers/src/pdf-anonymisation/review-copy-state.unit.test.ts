import { describe, expect, it } from 'vitest';
import { type LeakReport, type ReviewCopyState, reviewCopyResult, reviewCopyStates } from '../contracts.ts';
import {
  canMoveReviewCopy,
  isFinished,
  isReleasable,
  needsAttention,
  parseReviewCopyState,
  releaseRefusal,
  reviewCopyTransitions,
} from './review-copy-state.ts';

const clear: LeakReport = { findings: [], overWordLimit: false, overPageLimit: false, leaksInCopy: [] };
const flagged: LeakReport = {
  ...clear,
  findings: [{ kind: 'name', page: 1, text: 'Ada Author', context: 'by Ada Author' }],
};
const copy = (status: ReviewCopyState, report: LeakReport | null, releasedAt: Date | null = null) => ({
  status,
  output_sha256: status === 'ready' || status === 'needs_attention' ? 'a'.repeat(64) : null,
  released_at: releasedAt,
  leak_report: report,
});

describe('review copy state machine', () => {
  it('has a row for every state and moves only to known states', () => {
    expect(Object.keys(reviewCopyTransitions).sort()).toEqual([...reviewCopyStates].sort());
    for (const targets of Object.values(reviewCopyTransitions)) {
      for (const to of targets) expect(reviewCopyStates).toContain(to);
    }
  });

  it('goes queued → processing → ready, needs attention or failed, and a crashed job may start again', () => {
    expect(canMoveReviewCopy('queued', 'processing')).toBe(true);
    for (const end of ['ready', 'needs_attention', 'failed'] as const) {
      expect(canMoveReviewCopy('processing', end)).toBe(true);
      expect(canMoveReviewCopy('queued', end)).toBe(false); // never finished without being processed
    }
    expect(canMoveReviewCopy('processing', 'processing')).toBe(true);
    expect(canMoveReviewCopy('processing', 'queued')).toBe(false);
  });

  it('never leaves a finished state: a new file gets a new copy', () => {
    for (const end of ['ready', 'needs_attention', 'failed'] as const) {
      expect(isFinished(end)).toBe(true);
      for (const to of reviewCopyStates) expect(canMoveReviewCopy(end, to)).toBe(false);
    }
    expect(isFinished('queued')).toBe(false);
    expect(isFinished('processing')).toBe(false);
  });

  it('refuses a state it does not know', () => {
    expect(parseReviewCopyState('needs_attention')).toBe('needs_attention');
    expect(() => parseReviewCopyState('released')).toThrow('Unknown review copy state "released"');
  });

  it('sends a copy to the editor when the check found anything or a limit is exceeded', () => {
    expect(needsAttention(clear)).toBe(false);
    expect(needsAttention(flagged)).toBe(true);
    expect(needsAttention({ ...clear, overWordLimit: true })).toBe(true);
    expect(needsAttention({ ...clear, overPageLimit: true })).toBe(true);
    expect(needsAttention({ ...clear, leaksInCopy: ['Ada Author'] })).toBe(true);
  });

  it('lets reviewers read a ready copy, or a flagged one the editor released, never one with the identity inside', () => {
    expect(isReleasable(copy('ready', clear))).toBe(true);
    expect(isReleasable(copy('needs_attention', flagged))).toBe(false);
    expect(isReleasable(copy('needs_attention', flagged, new Date()))).toBe(true);
    expect(isReleasable(copy('needs_attention', { ...flagged, leaksInCopy: ['Ada'] }, new Date()))).toBe(false);
    for (const waiting of ['queued', 'processing', 'failed'] as const) {
      expect(isReleasable(copy(waiting, null))).toBe(false);
    }
    expect(isReleasable(undefined)).toBe(false);
  });

  it('lets an editor release only a flagged copy whose identity is not inside it', () => {
    expect(releaseRefusal(copy('needs_attention', flagged))).toBeNull();
    expect(releaseRefusal(copy('needs_attention', { ...clear, leaksInCopy: ['Ada'] }))).toBe('identity_in_copy');
    expect(releaseRefusal(copy('ready', clear))).toBe('nothing_to_release');
    expect(releaseRefusal(copy('processing', null))).toBe('nothing_to_release');
    expect(releaseRefusal(undefined)).toBe('nothing_to_release');
  });
});

describe('review copy result contract', () => {
  it('accepts a made copy and a refusal, and rejects a result the worker should never write', () => {
    const made = { outcome: 'made', outputSha256: 'b'.repeat(64), pageCount: 3, wordCount: 900, leakReport: clear };
    expect(reviewCopyResult.parse(made)).toEqual(made);
    expect(reviewCopyResult.parse({ outcome: 'refused', failureReason: 'It has a password.' }).outcome).toBe('refused');
    expect(() => reviewCopyResult.parse({ ...made, outputSha256: 'not-a-hash' })).toThrow();
    expect(() =>
      reviewCopyResult.parse({ ...made, leakReport: { ...clear, findings: [{ kind: 'nickname' }] } }),
    ).toThrow();
    expect(() => reviewCopyResult.parse({ outcome: 'refused', failureReason: '' })).toThrow();
  });
});
