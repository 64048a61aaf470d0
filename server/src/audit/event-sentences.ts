// Each audit event as one plain sentence for the office manager ("Dana Editor returned
// JSWP-2027-0042 to the author"). One entry per action of the union in events.ts: the record's
// type and event-sentences.unit.test.ts both fail when an action has no sentence.
import { type AwardOutcome, awardOutcomeWords } from '../blinding/project-award-ranking.ts';
import { type DecisionOutcome, decisionLabels } from '../decisions/decision-rules.ts';
import { venueWords } from '../venues/venue-words.ts';
import type { AuditEvent, SystemActor } from './events.ts';

/** What the audit log's query joins to an event: names, not ids. */
export interface EventFacts {
  action: string;
  details: unknown;
  actorName: string | null;
  systemActor: string | null;
  subjectName: string | null;
  submissionCode: string | null;
  venueName: string | null;
  venueKind: string | null;
  callTitle: string | null;
}

const systemNames: Record<SystemActor, string> = {
  review_copy_worker: 'The system',
  demo_seed: 'The demo set-up',
  invitation_sweep: 'The system',
  retention_sweep: 'The scheduled retention sweep',
};

type Sentence = (event: EventFacts, d: Record<string, unknown>) => string;

const who = (e: EventFacts) =>
  e.actorName ?? systemNames[e.systemActor as SystemActor] ?? (e.systemActor ? 'The system' : 'Someone not signed in');
const whom = (e: EventFacts) => e.subjectName ?? 'an account that no longer exists';
/** The submission by its code, or "a draft" before it has one. */
const what = (e: EventFacts) => e.submissionCode ?? 'a draft';
const venue = (e: EventFacts) => e.venueName ?? 'a venue';
const words = (e: EventFacts) => venueWords(e.venueKind);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const outcomeWords = (value: unknown) => decisionLabels[value as DecisionOutcome] ?? text(value);

const statusMoves: Record<string, (e: EventFacts, from: string) => string> = {
  draft: (e) => `${who(e)} moved ${what(e)} back to draft`,
  submitted: (e, from) => (from === 'draft' ? `${who(e)} sent ${what(e)}` : `${who(e)} sent ${what(e)} again`),
  screening: (e) => `${who(e)} started checking ${what(e)}`,
  in_review: (e) => `${who(e)} sent ${what(e)} to the ${words(e).reviewers}`,
  revision_requested: (e) => `${who(e)} returned ${what(e)} to the ${words(e).author}`,
  decided: (e) => `${who(e)} made a decision on ${what(e)}`,
  withdrawn: (e) => `${who(e)} withdrew ${what(e)}`,
  desk_rejected: (e) => `${who(e)} turned down ${what(e)} without ${words(e).review}`,
};

const copyMoves: Record<string, (e: EventFacts) => string> = {
  queued: (e) => `${who(e)} queued the review copy of ${what(e)} to be made again`,
  processing: (e) => `${who(e)} started making the review copy of ${what(e)}`,
  ready: (e) => `${who(e)} made the review copy of ${what(e)}`,
  needs_attention: (e) =>
    `${who(e)} made the review copy of ${what(e)} and found places that may identify the ${words(e).author}`,
  failed: (e) => `${who(e)} could not make the review copy of ${what(e)}`,
};

/** Reviewers appear in the log by number only (the assignment's events carry no person). */
const reviewerNo = (e: EventFacts, d: Record<string, unknown>) =>
  `${words(e).reviewer} ${typeof d.reviewerNumber === 'number' ? d.reviewerNumber : '?'}`;
/** "review" or "judge", the verb a venue uses. */
const reviewVerb = (e: EventFacts) => (words(e).review === 'judging' ? 'judge' : 'review');
/** What a reviewer hands in: a review, or a judge's scores. */
const reviewWork = (e: EventFacts) => (words(e).review === 'judging' ? 'scores' : 'review');

