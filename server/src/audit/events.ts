// Every kind of audit event, one union. Stored payloads are frozen: changing a shape needs a
// migration of the old rows, so add a new event kind instead.
import type { DB } from '@gaps/db';
import { type AuditContext, appendAuditEvent, type ReviewCopyEvent } from '@gaps/workers/shared';
import type { Kysely, Transaction } from 'kysely';

export type { AuditContext, SystemActor } from '@gaps/workers/shared';

export type AuditEvent =
  | { action: 'account.registered'; objectType: 'person'; objectId: string; details: { email: string } }
  | { action: 'account.email_verified'; objectType: 'person'; objectId: string; details: { email: string } }
  /** An editor invited someone without an account: a person with no password, until they set one. */
  | { action: 'account.created_for_invitation'; objectType: 'person'; objectId: string; details: { email: string } }
  | { action: 'account.signed_in'; objectType: 'person'; objectId: string; details: Record<string, never> }
  | { action: 'account.sign_in_failed'; objectType: 'person'; objectId: string | null; details: { email: string } }
  | { action: 'account.signed_out'; objectType: 'person'; objectId: string; details: Record<string, never> }
  | {
      action: 'account.password_reset_requested';
      objectType: 'person';
      objectId: string;
      details: Record<string, never>;
    }
  | {
      action: 'account.password_changed';
      objectType: 'person';
      objectId: string;
      details: { via: 'reset' | 'profile' };
    }
  | { action: 'account.email_change_requested'; objectType: 'person'; objectId: string; details: { newEmail: string } }
  | { action: 'account.email_changed'; objectType: 'person'; objectId: string; details: { from: string; to: string } }
  | { action: 'account.profile_updated'; objectType: 'person'; objectId: string; details: { fields: string[] } }
  | { action: 'account.data_exported'; objectType: 'person'; objectId: string; details: Record<string, never> }
  // Data protection (data-protection/): requests are logged by their id, never by the person's identity.
  | {
      action:
        | 'privacy.export_requested'
        | 'privacy.export_ready'
        | 'privacy.export_downloaded'
        | 'privacy.erasure_requested'
        | 'privacy.erasure_confirmed'
        | 'privacy.erasure_cancelled';
      objectType: 'person';
      objectId: string;
      details: { requestId: string; onRequestOf?: 'self' | 'admin' };
    }
  /** What an erasure removed and kept, as counts: the erased data itself is never written here. */
  | {
      action: 'privacy.erased';
      objectType: 'person';
      objectId: string;
      details: { requestId: string; removed: Record<string, number>; kept: Record<string, number> };
    }
  // A request that came by letter, phone or e-mail, recorded by an admin, and its answer outside the
  // system (data-protection/log/recorded-requests.ts). The admin's notes stay in the log, not here.
  | {
      action: 'privacy.request_recorded';
      objectType: 'person';
      objectId: string;
      details: { requestId: string; kind: 'export' | 'erasure'; receivedOn: string };
    }
  | {
      action: 'privacy.request_answered';
      objectType: 'person';
      objectId: string;
      details: { requestId: string; answeredOn: string };
    }
  | { action: 'privacy.request_cancelled'; objectType: 'person'; objectId: string; details: { requestId: string } }
  | {
      action: 'retention.swept';
      objectType: 'retention_run';
      objectId: string;
      details: { counts: Record<string, number> };
    }
  | { action: 'retention.settings_updated'; objectType: 'venue'; objectId: string; details: { fields: string[] } }
  | {
      action: 'role.granted' | 'role.revoked';
      objectType: 'person';
      objectId: string;
      details: { role: 'admin' | 'editor'; venueId: string | null };
    }
  | {
      action: 'reviewer_pool.added' | 'reviewer_pool.removed';
      objectType: 'venue';
      objectId: string;
      details: { personId: string };
    }
  | {
      action: 'reviewer_pool.updated';
      objectType: 'venue';
      objectId: string;
      /** The API's names of the fields changed (expertise, employer, availability…), not their values. */
      details: { personId: string; fields: string[] };
    }
  // An editor records that this person must not review this submission.
  | { action: 'conflict.declared'; objectType: 'submission'; objectId: string; details: { personId: string } }
  // A venue's own words for a kind of message (mail-templates/), saved or taken back to the default.
  | {
      action: 'mail_template.saved' | 'mail_template.reset';
      objectType: 'venue';
      objectId: string;
      details: { key: string; title: string };
    }
  // The words of a site-wide (account) e-mail, saved or taken back to the default by an admin.
  | {
      action: 'mail_template.site_saved' | 'mail_template.site_reset';
      objectType: 'site';
      objectId: null;
      details: { key: string; title: string };
    }
  | {
      action: 'venue.contact_changed';
      objectType: 'venue';
      objectId: string;
      details: { from: string | null; to: string };
    }
  | {
      action: 'call.created' | 'call.updated';
      objectType: 'call';
      objectId: string;
      details: { title: string; deadlineAt: string | null };
    }
  | { action: 'submission.started'; objectType: 'submission'; objectId: string; details: { callId: string } }
  | {
      action: 'submission.draft_deleted';
      objectType: 'submission';
      objectId: string;
      details: { callId: string; title: string; filesRemoved: number };
    }
  | {
      action: 'submission.status_changed';
      objectType: 'submission';
      objectId: string;
      details: { from: string; to: string; code: string | null; reason?: string };
    }
  | {
      action: 'submission.manuscript_uploaded';
      objectType: 'submission';
      objectId: string;
      details: { versionNumber: number; sha256: string; sizeBytes: number };
    }
  | {
      action: 'submission.authorship_confirmed';
      objectType: 'submission';
      objectId: string;
      /** linkedPersonId: the account the author row was linked to on confirming, if any. */
      details: { authorEmail: string; linkedPersonId: string | null };
    }
  | { action: 'submission.deadline_extended'; objectType: 'submission'; objectId: string; details: { until: string } }
  // A journal decision (decisions/): its letter waits in the outbox until the venue's hold ends, and
  // may be rescinded, with a reason, until then. Reviewers are counted, never named.
  | {
      action: 'decision.recorded';
      objectType: 'submission';
      objectId: string;
      details: { decisionId: string; outcome: string; round: number; from: string; sendAfter: string | null };
    }
  | {
      action: 'decision.rescinded';
      objectType: 'submission';
      objectId: string;
      details: { decisionId: string; outcome: string; round: number; reason: string; backTo: string };
    }
  | {
      action: 'submission.production_changed';
      objectType: 'submission';
      objectId: string;
      details: { from: string | null; to: string | null };
    }
  | {
      action: 'venue.decision_settings_changed';
      objectType: 'venue';
      objectId: string;
      details: { decisionReviewerMail: string; letterHoldMinutes: number };
    }
  // Assignment moves, written by its state machine (server/src/assignments/assignment-state.ts).
  // Reviewers appear by number only: this trail is read where identities must not travel.
  | {
      action: 'assignment.status_changed';
      objectType: 'assignment';
      objectId: string;
      details: {
        from: string;
        to: string;
        submissionId: string;
        round: number;
        reviewerNumber: number;
        reason?: string;
      };
    }
  // A venue's rubrics (server/src/rubrics/): the criteria count, not their words, is enough to tell edits apart.
  | {
      action: 'rubric.created' | 'rubric.updated';
      objectType: 'rubric';
      objectId: string;
      details: { venueId: string; name: string; criteria: number };
    }
  // A review the editor reopened for its reviewer to change (named by number only, as above).
  | {
      action: 'review.reopened';
      objectType: 'assignment';
      objectId: string;
      details: { submissionId: string; round: number; reviewerNumber: number };
    }
  // Invitations and alternates (server/src/assignments/). The reviewer is named by number; the
  // alternates' person ids are for the editors' log only.
  | {
      action: 'assignment.invited';
      objectType: 'assignment';
      objectId: string;
      details: {
        submissionId: string;
        round: number;
        reviewerNumber: number;
        dueAt: string;
        /** The editor's reason for inviting despite these conflicts (reasons only, no names). */
        conflictOverride: { reason: string; conflicts: string[] } | null;
        viaAlternate: boolean;
      };
    }
  | {
      action: 'assignment.due_date_changed';
      objectType: 'assignment';
      objectId: string;
      details: { submissionId: string; reviewerNumber: number; from: string | null; to: string };
    }
  | {
      action: 'assignment.alternate_added' | 'assignment.alternate_removed';
      objectType: 'submission';
      objectId: string;
      details: { personId: string; round: number; conflictOverride: string | null };
    }
  | {
      action: 'assignment.alternate_skipped';
      objectType: 'submission';
      objectId: string;
      details: { personId: string; round: number; why: 'conflict' | 'already_invited' };
    }
  // The editor's reminder controls (server/src/reminders/assignment-controls.ts): reviewer by number only.
  | {
      action:
        | 'assignment.reminders_paused'
        | 'assignment.reminders_resumed'
        | 'assignment.reminder_sent_by_hand'
        | 'assignment.attention_dismissed'
        | 'assignment.marked_unresponsive';
      objectType: 'assignment';
      objectId: string;
      details: { submissionId: string; reviewerNumber: number; until?: string | null; alternateInvited?: boolean };
    }
  // A reviewer's request for more time and the editor's answer (server/src/extensions/).
  | {
      action: 'extension.requested' | 'extension.granted' | 'extension.refused';
      objectType: 'assignment';
      objectId: string;
      details: { requestId: string; submissionId: string; reviewerNumber: number; dueAt: string | null };
    }
  | {
      action: 'call.reminder_policy_changed';
      objectType: 'call';
      objectId: string;
      details: { policy: Record<string, unknown> | null; invitationDays: number };
    }
  // The first download of a review copy by its reviewer made this assignment's trace code
  // (server/src/trace-codes/): from then on every copy they download carries it in the footer.
  | {
      action: 'assignment.trace_code_issued';
      objectType: 'assignment';
      objectId: string;
      details: { submissionId: string; round: number; reviewerNumber: number; traceCode: string };
    }
  // The award panel's steps on a call (server/src/awards/): lock, un-blind, results, announce.
  // Entries appear by submission (their code in the log), entrants never by name.
  | {
      action: 'award.ranking_locked';
      objectType: 'call';
      objectId: string;
      details: { entries: number; missingMarks: number };
    }
  | { action: 'award.unblinded'; objectType: 'call'; objectId: string; details: Record<string, never> }
  | {
      action: 'award.outcome_set';
      objectType: 'submission';
      objectId: string;
      details: { callId: string; from: string; to: string };
    }
  | {
      action: 'award.eligibility_checked';
      objectType: 'submission';
      objectId: string;
      details: { callId: string; eligibility: 'eligible' | 'ineligible' };
    }
  | {
      action: 'award.winner_moved_up';
      objectType: 'submission';
      objectId: string;
      details: { callId: string; replacedSubmissionId: string; replacedCode: string };
    }
  | {
      action: 'award.announced';
      objectType: 'call';
      objectId: string;
      details: { winners: number; commended: number; others: number };
    }
  // An award entrant offers their announced winning or commended essay to the journal, or takes the
  // offer back (server/src/awards/journal/); the editors then move it in as a journal submission.
  | {
      action: 'award.journal_consent_given' | 'award.journal_consent_withdrawn';
      objectType: 'submission';
      objectId: string;
      details: Record<string, never>;
    }
  | {
      action: 'award.moved_to_journal';
      objectType: 'submission';
      objectId: string;
      details: { journalSubmissionId: string; journalCode: string; callId: string };
    }
  // The review copy's moves, written by its state machine (workers/src/pdf-anonymisation/review-copy-state.ts).
  | ReviewCopyEvent;

/** Append one event; call it inside the transaction that makes the change. */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, context: AuditContext, event: AuditEvent) {
  await appendAuditEvent(db, context, event);
}
