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

  it('lets every linked author read a submission, only the submitter change it, and no author manage it', () => {
    const submission = { venueId: venueA, submitterId: 's', authorPersonIds: ['s', 'p'] };
    const coAuthorEditor = viewer({ editorOfVenueIds: [venueA], isAdmin: true });
    expect(can(coAuthorEditor, { kind: 'submission.read_as_author', submission })).toBe(true);
    expect(can(coAuthorEditor, { kind: 'submission.act_as_author', submission })).toBe(false);
    expect(can(coAuthorEditor, { kind: 'submission.manage', submission })).toBe(false);
    const submitter = viewer({ personId: 's' });
    expect(can(submitter, { kind: 'submission.act_as_author', submission })).toBe(true);
    const editor = viewer({ personId: 'e', editorOfVenueIds: [venueA] });
    expect(can(editor, { kind: 'submission.manage', submission })).toBe(true);
    expect(can(editor, { kind: 'submission.read_as_author', submission })).toBe(false);
  });

  it('shows open calls to everyone, and closed ones to their editors and authors only', () => {
    const open = { venueId: venueA, isOpen: true, authorPersonIds: [] };
    const closed = { venueId: venueA, isOpen: false, authorPersonIds: [] };
    expect(can(null, { kind: 'call.read', call: open })).toBe(true);
    expect(can(null, { kind: 'call.read', call: closed })).toBe(false);
    expect(can(viewer(), { kind: 'call.read', call: closed })).toBe(false);
    expect(can(viewer(), { kind: 'call.read', call: { ...closed, authorPersonIds: ['p'] } })).toBe(true);
    expect(can(viewer({ editorOfVenueIds: [venueA] }), { kind: 'call.read', call: closed })).toBe(true);
    expect(can(viewer({ editorOfVenueIds: [venueB] }), { kind: 'call.read', call: closed })).toBe(false);
  });

  it('answers 401 to nobody and 404 (not 403) to someone without the right', () => {
    expect(() => authorize(null, { kind: 'audit.read' })).toThrow(expect.objectContaining({ statusCode: 401 }));
    expect(() => authorize(viewer(), { kind: 'audit.read' })).toThrow(expect.objectContaining({ statusCode: 404 }));
  });

  it('lets a reviewer reach their own assignment only', () => {
    const assignment = { id: 'a1', reviewerId: 'p', venueId: venueA, submissionId: 's1' };
    expect(can(viewer(), { kind: 'assignment.review', assignment })).toBe(true);
    expect(can(viewer({ personId: 'q' }), { kind: 'assignment.review', assignment })).toBe(false);
    // An editor of the venue manages the submission; the reviewer's own pages stay the reviewer's.
    expect(can(viewer({ personId: 'q', editorOfVenueIds: [venueA] }), { kind: 'assignment.review', assignment })).toBe(
      false,
    );
  });

  it('keeps a session made from an invitation link to its one assignment', () => {
    const scoped = viewer({ assignmentScope: 'a1', isAdmin: true, editorOfVenueIds: [venueA] });
    const assignment = { id: 'a1', reviewerId: 'p', venueId: venueA, submissionId: 's1' };
    expect(can(scoped, { kind: 'assignment.review', assignment })).toBe(true);
    expect(can(scoped, { kind: 'assignment.review', assignment: { ...assignment, id: 'a2' } })).toBe(false);
    expect(can(scoped, { kind: 'account.use' })).toBe(false);
    expect(can(scoped, { kind: 'venue.manage', venueId: venueA })).toBe(false);
    expect(can(scoped, { kind: 'people.manage' })).toBe(false);
  });
});
