// The one message the retention sweep sends: to the author of a draft nobody has touched for the
// venue's period, 30 days before the sweep deletes it. Opening the draft (or changing it) keeps it.
import {
  defineMailKind,
  draftOf,
  readerName,
  signOff,
  venueValues,
  venueVariables,
} from '../../mail-templates/mail-kind.ts';
import type { Recipient, VenueKind } from '../../mail-templates/words.ts';

/** How long an author has, after the warning, to open a draft before the sweep deletes it. */
export const DRAFT_NOTICE_DAYS = 30;

export const draftDeletionNoticeKind = defineMailKind({
  key: 'retention.draft_deletion_notice',
  audience: 'author',
  title: 'An unfinished draft will be deleted',
  description: `Sent to the author of a draft nobody has changed for the venue's retention period (18 months unless the admin changed it), ${DRAFT_NOTICE_DAYS} days before it is deleted. Opening the draft keeps it.`,
  variables: {
    name: readerName,
    title: { description: 'The title of the draft (or "Untitled draft")', kind: 'text', sample: 'Holding the frame' },
    call: { description: 'The call it was started for', kind: 'text', sample: 'Open submissions 2027' },
    last_changed: {
      description: 'When the draft was last changed, in the reader’s time zone',
      kind: 'date',
      sample: new Date('2025-06-01T10:30:00Z'),
    },
    delete_after: {
      description: 'When the draft will be deleted unless it is opened, in the reader’s time zone',
      kind: 'date',
      sample: new Date('2027-01-31T10:30:00Z'),
    },
    link: {
      description: 'The draft’s page (opening it keeps the draft)',
      kind: 'link',
      sample: 'https://submissions.example.org/submissions/sample',
    },
    ...venueVariables,
  },
  subject: `Your unfinished draft will be deleted in ${DRAFT_NOTICE_DAYS} days unless you open it`,
  text: `Dear {{ name }},

You started a {{ work }} for {{ venue }} and have not changed it since {{ last_changed }}:

  Title: {{ title }}
  Call: {{ call }}

We keep unfinished drafts for a limited time only. Your draft will be deleted in ${DRAFT_NOTICE_DAYS} days, after {{ delete_after }}, with its files, unless you open it.

To keep it, sign in and open it here: {{ link }}

If you no longer need it, you do not have to do anything.

${signOff}`,
  html: null,
});

export const retentionKinds = [draftDeletionNoticeKind];

export function draftDeletionNoticeMail(
  to: Recipient,
  draft: {
    venueId: string;
    venueName: string;
    venueKind: VenueKind;
    title: string;
    callTitle: string;
    lastChanged: Date;
    deleteAfter: Date;
    link: string;
  },
) {
  return draftOf(draftDeletionNoticeKind, {
    venueId: draft.venueId,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    values: {
      name: to.name,
      title: draft.title.trim() || 'Untitled draft',
      call: draft.callTitle,
      last_changed: draft.lastChanged,
      delete_after: draft.deleteAfter,
      link: draft.link,
      ...venueValues(draft.venueName, draft.venueKind),
    },
  });
}
