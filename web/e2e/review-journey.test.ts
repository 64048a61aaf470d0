// The whole review journey in the browser, on the real routes: an author submits a paper; the
// copy is made (the PDF worker's part is played through the copy's state machine, as in
// screening.test.ts); the editor sends it to review and invites Ravi and Rosa from the pool with
// the picker; each accepts through the link in the captured mail, reads the copy in the page and
// as a download, scores it on the rubric, comments and submits (Rosa on a phone); the editor sees
// the scores side by side, is asked for a reason when the server finds the new name is the
// author's, and invites someone outside the pool by name and e-mail. axe on every page along the way.
import type { Database } from '@gaps/db';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { simplePdf } from '../../server/src/demo/simple-pdf.ts';
import { finishCopyAsWorker, madeCopyResult } from '../../server/test/factories.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { nextStep, waitForSaved } from './support/wizard.ts';

const TITLE = 'Thinking under pressure: duty social work and the anxious phone call';

/** The newest invitation link in mail to `to` (the link is a path with the token, not a query). */
async function invitationLink(db: Database, to: string): Promise<string> {
  let link = '';
  await expect
    .poll(
      async () => {
        const message = await db
          .selectFrom('email_message')
          .select('text_body')
          .where('to_address', '=', to)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
        link = message?.text_body.match(/https?:\/\/\S+\/invitations\/[^\s]+/)?.[0] ?? '';
        return link;
      },
      { timeout: 10_000, message: `an invitation e-mail to ${to}` },
    )
    .not.toBe('');
  return link;
}

