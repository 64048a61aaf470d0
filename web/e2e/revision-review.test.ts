// A journal's second round, in the browser. "Send to review" of the revised paper invites the
// previous round's reviewer by default (the editor may untick it and use the button later; either
// way the invitation appears in the Reviewers panel at once), and that reviewer, on a phone and on
// a wide screen, reads their own earlier review and the author's response beside the new copy.
// Round 1 is played through the server's own services (the review, the move to revision, the
// response); the author's sending of the revision is revision.test.ts's business, so its outcome
// (round 2, the response sealed, a ready copy, in screening) is written as that sending leaves it.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type ReviewAssignment, saveReview, submitReview } from '../../server/src/reviews/review.service.ts';
import { sealRevision } from '../../server/src/revisions/revision.repository.ts';
import { saveRevisionResponse } from '../../server/src/revisions/revision.service.ts';
import { moveSubmission } from '../../server/src/submissions/submission-state.ts';
import { finishCopyAsWorker, madeCopyResult } from '../../server/test/factories.ts';
import { makeAcceptedAssignment } from '../../server/test/review-factories.ts';
import {
  expectNoProblems,
  expectNoSidewaysScroll,
  openPage,
  settled,
  visited,
  type WatchedPage,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const noAudit = { actorId: null, ip: null, requestId: 'e2e' };
const title = 'Staying curious: relationship-based practice in child protection';
const otherTitle = 'Supervision as a container in times of austerity';
const response = 'Thank you. We rewrote the method section as Reviewer 1 asked, and shortened the discussion.';
const toAuthor = 'The method needs more detail about how the families were chosen.';
const toEditor = 'Promising; I would like to see it again.';

describe('a second round in the browser', () => {
  const env = useSystemAndBrowser();
  const personId = async (email: string) =>
    (await env.system.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  /** Round 1 reviewed by the reviewer, a revision sent with its response: the paper in screening in round 2. */
  async function seedSecondRound(paperTitle: string, reviewerEmail: string) {
    const { db } = env.system;
    const paper = await db
      .selectFrom('submission')
      .select(['id', 'submitter_id'])
      .where('title', '=', paperTitle)
      .executeTakeFirstOrThrow();
    await db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', paper.id).execute();
    const reviewerId = await personId(reviewerEmail);
    const { assignmentId, reviewerNumber } = await makeAcceptedAssignment(db, paper.id, reviewerId);
    const facts: ReviewAssignment = {
      id: assignmentId,
      submissionId: paper.id,
      reviewerId,
      status: 'accepted',
      round: 1,
      reviewerNumber,
    };
    const ctx = { db, audit: noAudit, now: new Date() };
    const criteria = await db
      .selectFrom('rubric_criterion')
      .innerJoin('call', 'call.rubric_id', 'rubric_criterion.rubric_id')
      .innerJoin('submission', 'submission.call_id', 'call.id')
      .select(['rubric_criterion.id', 'rubric_criterion.label', 'rubric_criterion.max_score'])
      .where('submission.id', '=', paper.id)
      .orderBy('rubric_criterion.position')
      .execute();
    expect(criteria.length).toBeGreaterThan(0);
    await saveReview(ctx, facts, {
      scores: Object.fromEntries(criteria.map((criterion) => [criterion.id, criterion.max_score])),
      recommendation: 'major_revision',
      commentsToAuthor: toAuthor,
      commentsToEditor: toEditor,
    });
    await submitReview(ctx, facts);
    await db
      .transaction()
      .execute((trx) =>
        moveSubmission(trx, noAudit, { submissionId: paper.id, to: 'revision_requested', mover: 'editor' }),
      );
    await saveRevisionResponse(db, paper.id, response, new Date());
    await sealRevision(db, paper.id, 2, new Date());
    await db.updateTable('submission').set({ status: 'screening', round: 2 }).where('id', '=', paper.id).execute();
    await finishCopyAsWorker(db, paper.id, (copy) => madeCopyResult(copy.inputSha256));
    return { submissionId: paper.id, criteria };
  }

  async function editorOpens(submissionId: string): Promise<WatchedPage> {
    const watched = await openPage(env.browser);
    const address = `/submissions/${submissionId}`;
    await watched.page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(watched.page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword, address);
    await settled(watched.page);
    return watched;
  }

  /** "Send to review", with the re-invitation box as it comes (ticked) or unticked. */
  async function sendToReview(page: Page, reinvite: boolean) {
    await page.getByRole('button', { name: 'Send to review', exact: true }).click();
    const box = page.getByRole('checkbox', { name: /submitted a review in round 1 again/ });
    expect(await box.isChecked()).toBe(true);
    if (reinvite) await visited(page, 'editor-second-round-send-to-review');
    else await box.uncheck();
    await page.getByRole('button', { name: 'Yes, send to review' }).click();
    await page.getByText('Sent to review. The author has been told by e-mail.').waitFor();
  }

  test('unticked, the editor invites the previous reviewer later with the button', async () => {
    const { submissionId } = await seedSecondRound(otherTitle, 'reviewer2@example.org');
    const watched = await editorOpens(submissionId);
    const { page } = watched;
    await sendToReview(page, false);
    await page.getByRole('heading', { name: 'Round 2: the previous reviewers' }).waitFor();
    await settled(page);
    const roundTwo = page.getByRole('region', { name: 'Reviewers of round 2' });
    expect(await roundTwo.count()).toBe(0);
    await page.getByRole('button', { name: 'Invite the previous reviewers again' }).click();
    await page.getByRole('button', { name: 'Yes, invite them' }).click();
    await page.getByText('Invited one reviewer of round 1 to round 2.').waitFor();
    // The Reviewers panel shows the new invitation without a reload.
    await roundTwo.getByText('Rosa Reviewer').waitFor();
    await settled(page);
    await visited(page, 'editor-second-round-button');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the previous reviewer is invited by default and reads their review and the response beside the new copy', async () => {
    const { submissionId, criteria } = await seedSecondRound(title, 'reviewer1@example.org');

    const editorView = await editorOpens(submissionId);
    {
      const { page } = editorView;
      await visited(page, 'editor-second-round-screening');
      await sendToReview(page, true);
      await page.getByText('Invited one reviewer of round 1 to round 2.').waitFor();
      await page.getByRole('region', { name: 'Reviewers of round 2' }).getByText('Ravi Reviewer').waitFor();
      // The button, pressed again, invites nobody twice and says so.
      await page.getByRole('button', { name: 'Invite the previous reviewers again' }).click();
      await page.getByRole('button', { name: 'Yes, invite them' }).click();
      await page.getByText('One was invited already.').waitFor();
      await settled(page);
      await visited(page, 'editor-second-round-reinvited');
      expectNoProblems(editorView);
      await editorView.context.close();
    }

    const assignment = await env.system.db
      .selectFrom('assignment')
      .select(['id', 'status'])
      .where('submission_id', '=', submissionId)
      .where('round', '=', 2)
      .executeTakeFirstOrThrow();
    expect(assignment.status).toBe('invited');
    // Accepted as the invitation page leaves it (that page has its own tests).
    await env.system.db
      .updateTable('assignment')
      .set({ status: 'accepted', responded_at: new Date() })
      .where('id', '=', assignment.id)
      .execute();

    for (const mobile of [true, false]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      const address = `/reviews/${assignment.id}`;
      await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
      await signIn(page, env.system.baseUrl, 'reviewer1@example.org', env.system.demoPassword, address);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await settled(page);
      const before = page.getByRole('region', { name: 'Before this version' });
      await before.waitFor();
      // Folded at first, so the form below stays in reach.
      expect(await before.getByText(toAuthor).isVisible()).toBe(false);

      await before.getByText('The author’s response to the reviewers').click();
      await before.getByText(response).waitFor();
      await before.getByText('Your review of the previous version (round 1)').click();
      await before.getByText(toAuthor).waitFor();
      await before.getByText(toEditor).waitFor();
      await before.getByText('Major revision').waitFor();
      const first = criteria[0]!;
      expect(await before.getByRole('definition').first().textContent()).toContain(String(first.max_score));
      expect(await before.getByRole('term').first().textContent()).toBe(first.label);
      // This round's review is a fresh one, still to write.
      expect(await page.getByRole('textbox', { name: 'Comments to the author' }).inputValue()).toBe('');
      // Never who wrote the paper.
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain('Amara Author');

      if (mobile) await expectNoSidewaysScroll(page, 'phone-second-round-review');
      await visited(page, mobile ? 'phone-second-round-review' : 'second-round-review');
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);
});
