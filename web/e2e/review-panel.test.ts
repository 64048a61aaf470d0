// The editor's view of reviews in the browser: the Reviewers section of a submission in review
// (states in words, late ones marked, scores side by side with weighted totals, confidential
// comments labelled), the reviewer picker asking for a reason when the server finds a conflict,
// and the call's "Who reviews what". The invitation and review routes are built elsewhere, so the
// reviews are put in the database here, and the picker's two calls are answered by the test as
// their contract says.
import type { Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const DAY = 86_400_000;

describe('the editor’s view of reviews', () => {
  const env = useSystemAndBrowser();
  let submissionId = '';
  let callId = '';
  let venueId = '';
  const personId = async (email: string) =>
    (await env.system.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  /** The demo paper in screening, moved on to review with two reviews in and one reviewer late. */
  async function seedReviews() {
    const db = env.system.db;
    const submission = await db
      .selectFrom('submission')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .select(['submission.id', 'submission.call_id', 'submission.venue_id', 'call.rubric_id'])
      .where('submission.title', '=', 'Supervision as a container in times of austerity')
      .executeTakeFirstOrThrow();
    submissionId = submission.id;
    callId = submission.call_id;
    venueId = submission.venue_id;
    await db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', submissionId).execute();
    const criteria = await db
      .selectFrom('rubric_criterion')
      .select(['id', 'position'])
      .where('rubric_id', '=', submission.rubric_id!)
      .orderBy('position')
      .execute();
    // Relevance counts double, so the weighted totals differ from the plain means.
    await db.updateTable('rubric_criterion').set({ weight: '2' }).where('id', '=', criteria[0]!.id).execute();
    await db.updateTable('rubric').set({ asks_recommendation: true }).where('id', '=', submission.rubric_id!).execute();
    const reviewers = [
      {
        email: 'reviewer1@example.org',
        scores: [5, 4, 3, 4],
        recommendation: 'minor_revision',
        confidential: 'A strong paper; the second half drags.',
      },
      { email: 'reviewer2@example.org', scores: [2, 3, 4, 5], recommendation: 'major_revision', confidential: '' },
    ];
    for (const [index, reviewer] of reviewers.entries()) {
      const assignment = await db
        .insertInto('assignment')
        .values({
          submission_id: submissionId,
          round: 1,
          reviewer_id: await personId(reviewer.email),
          reviewer_number: index + 1,
          status: 'submitted',
          responded_at: new Date(Date.now() - 10 * DAY),
          due_at: new Date(Date.now() + 5 * DAY),
          submitted_at: new Date(Date.now() - DAY),
          conflict_override: index === 0 ? 'Examined a thesis at the same university years ago.' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const review = await db
        .insertInto('review')
        .values({
          assignment_id: assignment.id,
          recommendation: reviewer.recommendation,
          comments_to_author: `Comments from reviewer ${index + 1} to the author.`,
          comments_to_editor: reviewer.confidential,
          submitted_at: new Date(Date.now() - DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('review_score')
        .values(
          criteria.map((criterion, at) => ({
            review_id: review.id,
            criterion_id: criterion.id,
            score: reviewer.scores[at]!,
          })),
        )
        .execute();
    }
    await db
      .insertInto('assignment')
      .values({
        submission_id: submissionId,
        round: 1,
        reviewer_id: await personId('author1@example.org'),
        reviewer_number: 3,
        status: 'accepted',
        responded_at: new Date(Date.now() - 20 * DAY),
        due_at: new Date(Date.now() - 2 * DAY),
      })
      .execute();
  }

  const cellTexts = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((cells) => cells.map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()));

  test('scores side by side, states in words, late ones marked, confidential comments labelled', async () => {
    await seedReviews();
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${submissionId}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Scores side by side' }).waitFor();

    const scores = page.locator('table:has(#scores-round-1-caption)');
    expect(await cellTexts(page, '#scores-round-1-caption ~ thead th')).toEqual([
      'Criterion',
      'Weight',
      'Reviewer 1',
      'Reviewer 2',
      'Mean',
    ]);
    const totalRow = scores.locator('tbody tr', { hasText: 'Weighted total' });
    // (5×2 + 4 + 3 + 4) / 5 = 4.2 and (2×2 + 3 + 4 + 5) / 5 = 3.2; their mean 3.7.
    expect(await totalRow.locator('td').allTextContents()).toEqual(['', '4.20', '3.20', '3.70']);
    expect(await scores.locator('tbody tr', { hasText: 'Recommendation' }).locator('td').allTextContents()).toEqual([
      '',
      'Minor revision',
      'Major revision',
      '',
    ]);
    await expect.poll(() => page.getByText(/sum of every score times its criterion’s weight/).count()).toBe(1);

    const reviewers = page.locator('table:has(#assignments-round-1-caption)');
    const late = reviewers.locator('tbody tr', { hasText: 'Reviewer 3' });
    expect(await late.textContent()).toMatch(/Accepted, review under way\s*Late/);
    expect(await reviewers.locator('tbody tr', { hasText: 'Reviewer 1' }).textContent()).toMatch(
      /Invited despite a conflict: Examined a thesis at the same university years ago\./,
    );
    const confidential = page.locator('.confidential').filter({ hasText: 'A strong paper; the second half drags.' });
    expect(await confidential.getByText('Only editors see this').count()).toBe(1);

    await visited(page, 'review-panel-editor');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('inviting someone the server finds a conflict with asks for a reason, then sends it', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const invited: Array<Record<string, unknown>> = [];
    await page.route('**/api/submissions/*/reviewer-suggestions', (route) =>
      route.fulfill({
        json: {
          suggestions: [
            {
              personId: '11111111-1111-4111-8111-111111111111',
              name: 'Nia Newcomer',
              email: 'nia@essex.example.ac.uk',
              affiliation: 'University of Essex',
              expertise: ['supervision'],
              matchedKeywords: ['supervision'],
              load: 1,
              availability: null,
              conflicts: [],
            },
          ],
        },
      }),
    );
    await page.route('**/api/submissions/*/assignments', (route, request: Request) => {
      const body = request.postDataJSON() as Record<string, unknown>;
      invited.push(body);
      if (!body.overrideReason) {
        return route.fulfill({
          status: 409,
          json: {
            error: {
              code: 'conflict_needs_override',
              message: 'This person has a conflict with an author. Give a reason to invite them anyway.',
              conflicts: [{ reason: 'same_email_domain', detail: 'Both use essex.example.ac.uk' }],
            },
            requestId: 'test',
          },
        });
      }
      return route.fulfill({ status: 201, json: { assignmentId: '22222222-2222-4222-8222-222222222222' } });
    });
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${submissionId}`);
    await settled(page);
    await page.getByRole('button', { name: 'Invite a reviewer…' }).click();
    await page.getByRole('button', { name: 'Line up as alternate for Nia Newcomer' }).waitFor();
    await page.getByRole('button', { name: 'Invite Nia Newcomer' }).click();

    await page.getByRole('heading', { name: 'Nia Newcomer has a conflict with this submission' }).waitFor();
    expect(await page.getByText('Both use essex.example.ac.uk', { exact: true }).count()).toBe(1);
    await visited(page, 'review-panel-override');
    // No reason: asked again, nothing sent.
    await page.getByRole('button', { name: 'Invite anyway' }).click();
    await page.getByText('Write your reason to go ahead').waitFor();
    expect(invited).toHaveLength(1);
    await page.getByLabel('Why invite them anyway?').fill('The shared domain is a county-wide NHS one.');
    await page.getByRole('button', { name: 'Invite anyway' }).click();
    await page.getByText('Nia Newcomer is invited.').waitFor();
    expect(invited[1]).toMatchObject({
      personId: '11111111-1111-4111-8111-111111111111',
      overrideReason: 'The shared domain is a county-wide NHS one.',
    });
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('alternates in queue order; cancelling asks for a reason first', async () => {
    const db = env.system.db;
    const alice = await db
      .insertInto('person')
      .values({ email: 'alice.alternate@example.org', name: 'Alice Alternate' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Inserted out of order: the page lists them in the order they will be invited.
    await db
      .insertInto('review_alternate')
      .values([
        { submission_id: submissionId, round: 1, person_id: await personId('admin@example.org'), position: 2 },
        {
          submission_id: submissionId,
          round: 1,
          person_id: alice.id,
          position: 1,
          conflict_override: 'Only a shared funder.',
        },
      ])
      .execute();
    const watched = await openPage(env.browser);
    const { page } = watched;
    const cancelled: Array<{ url: string; body: unknown }> = [];
    await page.route('**/api/assignments/*/cancel', (route, request: Request) => {
      cancelled.push({ url: request.url(), body: request.postDataJSON() });
      return route.fulfill({ json: { ok: true } });
    });
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${submissionId}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Alternates' }).waitFor();
    const queue = page.locator('ol.alternates > li');
    expect(await queue.locator('strong').first().textContent()).toBe('Alice Alternate');
    expect(await queue.nth(0).textContent()).toMatch(/Lined up despite a conflict: Only a shared funder\./);
    expect(await queue.nth(1).textContent()).toMatch(/Alex Admin/);

    await page.getByRole('button', { name: 'Cancel Reviewer 3’s review' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Write a short reason first').waitFor();
    expect(cancelled).toHaveLength(0);
    await page.getByLabel('Reason (kept in the audit log)').fill('Unwell; we agreed to release them.');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Reviewer 3’s review is cancelled.').waitFor();
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.body).toEqual({ reason: 'Unwell; we agreed to release them.' });
    await visited(page, 'review-panel-alternates');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('who reviews what in the call, late ones said in words; and on a phone', async () => {
    for (const mobile of [false, true]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
      await page.goto(`${env.system.baseUrl}/venues/${venueId}/calls/${callId}`);
      await settled(page);
      await page.getByRole('link', { name: 'Who reviews what, and who is late' }).click();
      await page.getByRole('heading', { name: /Who reviews what/ }).waitFor();
      await settled(page);
      const bySubmission = page.locator('table:has(#progress-submissions-caption)');
      expect(await bySubmission.textContent()).toMatch(
        /Reviewer 3: Amara Author\.\s*Accepted, review under way; due .*\.\s*Late/,
      );
      const byReviewer = page.locator('table:has(#progress-reviewers-caption)');
      expect(await byReviewer.locator('tbody tr').first().textContent()).toMatch(/Amara Author.*1 late/);
      await expectNoSidewaysScroll(page, `review progress${mobile ? ' on a phone' : ''}`);
      await visited(page, `review-progress${mobile ? '-phone' : ''}`);

      await page.goto(`${env.system.baseUrl}/submissions/${submissionId}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Scores side by side' }).waitFor();
      await expectNoSidewaysScroll(page, `review panel${mobile ? ' on a phone' : ''}`);
      if (mobile) await visited(page, 'review-panel-phone');
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);
});