describe('the review journey', () => {
  const env = useSystemAndBrowser();

  async function authorSubmits(page: Page) {
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    await page.getByRole('button', { name: /Start a submission to Journal of Social Work Practice/ }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    await page.getByRole('heading', { name: 'Call and category' }).waitFor();
    await nextStep(page, 'Title, abstract and keywords');
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(TITLE);
    await page
      .getByRole('textbox', { name: 'Abstract', exact: true })
      .fill('What a duty worker can do with the fear a caller brings, and what a team does with it after.');
    await page.getByRole('textbox', { name: 'Keywords', exact: true }).fill('supervision, duty work, anxiety');
    await page.getByRole('textbox', { name: 'Keywords', exact: true }).blur();
    await waitForSaved(page);
    await nextStep(page, 'Authors');
    await nextStep(page, 'Declarations and word count');
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByLabel('Number of words').fill('5200');
    await page.getByLabel('Number of words').blur();
    await waitForSaved(page);
    await nextStep(page, 'Upload your manuscript');
    await page.getByLabel('Your manuscript (PDF)').setInputFiles({
      name: 'duty-work.pdf',
      mimeType: 'application/pdf',
      buffer: simplePdf([[TITLE, '', 'The phone rang at ten past four on a Friday.', 'The team was thin.']]),
    });
    await page.getByText('Uploaded: version 1').waitFor({ timeout: 20_000 });
    await nextStep(page, 'Check and submit');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Your submission is sent' }).waitFor();
    await signOut(page);
  }

  /** The copy made with nothing found: the worker's result, recorded as the worker records it. */
  async function copyMade(submissionId: string) {
    const version = await env.system.db
      .selectFrom('manuscript_version')
      .select('file_sha256')
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    // The stored upload stands in for the anonymised output (same store, found by its digest).
    await finishCopyAsWorker(env.system.db, submissionId, () => madeCopyResult(version.file_sha256));
  }

  /** A reviewer answers the link in their mail, reads the copy, scores it and submits. */
  async function review(
    browser: Browser,
    email: string,
    options: { mobile: boolean; choice: number; recommendation: string; toAuthor: string; toEditor: string },
  ) {
    const watched = await openPage(browser, { mobile: options.mobile });
    const { page } = watched;
    const name = options.mobile ? 'journey-phone' : 'journey';
    await page.goto(await invitationLink(env.system.db, email));
    await settled(page);
    await page.getByRole('heading', { name: /Invitation to/ }).waitFor();
    await page.getByText(TITLE).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Amara Author');
    await expectNoSidewaysScroll(page, `${name}-invitation`);
    await visited(page, `${name}-invitation`);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await visited(page, `${name}-accepted`);

    // The page's frame asks for the inline copy as the page opens.
    const inline = page.waitForResponse((response) => /\/review-copy\/file\?.*inline/.test(response.url()));
    await page.getByRole('button', { name: 'Start reviewing' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/reviews/'));
    const framed = await inline;
    expect(framed.status()).toBe(200);
    expect(framed.headers()['content-type']).toMatch(/^application\/pdf/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await settled(page);
    // The link's session reaches this review only, and the header offers nothing else.
    await expect
      // (On a phone the links sit in the closed menu, so they are read from the markup.)
      .poll(() => page.locator('nav[aria-label="Main"] a').allTextContents())
      .toEqual(['Your review']);
    await expectNoSidewaysScroll(page, `${name}-review`);
    await visited(page, `${name}-review`);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: /Download the manuscript/ }).click();
    const download = await downloading;
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream()) ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).not.toContain('duty-work');

    for (const group of await page.locator('fieldset.criterion').all()) {
      await group.getByRole('radio').nth(options.choice).check();
    }
    await page
      .getByRole('group', { name: 'Your recommendation' })
      .getByRole('radio', { name: options.recommendation })
      .check();
    await page.getByRole('textbox', { name: 'Comments to the author' }).fill(options.toAuthor);
    await page.getByRole('textbox', { name: 'Confidential comments to the editor' }).fill(options.toEditor);
    await waitForSaved(page);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, submit' }).click();
    await page.getByText('You submitted this review').waitFor();
    await visited(page, `${name}-review-submitted`);
    expectNoProblems(watched);
    await watched.context.close();
  }

  test('an author submits; the editor invites two reviewers who accept, score and submit; the editor compares', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await authorSubmits(page);
    const submission = await env.system.db
      .selectFrom('submission')
      .select(['id', 'status'])
      .where('title', '=', TITLE)
      .executeTakeFirstOrThrow();
    expect(submission.status).toBe('submitted');
    await copyMade(submission.id);

    // The editor sends it to review and invites two people from the pool.
    const address = `/submissions/${submission.id}`;
    await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword, address);
    await settled(page);
    await page.getByRole('button', { name: 'Start screening' }).click();
    await page.getByRole('button', { name: 'Yes, start screening' }).click();
    await page.getByText('The anonymised copy is ready for the reviewers.').waitFor();
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page.getByRole('button', { name: 'Yes, send to review' }).click();
    await page.getByText('Sent to review. The author has been told by e-mail.').waitFor();
    await page.getByRole('button', { name: 'Invite a reviewer…' }).click();
    for (const name of ['Ravi Reviewer', 'Rosa Reviewer']) {
      await page.getByRole('button', { name: `Invite ${name}`, exact: true }).click();
      await page.getByText(`${name} is invited.`, { exact: false }).waitFor();
    }
    await settled(page);
    await visited(page, 'journey-editor-invited');

    await review(env.browser, 'reviewer1@example.org', {
      mobile: false,
      choice: 3,
      recommendation: 'Minor revision',
      toAuthor: 'A clear account of the first hour of a duty call.',
      toEditor: 'Publishable with small changes; the ending is rushed.',
    });
    await review(env.browser, 'reviewer2@example.org', {
      mobile: true,
      choice: 1,
      recommendation: 'Major revision',
      toAuthor: 'The supervision literature is missing.',
      toEditor: 'I would want to see it again.',
    });

    // The editor sees the two reviews side by side.
    await page.reload();
    await settled(page);
    await page.getByRole('heading', { name: 'Scores side by side' }).waitFor();
    const scores = page.locator('table:has(#scores-round-1-caption)');
    const header = await scores.locator('thead th').allTextContents();
    expect(header.map((text) => text.trim())).toEqual(['Criterion', 'Weight', 'Reviewer 1', 'Reviewer 2', 'Mean']);
    const totals = await scores.locator('tbody tr', { hasText: 'Weighted total' }).locator('td').allTextContents();
    expect(totals).toHaveLength(4);
    expect(Number(totals[1])).toBeGreaterThan(Number(totals[2]));
    expect(await scores.locator('tbody tr', { hasText: 'Recommendation' }).locator('td').allTextContents()).toEqual([
      '',
      'Minor revision',
      'Major revision',
      '',
    ]);
    for (const words of ['the ending is rushed', 'I would want to see it again']) {
      const confidential = page.locator('.confidential').filter({ hasText: words });
      expect(await confidential.getByText('Only editors see this').count()).toBe(1);
    }
    await visited(page, 'journey-editor-scores');

    // Someone outside the pool, invited by name and e-mail, gets the same invitation.
    await page.getByRole('button', { name: 'Invite a reviewer…' }).click();
    await page.getByRole('button', { name: 'Invite by e-mail' }).click();
    await page.getByText('Write their name and e-mail address.').waitFor();
    // The author's own address: the server's 409 lists the conflict, and the page asks for a reason.
    await page.getByLabel('Name', { exact: true }).fill('Amara Author');
    await page.getByLabel('E-mail address', { exact: true }).fill('author1@example.org');
    await page.getByRole('button', { name: 'Invite by e-mail' }).click();
    await page.getByRole('heading', { name: 'Amara Author has a conflict with this submission' }).waitFor();
    expect(await page.getByText('Is an author of this submission', { exact: true }).count()).toBe(1);
    await visited(page, 'journey-editor-conflict');
    await page.getByRole('button', { name: 'Choose someone else' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Nell Newcomer');
    await page.getByLabel('E-mail address', { exact: true }).fill('nell.newcomer@example.net');
    await visited(page, 'journey-editor-invite-new');
    await page.getByRole('button', { name: 'Invite by e-mail' }).click();
    await page.getByText('Nell Newcomer is invited.', { exact: false }).waitFor();
    expect(
      await env.system.db
        .selectFrom('assignment')
        .innerJoin('person', 'person.id', 'assignment.reviewer_id')
        .select('person.email')
        .where('assignment.submission_id', '=', submission.id)
        .orderBy('assignment.reviewer_number')
        .execute(),
    ).toEqual([
      { email: 'reviewer1@example.org' },
      { email: 'reviewer2@example.org' },
      { email: 'nell.newcomer@example.net' },
    ]);
    expect(await invitationLink(env.system.db, 'nell.newcomer@example.net')).toMatch(/\/invitations\//);
    expectNoProblems(watched);
    await watched.context.close();
  }, 240_000);
});