const assignmentMoves: Record<string, (e: EventFacts, d: Record<string, unknown>) => string> = {
  accepted: (e, d) =>
    d.from === 'submitted'
      ? `${who(e)} opened the ${reviewWork(e)} of ${reviewerNo(e, d)} on ${what(e)} again for changes`
      : `${who(e)} accepted the invitation to ${reviewVerb(e)} ${what(e)} as ${reviewerNo(e, d)}`,
  declined: (e, d) => `${who(e)} declined the invitation to ${reviewVerb(e)} ${what(e)} as ${reviewerNo(e, d)}`,
  expired: (e, d) => `${who(e)} closed the invitation of ${reviewerNo(e, d)} to ${what(e)}, unanswered in time`,
  submitted: (e, d) => `${who(e)} submitted the ${reviewWork(e)} of ${what(e)} as ${reviewerNo(e, d)}`,
  cancelled: (e, d) =>
    `${who(e)} cancelled the assignment of ${reviewerNo(e, d)} to ${what(e)}${text(d.reason) ? ` (“${text(d.reason)}”)` : ''}`,
};

export const eventSentences: Record<AuditEvent['action'], Sentence> = {
  'account.registered': (e, d) => `${whom(e)} signed up as ${text(d.email)}`,
  'account.email_verified': (e) => `${whom(e)} confirmed their e-mail address`,
  'account.created_for_invitation': (e, d) =>
    `${who(e)} invited ${text(d.email)}, who had no account, and made one without a password`,
  'account.signed_in': (e) => `${whom(e)} signed in`,
  'account.sign_in_failed': (_e, d) => `Someone failed to sign in as ${text(d.email) || 'an unknown address'}`,
  'account.signed_out': (e) => `${whom(e)} signed out`,
  'account.password_reset_requested': (e) => `Someone asked for a new-password link for ${whom(e)}`,
  'account.password_changed': (e, d) =>
    d.via === 'reset' ? `${whom(e)} chose a new password from a reset link` : `${whom(e)} changed their password`,
  'account.email_change_requested': (e, d) => `${whom(e)} asked to change their e-mail address to ${text(d.newEmail)}`,
  'account.email_changed': (e, d) => `${whom(e)} changed their e-mail address from ${text(d.from)} to ${text(d.to)}`,
  'account.profile_updated': (e, d) => {
    const fields = Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === 'string') : [];
    return `${whom(e)} updated their profile${fields.length ? ` (${fields.join(', ')})` : ''}`;
  },
  'account.data_exported': (e) => `${whom(e)} downloaded a copy of their data`,
  'privacy.export_requested': (e, d) =>
    d.onRequestOf === 'admin'
      ? `${who(e)} asked, on their behalf, for a copy of everything held about ${whom(e)}`
      : `${whom(e)} asked for a copy of everything held about them`,
  'privacy.export_ready': (e) => `The copy of the data of ${whom(e)} was ready to download`,
  'privacy.export_downloaded': (e) => `${who(e)} downloaded the copy of the data of ${whom(e)}`,
  'privacy.erasure_requested': (e, d) =>
    d.onRequestOf === 'admin'
      ? `${who(e)} asked, on their request, to erase the account of ${whom(e)}`
      : `${whom(e)} asked to erase their account`,
  'privacy.erasure_confirmed': (e) => `The erasure of the account of ${whom(e)} was confirmed`,
  'privacy.erasure_cancelled': (e) => `The erasure of the account of ${whom(e)} was cancelled`,
  'privacy.erased': (e, d) => {
    const removed =
      d.removed && typeof d.removed === 'object' ? Object.values(d.removed as Record<string, unknown>) : [];
    const total = removed.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
    return `The account ${whom(e)} was erased (${total} ${total === 1 ? 'record' : 'records'} removed or anonymised)`;
  },
  'privacy.request_recorded': (e, d) =>
    `${who(e)} recorded a request from ${whom(e)}, received ${text(d.receivedOn)}, ${
      d.kind === 'erasure' ? 'to erase their account' : 'for a copy of their data'
    }`,
  'privacy.request_answered': (e, d) =>
    `${who(e)} recorded that the request from ${whom(e)} was answered on ${text(d.answeredOn)}`,
  'privacy.request_cancelled': (e) => `${who(e)} cancelled the recorded request from ${whom(e)}`,
  'retention.swept': (e, d) => {
    const counts = d.counts && typeof d.counts === 'object' ? Object.values(d.counts as Record<string, unknown>) : [];
    const total = counts.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
    return `${who(e)} ran the retention sweep, which deleted ${total} ${total === 1 ? 'record' : 'records'} kept past their time`;
  },
  'retention.settings_updated': (e, d) => {
    const fields = Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === 'string') : [];
    return `${who(e)} changed how long ${venue(e)} keeps personal data${fields.length ? ` (${fields.join(', ')})` : ''}`;
  },
  'role.granted': (e, d) =>
    d.role === 'admin' ? `${who(e)} made ${whom(e)} an admin` : `${who(e)} made ${whom(e)} an editor of ${venue(e)}`,
  'role.revoked': (e, d) =>
    d.role === 'admin'
      ? `${who(e)} removed ${whom(e)} as an admin`
      : `${who(e)} removed ${whom(e)} as an editor of ${venue(e)}`,
  'reviewer_pool.added': (e) => `${who(e)} added ${whom(e)} to the ${words(e).reviewers} of ${venue(e)}`,
  'reviewer_pool.removed': (e) => `${who(e)} removed ${whom(e)} from the ${words(e).reviewers} of ${venue(e)}`,
  'reviewer_pool.updated': (e, d) => {
    const fields = Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === 'string') : [];
    return `${who(e)} changed the details of ${whom(e)} among the ${words(e).reviewers} of ${venue(e)}${
      fields.length ? ` (${fields.join(', ')})` : ''
    }`;
  },
  'conflict.declared': (e) =>
    `${who(e)} recorded that ${whom(e)} has a conflict with ${what(e)} and should not ${reviewVerb(e)} it`,
  'mail_template.saved': (e, d) => `${who(e)} changed the e-mail “${text(d.title)}” of ${venue(e)}`,
  'mail_template.reset': (e, d) => `${who(e)} restored the default e-mail “${text(d.title)}” of ${venue(e)}`,
  'mail_template.site_saved': (e, d) => `${who(e)} changed the site-wide e-mail “${text(d.title)}”`,
  'mail_template.site_reset': (e, d) => `${who(e)} restored the default site-wide e-mail “${text(d.title)}”`,
  'venue.contact_changed': (e, d) =>
    d.from
      ? `${who(e)} changed the contact address of ${venue(e)} from ${text(d.from)} to ${text(d.to)}`
      : `${who(e)} set the contact address of ${venue(e)} to ${text(d.to)}`,
  'call.created': (e, d) => `${who(e)} created the call “${e.callTitle ?? text(d.title)}” for ${venue(e)}`,
  'call.updated': (e, d) => `${who(e)} changed the call “${e.callTitle ?? text(d.title)}”`,
  'submission.started': (e) =>
    `${who(e)} started a draft${e.submissionCode ? ` (now ${e.submissionCode})` : ''}${e.callTitle ? ` for “${e.callTitle}”` : ''}`,
  'submission.status_changed': (e, d) => {
    const move = statusMoves[text(d.to)];
    return move ? move(e, text(d.from)) : `${who(e)} moved ${what(e)} to “${text(d.to)}”`;
  },
  'assignment.status_changed': (e, d) =>
    (
      assignmentMoves[text(d.to)] ??
      ((f, g) =>
        `${who(f)} moved the assignment of ${reviewerNo(f, g)} to ${what(f)} from “${text(g.from)}” to “${text(g.to)}”`)
    )(e, d),
  'rubric.created': (e, d) => `${who(e)} made the rubric “${text(d.name)}” for ${venue(e)}`,
  'rubric.updated': (e, d) => `${who(e)} changed the rubric “${text(d.name)}” of ${venue(e)}`,
  'review.reopened': (e, d) => `${who(e)} reopened the ${reviewWork(e)} of ${reviewerNo(e, d)} on ${what(e)}`,
  'assignment.invited': (e, d) =>
    `${who(e)} invited ${reviewerNo(e, d)} to ${what(e)}${
      d.viaAlternate ? ' (the next alternate)' : ''
    }${d.conflictOverride ? ' despite a conflict of interest, giving a reason' : ''}`,
  'assignment.due_date_changed': (e, d) =>
    `${who(e)} changed the due date of ${reviewerNo(e, d)} on ${what(e)} to ${text(d.to)}`,
  'assignment.alternate_added': (e) =>
    `${who(e)} lined up ${whom(e)} as an alternate ${words(e).reviewer} for ${what(e)}`,
  'assignment.alternate_removed': (e) => `${who(e)} removed ${whom(e)} from the alternates for ${what(e)}`,
  'assignment.alternate_skipped': (e, d) =>
    `${who(e)} passed over the alternate ${whom(e)} for ${what(e)} (${d.why === 'conflict' ? 'a conflict of interest without a reason to override it' : 'already invited'})`,
  'assignment.trace_code_issued': (e, d) =>
    `${who(e)} downloaded the review copy as ${reviewerNo(e, d)} for the first time; it carries the trace code ${text(d.traceCode)}`,
  'assignment.reminders_paused': (e, d) =>
    `${who(e)} paused the reminders to ${reviewerNo(e, d)} on ${what(e)}${d.until ? ` until ${text(d.until)}` : ' until resumed'}`,
  'assignment.reminders_resumed': (e, d) => `${who(e)} resumed the reminders to ${reviewerNo(e, d)} on ${what(e)}`,
  'assignment.reminder_sent_by_hand': (e, d) => `${who(e)} sent ${reviewerNo(e, d)} a reminder about ${what(e)}`,
  'assignment.attention_dismissed': (e, d) => `${who(e)} dismissed the warning about ${reviewerNo(e, d)} on ${what(e)}`,
  'assignment.marked_unresponsive': (e, d) =>
    `${who(e)} marked ${reviewerNo(e, d)} on ${what(e)} as unresponsive${d.alternateInvited ? ' and invited the next alternate' : ''}`,
  'extension.requested': (e, d) =>
    `${who(e)} asked for more time as ${reviewerNo(e, d)} on ${what(e)}, until ${text(d.dueAt)}`,
  'extension.granted': (e, d) => `${who(e)} gave ${reviewerNo(e, d)} on ${what(e)} more time, until ${text(d.dueAt)}`,
  'extension.refused': (e, d) => `${who(e)} refused ${reviewerNo(e, d)} more time on ${what(e)}`,
  'call.reminder_policy_changed': (e, d) =>
    `${who(e)} ${d.policy ? 'changed the reminders' : 'set the reminders back to the defaults'} of the call “${e.callTitle ?? 'a call'}”`,
  'submission.manuscript_uploaded': (e, d) =>
    `${who(e)} uploaded version ${typeof d.versionNumber === 'number' ? d.versionNumber : '?'} of the ${words(e).manuscript} for ${what(e)}`,
  'submission.draft_deleted': (e, d) =>
    `${who(e)} deleted their draft${text(d.title).trim() ? ` “${text(d.title).trim()}”` : ''}${
      typeof d.filesRemoved === 'number' && d.filesRemoved > 0
        ? ` and its ${d.filesRemoved === 1 ? 'file' : `${d.filesRemoved} files`}`
        : ''
    }`,
  'submission.authorship_confirmed': (e, d) =>
    `${text(d.authorEmail) || 'A co-author'} confirmed being an author of ${what(e)}${
      d.linkedPersonId ? ' (linked to their account)' : ''
    }`,
  'award.journal_consent_given': (e) => `${who(e)} offered the essay ${what(e)} to the journal`,
  'award.journal_consent_withdrawn': (e) => `${who(e)} took back the offer of the essay ${what(e)} to the journal`,
  'award.moved_to_journal': (e, d) => `${who(e)} moved the essay ${what(e)} into the journal as ${text(d.journalCode)}`,
  'submission.deadline_extended': (e, d) => `${who(e)} gave ${what(e)} more time, until ${text(d.until)}`,
  'decision.recorded': (e, d) => `${who(e)} decided “${outcomeWords(d.outcome)}” on ${what(e)}`,
  'decision.rescinded': (e, d) =>
    `${who(e)} rescinded the decision “${outcomeWords(d.outcome)}” on ${what(e)} (“${text(d.reason)}”)`,
  'submission.production_changed': (e, d) =>
    d.to === 'ready_for_publication'
      ? `${who(e)} marked ${what(e)} ready for publication`
      : `${who(e)} set the production status of ${what(e)} to “${text(d.to) || 'none'}”`,
  'venue.decision_settings_changed': (e, d) =>
    `${who(e)} changed how decisions are sent for ${venue(e)} (letters held ${typeof d.letterHoldMinutes === 'number' ? d.letterHoldMinutes : '?'} minutes; reviewers: ${text(d.decisionReviewerMail)})`,
  'award.ranking_locked': (e, d) =>
    `${who(e)} locked the ranking of “${e.callTitle ?? 'an award call'}”${
      typeof d.missingMarks === 'number' && d.missingMarks > 0
        ? ` with ${d.missingMarks} ${d.missingMarks === 1 ? 'mark' : 'marks'} still missing`
        : ''
    }`,
  'award.unblinded': (e) =>
    `${who(e)} un-blinded the locked ranking of “${e.callTitle ?? 'an award call'}” (entrants’ names and application forms shown)`,
  'award.outcome_set': (e, d) =>
    `${who(e)} marked ${what(e)} as ${awardOutcomeWords[text(d.to) as AwardOutcome] ?? text(d.to)}`,
  'award.eligibility_checked': (e, d) =>
    `${who(e)} found ${what(e)} ${d.eligibility === 'ineligible' ? 'ineligible' : 'eligible'} for the award`,
  'award.winner_moved_up': (e, d) =>
    `${who(e)} found the winner ${text(d.replacedCode) || 'an entry'} ineligible, so ${what(e)} moved up to winner`,
  'award.announced': (e, d) =>
    `${who(e)} announced the results of “${e.callTitle ?? 'an award call'}” (${typeof d.winners === 'number' ? d.winners : '?'} ${
      d.winners === 1 ? 'winner' : 'winners'
    }; every entrant was told)`,
  'review_copy.requested': (e) => `${who(e)} asked for a review copy of ${what(e)}`,
  'review_copy.status_changed': (e, d) =>
    (copyMoves[text(d.to)] ?? ((f) => `${who(f)} moved the review copy of ${what(f)} to “${text(d.to)}”`))(e),
  'review_copy.released': (e, d) => {
    const findings = typeof d.findings === 'number' ? d.findings : 0;
    return `${who(e)} released the review copy of ${what(e)} to the ${words(e).reviewers}${
      findings ? ` with ${findings} ${findings === 1 ? 'finding' : 'findings'} left in it` : ''
    }`;
  },
};

/** The event in words, ending with a full stop; an action this version does not know is named as stored. */
export function eventSentence(event: EventFacts): string {
  const details =
    event.details && typeof event.details === 'object' && !Array.isArray(event.details)
      ? (event.details as Record<string, unknown>)
      : {};
  const sentence = eventSentences[event.action as AuditEvent['action']];
  return `${sentence ? sentence(event, details) : `${who(event)} did “${event.action}”`}.`;
}
