// Submission use cases: start a draft, save it as the author types, submit it before the
// deadline (the server's clock decides, in the call's time zone), withdraw it; and the editor's
// screening moves. Reading a submission is in submission-view.ts, the call's rules in call-rules.ts.
import type { Database, DB } from '@gaps/db';
import { requestReviewCopy } from '@gaps/workers/shared';
import { sql, type Transaction } from 'kysely';
import { cancelOpenAssignments } from '../assignments/assignment-editor.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { deskRejectFromScreening, venueKindOf } from '../decisions/screening-rejection.ts';
import { decisionOnItsWay, heldDecision } from '../decisions/untold-decisions.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { deskRejectedMail, receiptMail, sentToReviewMail } from '../mail-templates/submission-mail.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { Viewer } from '../policy/permissions.ts';
import { sealRevision } from '../revisions/revision.repository.ts';
import { prepareRevisionSend } from '../revisions/revision.service.ts';
import { queueCoAuthorReceipts } from './author-confirmation.ts';
import { callRules, isOpenAt, missingFor } from './call-rules.ts';
import { recordEditorMessage } from './editor-message.ts';
import { isEmptyDraft } from './empty-draft.ts';
import { linkAuthorsOfSubmission, linkLockedAuthors, lockAuthorEmails } from './link-authors.ts';
import { nextStepsText } from './next-steps.ts';
import { loadApplicationForm, loadAuthors, loadManuscriptVersions, loadSubmission } from './submission.repository.ts';
import type { DraftPatch } from './submission.schemas.ts';
import { allocateCode, codeYear } from './submission-code.ts';
import { mailAboutSubmission } from './submission-mail.ts';
import {
  illegalTransition,
  mayEditDetails,
  moveSubmission,
  type SubmissionState,
  statesAcceptingExtension,
} from './submission-state.ts';

export interface SubmissionContext {
  db: Database;
  audit: AuditContext;
  viewer: Viewer;
  now: Date;
  /** The site's address, for links in e-mails. */
  publicUrl: string;
}

/**
 * Makes a draft for the call, or answers the author's empty draft for it (`resumed`): pressing
 * "Start a submission" again, or twice at once, never leaves a pile of untitled drafts.
 */
export async function startSubmission(
  ctx: SubmissionContext,
  callId: string,
): Promise<{ id: string; resumed: boolean }> {
  const rules = await callRules(ctx.db, callId);
  if (!rules) throw notFound('call');
  if (!isOpenAt(rules, ctx.now)) throw new HttpError(409, 'call_closed', 'This call is not open for submissions.');
  return ctx.db.transaction().execute(async (trx) => {
    // Two presses at once wait here in turn, so the second finds the draft the first made.
    const key = `start-submission:${ctx.viewer.personId}:${callId}`;
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    const empty = await trx
      .selectFrom('submission')
      .select('id')
      .where('call_id', '=', callId)
      .where('submitter_id', '=', ctx.viewer.personId)
      .where(isEmptyDraft)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (empty) return { id: empty.id, resumed: true };
    const person = await trx
      .selectFrom('person')
      .select(['name', 'email', 'affiliation', 'orcid'])
      .where('id', '=', ctx.viewer.personId)
      .executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto('submission')
      .values({ call_id: callId, venue_id: rules.venue_id, submitter_id: ctx.viewer.personId, draft_step: 'call' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('submission_author')
      .values({ submission_id: id, person_id: ctx.viewer.personId, position: 1, is_corresponding: true, ...person })
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'submission.started',
      objectType: 'submission',
      objectId: id,
      details: { callId },
    });
    return { id, resumed: false };
  });
}

