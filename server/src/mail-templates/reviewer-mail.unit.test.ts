import { describe, expect, it } from 'vitest';
import { renderDefault } from './compose.ts';
import * as drafts from './reviewer-mail.ts';

// The default words, as the outbox would get them with no venue's own template saved.
const invitationMail = (...args: Parameters<typeof drafts.invitationMail>) =>
  renderDefault(drafts.invitationMail(...args));
const noLongerNeededMail = (...args: Parameters<typeof drafts.noLongerNeededMail>) =>
  renderDefault(drafts.noLongerNeededMail(...args));

const reader = { personId: null, name: 'Jo Judge', email: 'jo@example.org', timeZone: 'Europe/Paris' };
const work = {
  venueId: '00000000-0000-4000-8000-000000000001',
  code: 'CWA-2027-0003',
  title: 'Holding on',
  abstract: 'An essay about staying.',
  callTitle: 'Clare Winnicott Essay Award 2027',
  venueName: 'Clare Winnicott Essay Awards',
};
const invitation = {
  dueAt: new Date('2027-03-01T12:00:00Z'),
  respondBy: new Date('2027-02-01T12:00:00Z'),
  link: 'https://example.org/invitations/abc',
  blindMode: 'double' as const,
};

describe('mails to reviewers and judges', () => {
  it('speak of judges and entries for an award, in every subject and body', () => {
    const mail = invitationMail(reader, { ...work, ...invitation, venueKind: 'award' });
    expect(mail.subject).toContain('judge an entry');
    expect(mail.text).toContain('be a judge of this entry');
    expect(mail.text).toContain('The judging is double-blind');
    expect(`${mail.subject} ${mail.text}`).not.toMatch(/\breview(er)?s?\b/i);
    const cancelled = noLongerNeededMail(reader, { ...work, venueKind: 'award' });
    expect(cancelled.text).toContain('The entry CWA-2027-0003');
    expect(cancelled.text).toContain('no longer needs your judging');
    expect(`${cancelled.subject} ${cancelled.text}`).not.toMatch(/\b(review(er)?s?|submission|manuscript)\b/i);
  });

  it('write both dates in the reader’s own time zone, naming the zone', () => {
    const paris = invitationMail(reader, { ...work, ...invitation, venueKind: 'award' });
    expect(paris.text).toContain('due by 1 March 2027 at 13:00 (Europe/Paris time)');
    expect(paris.text).toContain('answer by 1 February 2027 at 13:00 (Europe/Paris time)');
    const auckland = invitationMail(
      { ...reader, timeZone: 'Pacific/Auckland' },
      { ...work, ...invitation, venueKind: 'journal' },
    );
    expect(auckland.text).toContain('due by 2 March 2027 at 01:00 (Pacific/Auckland time)');
    expect(auckland.text).toContain('answer by 2 February 2027 at 01:00 (Pacific/Auckland time)');
  });

  it('speak of reviewers and submissions for the journal', () => {
    const mail = invitationMail(reader, { ...work, ...invitation, venueKind: 'journal' });
    expect(mail.subject).toBe('Would you review a submission for Clare Winnicott Essay Awards? (CWA-2027-0003)');
    expect(mail.text).toContain('be a reviewer of this submission');
    expect(mail.text).toContain('https://example.org/invitations/abc');
    expect(noLongerNeededMail(reader, { ...work, venueKind: 'journal' }).text).toContain(
      'The submission CWA-2027-0003',
    );
  });

  it('say who will see whose name, as the call’s mode says', () => {
    const said = (blindMode: 'double' | 'single' | 'open') =>
      invitationMail(reader, { ...work, ...invitation, blindMode, venueKind: 'journal' }).text;
    expect(said('double')).toContain(
      'The review is double-blind: you read an anonymised copy, and the authors will not learn who you are.',
    );
    expect(said('single')).toContain(
      'The review is single-blind: you will see who wrote the submission, and the authors will not learn who you are.',
    );
    expect(said('open')).toContain(
      'The review is open: you will see who wrote the submission, and the authors may learn who you are.',
    );
  });
});
