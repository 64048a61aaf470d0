import { describe, expect, it } from 'vitest';
import { authorize, can, type Viewer } from './permissions.ts';

const venueA = '11111111-1111-4111-8111-111111111111';
const venueB = '22222222-2222-4222-8222-222222222222';
const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  personId: 'p',
  email: 'p@example.org',
  name: 'P',
  isAdmin: false,
  editorOfVenueIds: [],
  ...over,
});

describe('can', () => {
  it('denies everything to nobody', () => {
    expect(can(null, { kind: 'account.use' })).toBe(false);
    expect(can(null, { kind: 'venue.manage', venueId: venueA })).toBe(false);
  });

  it('lets editors manage only their own venues', () => {
    const editor = viewer({ editorOfVenueIds: [venueA] });
    expect(can(editor, { kind: 'venue.manage', venueId: venueA })).toBe(true);
    expect(can(editor, { kind: 'venue.manage', venueId: venueB })).toBe(false);
    expect(can(editor, { kind: 'people.manage' })).toBe(false);
  });

  it('keeps admin pages for admins', () => {
    for (const kind of ['people.manage', 'audit.read', 'mail.read'] as const) {
      expect(can(viewer(), { kind })).toBe(false);
      expect(can(viewer({ isAdmin: true }), { kind })).toBe(true);
    }
  });

  it('denies an action it does not know', () => {
    expect(can(viewer({ isAdmin: true }), { kind: 'made.up' } as never)).toBe(false);
  });

  it('answers 401 to nobody and 404 (not 403) to someone without the right', () => {
    expect(() => authorize(null, { kind: 'audit.read' })).toThrow(expect.objectContaining({ statusCode: 401 }));
    expect(() => authorize(viewer(), { kind: 'audit.read' })).toThrow(expect.objectContaining({ statusCode: 404 }));
  });
});
