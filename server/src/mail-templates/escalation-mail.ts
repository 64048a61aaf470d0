// The editors' one message about reviews (or scores) still overdue after every reminder the policy
// gives: one per reader per sweep, listing each late one. Reviewers by number only, and nothing a
// reviewer wrote, as in editor-assignment-mail.ts: the reader may be an author of another submission
// of the venue (the list leaves out their own) or the venue's shared address.
import { venueWords } from '../venues/venue-words.ts';
import type { EditorReader } from './editor-assignment-mail.ts';
import { defineMailKind, draftOf, venueValues, venueVariables } from './mail-kind.ts';
import { dateTimeFor, type VenueKind } from './words.ts';

export interface OverdueReview {
  code: string;
  reviewerNumber: number;
  dueAt: Date;
  /** The call's zone: used for a reader without an account (the venue's address). */
  callTimeZone: string;
  /** The submission's page. */
  link: string;
}

export interface EscalationReader extends EditorReader {
  /** Their account's zone; null for the venue's address. */
  timeZone: string | null;
}

const DAY = 86_400_000;

export const escalationKind = defineMailKind({
  key: 'reminder.escalation',
  audience: 'editor',
  title: 'Reviews overdue after every reminder',
  description:
    'Sent to the editors once a review is still overdue after the last reminder the call sends, listing every such review (reviewers by number only).',
  variables: {
    count: { description: 'How many reviews are listed', kind: 'number', sample: 2 },
    overdue_list: {
      description:
        'The list: one line per review (code, reviewer number, due date in your zone, days overdue) and its page',
      kind: 'text',
      sample:
        '- JSWP-2027-0001, reviewer 2: due 1 March 2027 at 17:00 (Europe/London time), 23 days overdue\n  https://submissions.example.org/submissions/sample',
    },
    ...venueVariables,
  },
  subject:
    '{{ venue }}: {{ count }} {% if judging %}{% if count == 1 %}score{% else %}scores{% endif %}{% else %}{% if count == 1 %}review{% else %}reviews{% endif %}{% endif %} overdue after every reminder',
  text: `Hello,

{% if count == 1 %}This {% if judging %}score is{% else %}review is{% endif %} still overdue, although the {{ reviewer }} has{% else %}These {% if judging %}scores{% else %}reviews{% endif %} are still overdue, although their {{ reviewers }} have{% endif %} had every reminder the call sends. You may want to write to {% if count == 1 %}them{% else %}each{% endif %} yourself, extend the due date, or invite someone else.

{{ overdue_list }}

{{ reviewers | capitalize }} are named by number here; their names are on each {{ work }}'s page.

GAPS Submissions`,
  html: null,
});

export function escalationMail(
  to: EscalationReader,
  venue: { id: string; name: string; kind: VenueKind },
  overdue: OverdueReview[],
  now: Date,
) {
  const words = venueWords(venue.kind);
  const lines = overdue.map((r) => {
    const late = Math.floor((now.getTime() - r.dueAt.getTime()) / DAY);
    return `- ${r.code}, ${words.reviewer} ${r.reviewerNumber}: due ${dateTimeFor(r.dueAt, to.timeZone ?? r.callTimeZone)}, ${late} ${late === 1 ? 'day' : 'days'} overdue
  ${r.link}`;
  });
  return draftOf(escalationKind, {
    venueId: venue.id,
    to: { email: to.email, personId: to.personId, ...(to.timeZone ? { timeZone: to.timeZone } : {}) },
    values: { count: overdue.length, overdue_list: lines.join('\n'), ...venueValues(venue.name, venue.kind) },
  });
}

export const escalationKinds = [escalationKind];
