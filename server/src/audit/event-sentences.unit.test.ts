import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EventFacts, eventSentence, eventSentences } from './event-sentences.ts';

/** Every action literal in the union's source (and the review copy's part of it, kept by the workers). */
function actionsInUnion(): string[] {
  const sources = [
    new URL('./events.ts', import.meta.url),
    new URL('../../../workers/src/pdf-anonymisation/review-copy-state.ts', import.meta.url),
  ].map((file) => readFileSync(file, 'utf8'));
  const actions = new Set<string>();
  for (const source of sources) {
    for (const line of source.matchAll(/action:\s*((?:'[a-z_.]+'\s*\|?\s*)+)/g)) {
      for (const literal of line[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(literal[1]!);
    }
  }
  return [...actions].sort();
}

const facts = (overrides: Partial<EventFacts>): EventFacts => ({
  action: 'submission.status_changed',
  details: {},
  actorName: null,
  systemActor: null,
  subjectName: null,
  submissionCode: null,
  venueName: null,
  venueKind: 'journal',
  callTitle: null,
  ...overrides,
});

describe('audit events in words', () => {
  it('has a sentence for every action in the audit event union', () => {
    const actions = actionsInUnion();
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((action) => !(action in eventSentences))).toEqual([]);
  });

  it('names the person, the submission by its code, and uses the award’s words', () => {
    const returned = { action: 'submission.status_changed', details: { from: 'screening', to: 'revision_requested' } };
    expect(eventSentence(facts({ ...returned, actorName: 'Dana Editor', submissionCode: 'JSWP-2027-0042' }))).toBe(
      'Dana Editor returned JSWP-2027-0042 to the author.',
    );
    expect(
      eventSentence(
        facts({ ...returned, actorName: 'Dana Editor', submissionCode: 'CWEA-2027-017', venueKind: 'award' }),
      ),
    ).toBe('Dana Editor returned CWEA-2027-017 to the entrant.');
    expect(
      eventSentence(
        facts({
          details: { from: 'screening', to: 'in_review' },
          actorName: 'Dana',
          submissionCode: 'CWEA-2027-017',
          venueKind: 'award',
        }),
      ),
    ).toBe('Dana sent CWEA-2027-017 to the judges.');
  });

  it('says the system did what the workers do, and names an action it does not know', () => {
    const made = facts({
      action: 'review_copy.status_changed',
      details: { from: 'processing', to: 'ready' },
      systemActor: 'review_copy_worker',
      submissionCode: 'JSWP-2027-0042',
    });
    expect(eventSentence(made)).toBe('The system made the review copy of JSWP-2027-0042.');
    expect(eventSentence(facts({ action: 'thing.new', details: null }))).toBe('Someone not signed in did “thing.new”.');
    expect(eventSentence(facts({ action: 'account.sign_in_failed', details: { email: 'x@example.org' } }))).toBe(
      'Someone failed to sign in as x@example.org.',
    );
  });

  it('says in words what happens to reviewers, judges, rubrics and conflicts, reviewers by number only', () => {
    const editor = { actorName: 'Eleanor Editor', submissionCode: 'JSWP-2026-0003', venueName: 'The Journal' };
    const reviewer = { actorName: 'Rhiannon Reviewer', submissionCode: 'JSWP-2026-0003' };
    const move = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
      action: 'assignment.status_changed',
      details: { from, to, submissionId: 'x', round: 1, reviewerNumber: 2, ...extra },
    });
    const cases: Array<[Partial<EventFacts>, string]> = [
      [
        {
          ...editor,
          action: 'assignment.invited',
          details: { reviewerNumber: 2, viaAlternate: false, conflictOverride: null },
        },
        'Eleanor Editor invited reviewer 2 to JSWP-2026-0003.',
      ],
      [
        {
          ...editor,
          venueKind: 'award',
          submissionCode: 'CWEA-2026-007',
          action: 'assignment.invited',
          details: { reviewerNumber: 1, viaAlternate: true, conflictOverride: { reason: 'r', conflicts: [] } },
        },
        'Eleanor Editor invited judge 1 to CWEA-2026-007 (the next alternate) despite a conflict of interest, giving a reason.',
      ],
      [
        { ...reviewer, ...move('invited', 'accepted') },
        'Rhiannon Reviewer accepted the invitation to review JSWP-2026-0003 as reviewer 2.',
      ],
      [
        { ...reviewer, ...move('invited', 'declined') },
        'Rhiannon Reviewer declined the invitation to review JSWP-2026-0003 as reviewer 2.',
      ],
      [
        { ...reviewer, venueKind: 'award', submissionCode: 'CWEA-2026-007', ...move('invited', 'declined') },
        'Rhiannon Reviewer declined the invitation to judge CWEA-2026-007 as judge 2.',
      ],
      [
        { systemActor: 'invitation_sweep', submissionCode: 'JSWP-2026-0003', ...move('invited', 'expired') },
        'The system closed the invitation of reviewer 2 to JSWP-2026-0003, unanswered in time.',
      ],
      [
        { ...reviewer, ...move('accepted', 'submitted') },
        'Rhiannon Reviewer submitted the review of JSWP-2026-0003 as reviewer 2.',
      ],
      [
        { ...editor, ...move('accepted', 'cancelled', { reason: 'Away' }) },
        'Eleanor Editor cancelled the assignment of reviewer 2 to JSWP-2026-0003 (“Away”).',
      ],
      [
        { ...editor, ...move('submitted', 'accepted') },
        'Eleanor Editor opened the review of reviewer 2 on JSWP-2026-0003 again for changes.',
      ],
      [
        { ...editor, venueKind: 'award', action: 'review.reopened', details: { reviewerNumber: 3 } },
        'Eleanor Editor reopened the scores of judge 3 on JSWP-2026-0003.',
      ],
      [
        { ...editor, action: 'assignment.due_date_changed', details: { reviewerNumber: 2, to: '2027-01-31' } },
        'Eleanor Editor changed the due date of reviewer 2 on JSWP-2026-0003 to 2027-01-31.',
      ],
      [
        { ...editor, subjectName: 'Alys Alternate', action: 'assignment.alternate_added', details: {} },
        'Eleanor Editor lined up Alys Alternate as an alternate reviewer for JSWP-2026-0003.',
      ],
      [
        { ...editor, subjectName: 'Alys Alternate', action: 'assignment.alternate_removed', details: {} },
        'Eleanor Editor removed Alys Alternate from the alternates for JSWP-2026-0003.',
      ],
      [
        {
          submissionCode: 'JSWP-2026-0003',
          subjectName: 'Alys Alternate',
          action: 'assignment.alternate_skipped',
          details: { why: 'conflict' },
        },
        'Someone not signed in passed over the alternate Alys Alternate for JSWP-2026-0003 (a conflict of interest without a reason to override it).',
      ],
      [
        { ...reviewer, action: 'assignment.trace_code_issued', details: { reviewerNumber: 2, traceCode: 'K7QX' } },
        'Rhiannon Reviewer downloaded the review copy as reviewer 2 for the first time; it carries the trace code K7QX.',
      ],
      [
        { ...editor, action: 'rubric.created', details: { name: 'Award rubric' } },
        'Eleanor Editor made the rubric “Award rubric” for The Journal.',
      ],
      [
        { ...editor, action: 'rubric.updated', details: { name: 'Award rubric' } },
        'Eleanor Editor changed the rubric “Award rubric” of The Journal.',
      ],
      [
        { ...editor, subjectName: 'Colin Colleague', action: 'conflict.declared', details: {} },
        'Eleanor Editor recorded that Colin Colleague has a conflict with JSWP-2026-0003 and should not review it.',
      ],
      [
        { ...editor, subjectName: 'Pat Practitioner', action: 'reviewer_pool.added', details: {} },
        'Eleanor Editor added Pat Practitioner to the reviewers of The Journal.',
      ],
      [
        {
          ...editor,
          subjectName: 'Pat Practitioner',
          venueKind: 'award',
          action: 'reviewer_pool.removed',
          details: {},
        },
        'Eleanor Editor removed Pat Practitioner from the judges of The Journal.',
      ],
      [
        {
          ...editor,
          subjectName: 'Pat Practitioner',
          action: 'reviewer_pool.updated',
          details: { fields: ['employer'] },
        },
        'Eleanor Editor changed the details of Pat Practitioner among the reviewers of The Journal (employer).',
      ],
      [
        { ...editor, action: 'account.created_for_invitation', details: { email: 'pat@council.example' } },
        'Eleanor Editor invited pat@council.example, who had no account, and made one without a password.',
      ],
    ];
    for (const [event, sentence] of cases) expect(eventSentence(facts(event))).toBe(sentence);
    // Every new kind of event is among the cases above.
    const covered = new Set(cases.map(([event]) => event.action));
    const newKinds = actionsInUnion().filter((action) =>
      /^(assignment|review|rubric|conflict|reviewer_pool)\.|^account\.created_for_invitation$/.test(action),
    );
    expect(newKinds.filter((action) => !covered.has(action))).toEqual([]);
  });
});
