// Journal decisions: draft the letter, record and send it, rescind it while it is still held.
// Recording is one transaction: the submission moves (a revision decision opens the next round),
// the decision row is written, the open assignments close (their reminders stop), and the letter
// to the authors and the reviewers' thank-yous go to the outbox, held for the venue's hold time
// so that "rescind" means the author never hears of it. Every journal rejection without review,
// from the screening page too, is recorded here.
import type { DB } from '@gaps/db';
import { queueMail } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import { cancelOpenAssignments, reviewerAndWork } from '../assignments/assignment-editor.ts';
import { recordAudit } from '../audit/events.ts';
import { composeMail } from '../mail-templates/compose.ts';
import { letterDraft, reasonPlaceholder, reviewerThanksMail } from '../mail-templates/decision-mail.ts';
import { htmlFromText, inLayout } from '../mail-templates/layout.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { mailAboutSubmission } from '../submissions/submission-mail.ts';
import { moveSubmission } from '../submissions/submission-state.ts';
import { venueWords } from '../venues/venue-words.ts';
import { loadRoundReviews, loadSubmittedAssignments, lockForDecision, readForDecision } from './decision.repository.ts';
import {
  type DecisionOutcome,
  decidedFrom,
  decisionLabels,
  outcomeForReviewers,
  reviewsForLetter,
  targetState,
} from './decision-rules.ts';
import { undoOpenedRevision } from './undo-revision.ts';

export interface DecisionLetter {
  outcome: DecisionOutcome;
  subject: string;
  letter: string;
}

const awardRefusal = new HttpError(
  409,
  'not_a_journal',
  'Award entries do not get journal decisions: their results are chosen on the award’s ranking page.',
);

function refuseUnlessDecidable(facts: { venue_kind: string; status: string }, outcome: DecisionOutcome): void {
  if (facts.venue_kind !== 'journal') throw awardRefusal;
  if (!decidedFrom[outcome].includes(facts.status as never)) {
    const when = outcome === 'desk_reject' ? 'before it goes to review' : 'once it is in review';
    throw new HttpError(
      409,
      'illegal_transition',
      `“${decisionLabels[outcome]}” can be chosen only ${when}; this submission is ${facts.status.replace('_', ' ')}. Reload the page to see its current state.`,
    );
  }
}

/** The letter drafted from the venue's template, with the round's reviews to the author. */
export async function draftLetter(
  ctx: SubmissionContext,
  submissionId: string,
  outcome: DecisionOutcome,
): Promise<DecisionLetter & { reviewsIncluded: number }> {
  // A plain read: outside a transaction a FOR UPDATE would lock nothing for longer than itself.
  const facts = await readForDecision(ctx.db, submissionId);
  if (!facts) throw notFound('submission');
  refuseUnlessDecidable(facts, outcome);
  const reviews = outcome === 'desk_reject' ? [] : await loadRoundReviews(ctx.db, submissionId, facts.round);
  const about = await mailAboutSubmission(ctx.db, ctx.publicUrl, submissionId);
  const word = venueWords(facts.venue_kind).reviewer;
  const draft = letterDraft(outcome, about.submitter, {
    ...about.submission,
    reviews: reviewsForLetter(reviews, word.charAt(0).toUpperCase() + word.slice(1)),
  });
  const mail = await composeMail(ctx.db, draft);
  return {
    outcome,
    subject: mail.subject,
    letter: mail.text,
    reviewsIncluded: reviews.filter((r) => r.commentsToAuthor.trim()).length,
  };
}

async function standingConflict(trx: Transaction<DB>, submissionId: string, round: number, timeZone: string) {
  const standing = await trx
    .selectFrom('decision')
    .leftJoin('person', 'person.id', 'decision.decided_by')
    .select(['decision.outcome', 'decision.decided_at', 'person.name'])
    .where('decision.submission_id', '=', submissionId)
    .where('decision.round', '=', round)
    .where('decision.rescinded_at', 'is', null)
    .executeTakeFirst();
  if (!standing) return null;
  const at = standing.decided_at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  return new HttpError(
    409,
    'already_decided',
    `${standing.name ?? 'Another editor'} recorded “${decisionLabels[standing.outcome as DecisionOutcome]}” at ${at}; reload the page to see it.`,
  );
}

