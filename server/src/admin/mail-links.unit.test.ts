import { describe, expect, it } from 'vitest';
import { maskDeliveredLinks } from './mail-log.repository.ts';

describe('the mail log’s view of single-use links', () => {
  const text =
    'Answer here: https://gaps.example/invitations/AbC-123_x\nOr reset: https://gaps.example/reset-password?token=s3cr%2Bt&next=%2Fcalls';

  it('hides them once the message was delivered', () => {
    const shown = maskDeliveredLinks(text, 'sent');
    expect(shown).not.toContain('AbC-123_x');
    expect(shown).not.toContain('s3cr%2Bt');
    expect(shown).toContain('https://gaps.example/invitations/[link hidden once delivered]');
    expect(shown).toContain('reset-password?token=[hidden once delivered]&next=%2Fcalls');
  });

  it('keeps them while the log is the only way to follow them (captured, not sent)', () => {
    expect(maskDeliveredLinks(text, 'captured')).toBe(text);
  });
});