/** Autosave: stores whatever the author has typed so far; completeness is checked on submit. */
export async function saveDraft(ctx: SubmissionContext, submissionId: string, patch: DraftPatch): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('submission')
      .select(['status', 'call_id', 'submitter_id'])
      .where('id', '=', submissionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!mayEditDetails(row.status as SubmissionState)) {
      throw new HttpError(
        409,
        'not_a_draft',
        'This submission has already been sent, so it can no longer be edited here.',
      );
    }
    const rules = (await callRules(trx, row.call_id))!;
    const invalid = (field: string, message: string) =>
      new HttpError(400, 'invalid_input', `Please check what you entered. ${field}: ${message}`);
    if (patch.categoryId && !(rules.category_ids ?? []).includes(patch.categoryId))
      throw invalid('categoryId', 'choose one of the categories of this call');
    const declarationKeys = (rules.declarations as Array<{ key: string }>).map((d) => d.key);
    if (patch.declarations?.confirmed.some((key) => !declarationKeys.includes(key)))
      throw invalid('declarations', 'unknown declaration');
    const fieldKeys = (rules.application_form_fields as Array<{ key: string }>).map((f) => f.key);
    if (patch.applicationForm && Object.keys(patch.applicationForm).some((key) => !fieldKeys.includes(key))) {
      throw invalid('applicationForm', 'this call has no such question');
    }
    if (patch.authors) {
      if (rules.single_author && patch.authors.length > 1)
        throw invalid('authors', 'entries to this call must have a single author');
      const emails = patch.authors.map((a) => a.email);
      if (new Set(emails).size !== emails.length)
        throw invalid('authors', 'each author needs a different e-mail address');
      const submitter = await trx
        .selectFrom('person')
        .select('email')
        .where('id', '=', row.submitter_id)
        .executeTakeFirstOrThrow();
      if (!emails.includes(submitter.email))
        throw invalid('authors', `keep yourself (${submitter.email}) in the list of authors`);
      await lockAuthorEmails(trx, emails);
      // The rows are rewritten in order; an author who stays keeps the person they were linked to.
      const linked = new Map(
        (
          await trx
            .selectFrom('submission_author')
            .select(['email', 'person_id'])
            .where('submission_id', '=', submissionId)
            .execute()
        ).map((author) => [author.email, author.person_id]),
      );
      await trx.deleteFrom('submission_author').where('submission_id', '=', submissionId).execute();
      await trx
        .insertInto('submission_author')
        .values(
          patch.authors.map((author, index) => ({
            submission_id: submissionId,
            position: index + 1,
            name: author.name,
            email: author.email,
            affiliation: author.affiliation || null,
            orcid: author.orcid,
            person_id: author.email === submitter.email ? row.submitter_id : (linked.get(author.email) ?? null),
            is_corresponding: author.email === submitter.email,
          })),
        )
        .execute();
      // The addresses' locks are held since the rewrite began.
      await linkLockedAuthors(trx, submissionId);
    }
    if (patch.applicationForm) {
      await trx
        .insertInto('application_form')
        .values({ submission_id: submissionId, answers: JSON.stringify(patch.applicationForm) })
        .onConflict((oc) =>
          oc
            .column('submission_id')
            .doUpdateSet({ answers: JSON.stringify(patch.applicationForm), updated_at: new Date() }),
        )
        .execute();
    }
    await trx
      .updateTable('submission')
      .set({
        ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.abstract !== undefined && { abstract: patch.abstract }),
        ...(patch.keywords !== undefined && { keywords: [...new Set(patch.keywords)] }),
        ...(patch.declarations !== undefined && { declarations: JSON.stringify(patch.declarations) }),
        ...(patch.draftStep !== undefined && { draft_step: patch.draftStep }),
        updated_at: new Date(),
      })
      .where('id', '=', submissionId)
      .execute();
  });
}

export async function submitSubmission(ctx: SubmissionContext, submissionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    // No state a decision is made from can be sent: answered as the author's page shows it.
    await refuseWhileLetterHeld(trx, ctx, submissionId, (seen) => illegalTransition(seen, 'submitted'));
    const row = await loadSubmission(trx, submissionId);
    if (!row) throw notFound('submission');
    const rules = (await callRules(trx, row.call_id))!;
    const [authors, answers, manuscripts] = await Promise.all([
      loadAuthors(trx, submissionId),
      loadApplicationForm(trx, submissionId),
      loadManuscriptVersions(trx, submissionId),
    ]);
    if (row.status === 'revision_requested') {
      // A revision after review needs the revised file and the response, and starts its round; a
      // return before review (for example to anonymise it) keeps the same code and round.
      const revision = await prepareRevisionSend(trx, { id: submissionId, venueKind: row.venue_kind }, manuscripts);
      await moveSubmission(trx, ctx.audit, {
        submissionId,
        to: 'submitted',
        mover: 'author',
        expectFrom: ['revision_requested'],
        ...(revision && { extra: { round: revision.round } }),
      });
      if (revision) await sealRevision(trx, submissionId, revision.round, ctx.now);
      await linkAuthorsOfSubmission(trx, submissionId);
      await requestReviewCopy(trx, ctx.audit, manuscripts[0]!.id);
      return;
    }
    if (row.status === 'draft') {
      const missing = missingFor(row, rules, { authors: authors.length, answers, manuscripts: manuscripts.length });
      if (missing.length) {
        throw new HttpError(400, 'incomplete', `Before you submit: ${missing.map((m) => m.message).join(' ')}`);
      }
      if (!isOpenAt(rules, ctx.now, row.deadline_extended_to)) {
        const editors = row.venue_contact_email ? `the editors at ${row.venue_contact_email}` : 'the editors';
        throw new HttpError(
          409,
          'deadline_passed',
          `The deadline for this call has passed, so we cannot accept new submissions. Your draft is kept; if something stopped you from submitting in time, ask ${editors} for an extension.`,
        );
      }
    }
    const year = codeYear({ venueKind: row.venue_kind, deadlineAt: row.deadline_at, timeZone: row.time_zone }, ctx.now);
    const allocated = await allocateCode(trx, row.venue_id, year);
    await moveSubmission(trx, ctx.audit, {
      submissionId,
      to: 'submitted',
      mover: 'author',
      expectFrom: ['draft'],
      extra: {
        code: allocated.code,
        code_year: allocated.year,
        code_number: allocated.number,
        submitted_at: ctx.now,
        draft_step: null,
      },
    });
    // Linked again on sending (after the state move has locked the row, the order saveDraft uses too).
    await linkAuthorsOfSubmission(trx, submissionId);
    // The newest version becomes the one reviewers will read, once the workers have anonymised it.
    await requestReviewCopy(trx, ctx.audit, manuscripts[0]!.id);
    const about = await mailAboutSubmission(trx, ctx.publicUrl, submissionId);
    await queueMessage(
      trx,
      receiptMail(about.submitter, {
        ...about.submission,
        submittedAt: ctx.now,
        nextSteps: nextStepsText({
          status: 'submitted',
          venueKind: row.venue_kind,
          deadlineAt: row.deadline_at,
          decisionDueAt: row.decision_due_at,
          timeZone: row.time_zone,
        }),
      }),
    );
    await queueCoAuthorReceipts(trx, ctx, about);
  });
}