/**
 * Records the decision and sends its letter (held for the venue's hold time unless `holdMinutes`
 * says otherwise). Two editors at once: the submission's row lock puts them in turn, and the
 * second finds the first one's decision and is told who made it (409).
 */
export async function recordDecision(
  ctx: SubmissionContext,
  submissionId: string,
  input: DecisionLetter,
  options: {
    holdMinutes?: number;
    template?: string;
    reason?: string;
    /** More to write in the same transaction (the screening page keeps the reason for the author). */
    alsoWrite?: (trx: Transaction<DB>) => Promise<unknown>;
  } = {},
): Promise<string> {
  const subject = input.subject.trim();
  const letter = input.letter.trim();
  if (!subject || !letter) {
    throw new HttpError(
      400,
      'invalid_input',
      'Please write the letter to the author first: it needs a subject and some text.',
    );
  }
  if (letter.includes(reasonPlaceholder)) {
    throw new HttpError(
      400,
      'invalid_input',
      `Please replace “${reasonPlaceholder}” in the letter with your reason before sending it.`,
    );
  }
  const timeZone = (
    await ctx.db.selectFrom('person').select('time_zone').where('id', '=', ctx.viewer.personId).executeTakeFirst()
  )?.time_zone;
  return ctx.db.transaction().execute(async (trx) => {
    const facts = await lockForDecision(trx, submissionId);
    if (!facts) throw notFound('submission');
    const conflict = await standingConflict(trx, submissionId, facts.round, timeZone ?? 'Europe/London');
    if (conflict) throw conflict;
    refuseUnlessDecidable(facts, input.outcome);
    const accepted = input.outcome === 'accept';
    const { from } = await moveSubmission(trx, ctx.audit, {
      submissionId,
      to: targetState[input.outcome],
      mover: 'editor',
      ...(options.reason ? { reason: options.reason } : {}),
      ...(accepted && { extra: { production_status: 'accepted', production_updated_at: ctx.now } }),
    });
    const { id: decisionId } = await trx
      .insertInto('decision')
      .values({
        submission_id: submissionId,
        round: facts.round,
        outcome: input.outcome,
        letter,
        letter_subject: subject,
        decided_by: ctx.viewer.personId,
        decided_at: ctx.now,
        from_state: from,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hold = options.holdMinutes ?? facts.letter_hold_minutes;
    const sendAfter = hold > 0 ? new Date(ctx.now.getTime() + hold * 60_000) : null;
    // Reviewers still invited or writing are released; the sweep writes no reminder for them now.
    // Their "no longer needed" is held with the letter: a rescinded decision tells them nothing.
    await cancelOpenAssignments(trx, ctx.audit, submissionId, 'decided', ctx.now, { decisionId, sendAfter });
    const about = await mailAboutSubmission(trx, ctx.publicUrl, submissionId);
    const template = options.template ?? `decision.${input.outcome}`;
    const html = await inLayout(subject, htmlFromText(letter));
    const letterId = await queueMail(trx, {
      to: about.submitter.email,
      personId: about.submitter.personId,
      template,
      subject,
      text: letter,
      html,
      sendAfter,
      decisionId,
    });
    // Co-authors get the same letter, as their receipts copy the submitter's.
    for (const coAuthor of about.coAuthors) {
      const copy = `This is a copy of the letter sent to ${about.submitter.name}, for you as a co-author of ${about.submission.code}.\n\n${letter}`;
      await queueMail(trx, {
        to: coAuthor.email,
        personId: coAuthor.personId,
        template,
        subject,
        text: copy,
        html: await inLayout(subject, htmlFromText(copy)),
        sendAfter,
        decisionId,
      });
    }
    await trx.updateTable('decision').set({ email_message_id: letterId }).where('id', '=', decisionId).execute();

    if (facts.decision_reviewer_mail !== 'none') {
      const tellOutcome = facts.decision_reviewer_mail === 'thanks_and_outcome';
      for (const { id } of await loadSubmittedAssignments(trx, submissionId, facts.round)) {
        const { reviewer, work } = await reviewerAndWork(trx, id);
        const mail = await composeMail(
          trx,
          reviewerThanksMail(
            reviewer,
            work,
            tellOutcome ? outcomeForReviewers[input.outcome] : null,
            targetState[input.outcome] === 'revision_requested',
          ),
        );
        await queueMail(trx, { ...mail, sendAfter, decisionId });
      }
    }
    await options.alsoWrite?.(trx);
    await recordAudit(trx, ctx.audit, {
      action: 'decision.recorded',
      objectType: 'submission',
      objectId: submissionId,
      details: {
        decisionId,
        outcome: input.outcome,
        round: facts.round,
        from,
        sendAfter: sendAfter?.toISOString() ?? null,
      },
    });
    return decisionId;
  });
}

/**
 * Takes a decision back while its letter is still held: the decision is kept, marked rescinded
 * with the reason; its pending messages are not sent; the submission returns to where it was.
 * The assignments the decision closed stay closed, and their reviewers are not told (their "no
 * longer needed" was held with the letter): the page says so, and the editor may invite them again.
 */
export async function rescindDecision(
  ctx: SubmissionContext,
  submissionId: string,
  decisionId: string,
  reason: string,
): Promise<void> {
  if (!reason.trim()) {
    throw new HttpError(
      400,
      'invalid_input',
      'Please write why you are rescinding the decision: it is kept in the record.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const facts = await lockForDecision(trx, submissionId);
    if (!facts) throw notFound('submission');
    const decision = await trx
      .selectFrom('decision')
      .select(['id', 'outcome', 'round', 'from_state', 'rescinded_at', 'email_message_id'])
      .where('id', '=', decisionId)
      .where('submission_id', '=', submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!decision) throw notFound('decision');
    if (decision.rescinded_at) {
      throw new HttpError(409, 'already_rescinded', 'This decision has already been rescinded. Reload the page.');
    }
    // The worker claims a message under its row lock too: every message of the decision (the
    // letter, the co-authors' copies, the reviewers' thank-yous) is locked here, so each is either
    // still pending (and will never go) or already on its way.
    const messages = await trx
      .selectFrom('email_message')
      .select(['id', 'status', 'send_after'])
      .where('decision_id', '=', decisionId)
      .orderBy('id')
      .forUpdate()
      .execute();
    const letter = messages.find((message) => message.id === decision.email_message_id);
    // Once the hold has ended the author's page shows the decision: they have been told.
    if (letter?.status !== 'pending' || !letter.send_after || letter.send_after <= ctx.now) {
      throw new HttpError(
        409,
        'already_told',
        'The letter has already gone to the author, so this decision can no longer be rescinded. If it was wrong, write to the author.',
      );
    }
    const backTo = (decision.from_state ?? 'in_review') as 'in_review' | 'submitted' | 'screening';
    if (decision.outcome === 'minor_revision' || decision.outcome === 'major_revision') {
      await undoOpenedRevision(trx, submissionId, facts.round);
    }
    await moveSubmission(trx, ctx.audit, {
      submissionId,
      to: backTo,
      mover: 'rescind',
      reason: reason.trim(),
      ...(decision.outcome === 'accept' && { extra: { production_status: null, production_updated_at: ctx.now } }),
    });
    await trx
      .updateTable('decision')
      .set({ rescinded_at: ctx.now, rescinded_by: ctx.viewer.personId, rescind_reason: reason.trim() })
      .where('id', '=', decisionId)
      .execute();
    await trx
      .updateTable('email_message')
      .set({ status: 'skipped', last_error: 'Not sent: the editors rescinded the decision before it went out.' })
      .where('decision_id', '=', decisionId)
      .where('status', '=', 'pending')
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'decision.rescinded',
      objectType: 'submission',
      objectId: submissionId,
      details: { decisionId, outcome: decision.outcome, round: decision.round, reason: reason.trim(), backTo },
    });
  });
}

/** The journal's own pipeline continues outside: the editor marks an accepted paper ready. */
export async function markReadyForPublication(ctx: SubmissionContext, submissionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const facts = await lockForDecision(trx, submissionId);
    if (!facts) throw notFound('submission');
    if (facts.production_status !== 'accepted') {
      throw new HttpError(
        409,
        'not_accepted',
        facts.production_status === 'ready_for_publication'
          ? 'It is already marked ready for publication. Reload the page.'
          : 'Only an accepted paper can be marked ready for publication.',
      );
    }
    await trx
      .updateTable('submission')
      .set({ production_status: 'ready_for_publication', production_updated_at: ctx.now })
      .where('id', '=', submissionId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'submission.production_changed',
      objectType: 'submission',
      objectId: submissionId,
      details: { from: 'accepted', to: 'ready_for_publication' },
    });
  });
}
