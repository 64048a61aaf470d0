// Every kind of message the system sends, in one list: the editor's Emails page, the API and the
// tests read it. Adding a message: define its kind beside the function that drafts it (see
// reminder-mail.ts), then add the kind to this list.
import { accountKinds } from '../accounts/account-mail.ts';
import { erasureKinds } from '../data-protection/erasure/erasure-mail.ts';
import { exportKinds } from '../data-protection/export/export-mail.ts';
import { retentionKinds } from '../data-protection/retention/retention-mail.ts';
import { awardJournalKinds } from './award-journal-mail.ts';
import { awardKinds } from './award-mail.ts';
import { decisionKinds } from './decision-mail.ts';
import { editorKinds } from './editor-assignment-mail.ts';
import { escalationKinds } from './escalation-mail.ts';
import { extensionKinds } from './extension-mail.ts';
import type { MailKind } from './mail-kind.ts';
import { reminderKinds } from './reminder-mail.ts';
import { reviewerKinds } from './reviewer-mail.ts';
import { submissionKinds } from './submission-mail.ts';

export const catalogue: readonly MailKind[] = [
  ...accountKinds,
  ...submissionKinds,
  ...reviewerKinds,
  ...reminderKinds,
  ...extensionKinds,
  ...editorKinds,
  ...escalationKinds,
  ...decisionKinds,
  ...awardKinds,
  ...awardJournalKinds,
  ...retentionKinds,
  ...erasureKinds,
  ...exportKinds,
] as unknown as MailKind[];

const byKey = new Map(catalogue.map((kind) => [kind.key, kind]));

export function mailKind(key: string): MailKind | undefined {
  return byKey.get(key);
}

/** The kinds a venue's editors may reword: all but the site-wide account messages. */
export const venueKinds = catalogue.filter((kind) => kind.audience !== 'account');
