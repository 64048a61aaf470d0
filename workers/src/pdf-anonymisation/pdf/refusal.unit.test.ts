// The refusal words are the only thing an author learns about a refused file: they must be true
// (editing restrictions alone are accepted) and point somewhere that exists.
import { describe, expect, it } from 'vitest';
import { refusalMessages } from './refusal.ts';

describe('refusal words', () => {
  it('ask only for a copy that opens without a password, not one without editing restrictions', () => {
    expect(refusalMessages.encrypted).toContain('upload a copy that opens without a password');
    expect(refusalMessages.encrypted).toContain('Limits on editing or printing are fine.');
    expect(refusalMessages.encrypted).not.toMatch(/without (a password or )?(editing restrictions|security settings)/);
  });

  it('send the author to the contact page, not to an office with no address', () => {
    for (const message of Object.values(refusalMessages)) expect(message).not.toMatch(/editorial office/);
    expect(refusalMessages.failed).toContain('ask the editors for help (see “Contact the editors”');
  });
});
