import { describe, expect, it } from 'vitest';
import { invitationMail, noLongerNeededMail } from './reviewer-mail.ts';

const reader = { personId: null, name: 'Jo Judge', email: 'jo@example.org', timeZone: 'Europe/Paris' };
const work = {
  code: 'CWA-2027-0003',
  title: 'Holding on',
  abstract: 'An essay about staying.',
  callTitle: 'Clare Winnicott Essay Award 2027',
  venueName: 'Clare Winnicott Essay Awards',
};

describe('mails to reviewers and judges', () => {
  it('speak of judges and entries for an award, with dates in the reader’s zone', () => {
    const mail = invitationMail(reader, {
      ...work,
      venueKind: 'award',
      dueAt: new Date('2027-03-01T12:00:00Z'),
      respondBy: new Date('2027-02-01T12:00:00Z'),
      link: 'https://example.org/invitations/abc',
    });
    expect(mail.subject).toContain('judge an entry');
    expect(mail.text).toContain('be a judge of this entry');
    expect(mail.text).toContain('1 March 2027 at 13:00 (Europe/Paris time)');
    expect(`${mail.subject} ${mail.text}`).not.toMatch(/\breview(er)?s?\b/i);
    expect(noLongerNeededMail(reader, { ...work, venueKind: 'award' }).text).toContain('no longer needs your judging');
  });

  it('speak of reviewers and submissions for the journal', () => {
    const mail = invitationMail(reader, {
      ...work,
      venueKind: 'journal',
      dueAt: new Date('2027-03-01T12:00:00Z'),
      respondBy: new Date('2027-02-01T12:00:00Z'),
      link: 'https://example.org/invitations/abc',
    });
    expect(mail.text).toContain('be a reviewer of this submission');
    expect(mail.text).toContain('https://example.org/invitations/abc');
  });
});