/**
 * Locks the submission and refuses an author's action while a decision's letter is held: the
 * author has not been told, so the answer must neither tell the decision (a refusal in the words
 * of the new state) nor act behind it (withdrawing under a revision letter still to come).
 * `seenRefusal` is the answer the state the author sees would give, when it refuses too.
 */
async function refuseWhileLetterHeld(
  trx: Transaction<DB>,
  ctx: SubmissionContext,
  submissionId: string,
  seenRefusal: (seen: SubmissionState) => HttpError | null = () => null,
): Promise<void> {
  await trx.selectFrom('submission').select('id').where('id', '=', submissionId).forUpdate().execute();
  const held = await heldDecision(trx, submissionId, ctx.now);
  if (held) throw seenRefusal(held.fromState) ?? decisionOnItsWay(held.sendAfter, ctx.now);
}

export async function withdrawSubmission(ctx: SubmissionContext, submissionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await refuseWhileLetterHeld(trx, ctx, submissionId);
    await moveSubmission(trx, ctx.audit, { submissionId, to: 'withdrawn', mover: 'author' });
    // Reviewers still invited or reviewing are released (and told, without the authors' names).
    await cancelOpenAssignments(trx, ctx.audit, submissionId, 'withdrawn', ctx.now);
  });
}

/**
 * An editor's screening move (screening, to review, desk rejection); the state machine guards it.
 * The author hears of the moves that change their prospects: going to reviewers (or judges), and a
 * rejection with the editor's reason, which is also kept for their page. Starting screening is
 * the editors' own bookkeeping and sends nothing.
 */
export async function moveByEditor(
  ctx: SubmissionContext,
  submissionId: string,
  to: Extract<SubmissionState, 'screening' | 'in_review' | 'desk_rejected'>,
  reason?: string,
): Promise<void> {
  if (to === 'desk_rejected' && !reason?.trim()) {
    throw new HttpError(
      400,
      'invalid_input',
      'Please write your reason for the author first: it is sent to them by e-mail and shown on their page.',
    );
  }
  if (to === 'desk_rejected' && (await venueKindOf(ctx.db, submissionId)) === 'journal') {
    await deskRejectFromScreening(ctx, submissionId, reason!.trim());
    return;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await moveSubmission(trx, ctx.audit, { submissionId, to, mover: 'editor', ...(reason ? { reason } : {}) });
    if (to === 'screening') return;
    const about = await mailAboutSubmission(trx, ctx.publicUrl, submissionId);
    if (to === 'in_review') {
      await queueMessage(trx, sentToReviewMail(about.submitter, { ...about.submission, sentAt: ctx.now }));
      return;
    }
    await recordEditorMessage(trx, {
      submissionId,
      kind: 'desk_rejected',
      message: reason!.trim(),
      sentBy: ctx.viewer?.personId ?? null,
    });
    await queueMessage(trx, deskRejectedMail(about.submitter, { ...about.submission, reason: reason!.trim() }));
  });
}

export async function extendDeadline(ctx: SubmissionContext, submissionId: string, until: Date): Promise<void> {
  if (until <= ctx.now)
    throw new HttpError(400, 'invalid_input', 'Please check what you entered. until: choose a time in the future');
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('submission')
      .set({ deadline_extended_to: until, updated_at: new Date() })
      .where('id', '=', submissionId)
      .where('status', 'in', statesAcceptingExtension)
      .returning('id')
      .executeTakeFirst();
    if (!updated)
      throw new HttpError(409, 'not_a_draft', 'Only a draft that has not been submitted can get an extension.');
    await recordAudit(trx, ctx.audit, {
      action: 'submission.deadline_extended',
      objectType: 'submission',
      objectId: submissionId,
      details: { until: until.toISOString() },
    });
  });
}
