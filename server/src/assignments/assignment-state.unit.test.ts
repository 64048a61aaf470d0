import { describe, expect, it } from 'vitest';
import { canMoveAssignment, nextAssignmentStates } from './assignment-state.ts';

describe('assignment state machine', () => {
  it('lets the reviewer answer an invitation once', () => {
    expect(nextAssignmentStates('invited', 'reviewer').sort()).toEqual(['accepted', 'declined']);
    expect(canMoveAssignment('declined', 'accepted', 'reviewer')).toBe(false);
    expect(canMoveAssignment('accepted', 'declined', 'reviewer')).toBe(false);
  });

  it('expires only unanswered invitations, and only by the system', () => {
    expect(canMoveAssignment('invited', 'expired', 'system')).toBe(true);
    expect(canMoveAssignment('invited', 'expired', 'editor')).toBe(false);
    expect(canMoveAssignment('accepted', 'expired', 'system')).toBe(false);
  });

  it('cancels any open assignment, and nothing closed', () => {
    for (const from of ['invited', 'accepted'] as const)
      expect(canMoveAssignment(from, 'cancelled', 'editor')).toBe(true);
    for (const from of ['declined', 'expired', 'submitted', 'cancelled'] as const)
      expect(canMoveAssignment(from, 'cancelled', 'editor')).toBe(false);
  });

  it('locks a submitted review until the editor reopens it', () => {
    expect(canMoveAssignment('accepted', 'submitted', 'reviewer')).toBe(true);
    expect(canMoveAssignment('submitted', 'accepted', 'reviewer')).toBe(false);
    expect(canMoveAssignment('submitted', 'accepted', 'editor')).toBe(true);
  });
});
