import { expect, test } from 'vitest';
import type { AuthorView, MySubmission } from '../api/types.ts';
import { closedCallOf, closedCallOfRow, hasClosed } from './closed-call.ts';

const now = Date.parse('2026-12-15T12:00:00Z');
const call = {
  id: 'c1',
  title: 'Essay Awards 2027',
  venueName: 'Clare Winnicott Essay Awards',
  venueKind: 'award',
  venueContactEmail: 'awards@example.org',
  deadlineAt: '2026-12-01T00:00:00.000Z',
  timeZone: 'Europe/London',
} as const;
const draft = (overrides: Partial<AuthorView> = {}) =>
  ({ status: 'draft', deadlineExtendedTo: null, call, ...overrides }) as AuthorView;

test('a deadline that has passed closes the draft; a rolling call never closes', () => {
  expect(hasClosed('2026-12-15T12:00:00.000Z', now)).toBe(true);
  expect(hasClosed('2026-12-15T12:00:01.000Z', now)).toBe(false);
  expect(hasClosed(null, now)).toBe(false);
});

test('a closed draft says when and whom to ask; an extension that still runs reopens it', () => {
  expect(closedCallOf(draft(), now)).toEqual({
    closedAt: '2026-12-01T00:00:00.000Z',
    timeZone: 'Europe/London',
    venueName: 'Clare Winnicott Essay Awards',
    contactEmail: 'awards@example.org',
  });
  expect(closedCallOf(draft({ deadlineExtendedTo: '2026-12-20T00:00:00.000Z' }), now)).toBeNull();
  expect(closedCallOf(draft({ deadlineExtendedTo: '2026-12-10T00:00:00.000Z' }), now)?.closedAt).toBe(
    '2026-12-10T00:00:00.000Z',
  );
  // Only drafts: a sent submission has nothing left to submit.
  expect(closedCallOf(draft({ status: 'submitted' }), now)).toBeNull();
});

test('a line of My submissions uses its own deadline (the extension already counted)', () => {
  const row = {
    status: 'draft',
    deadlineAt: '2026-12-01T00:00:00.000Z',
    timeZone: 'Europe/London',
    venueName: 'Journal of Social Work Practice',
    venueContactEmail: null,
  } as MySubmission;
  expect(closedCallOfRow(row, now)).toMatchObject({ contactEmail: null, venueName: 'Journal of Social Work Practice' });
  expect(closedCallOfRow({ ...row, deadlineAt: '2027-01-01T00:00:00.000Z' }, now)).toBeNull();
});
