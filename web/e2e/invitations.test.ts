// A reviewer invited without an account answers from the link in the captured e-mail, on a phone:
// the page shows the work (no author), Accept needs no password, and "Start reviewing" opens a
// session that reaches that one assignment. Another declines with a reason. axe on every state.
import { describe, expect, test } from 'vitest';
import { inviteReviewer } from '../../server/src/assignments/invite.ts';
import { findOrCreateInvitee } from '../../server/src/assignments/invitee.ts';
import { checkAccessibility, expectNoProblems, expectNoSidewaysScroll, openPage, settled } from './support/browser.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('the invitation page', () => {
  const env = useSystemAndBrowser();

  /** A demo submission sent to review, and an invitation for `email`; answers the link and the authors' names. */
  async function invited(email: string, name: string) {
    const db = env.system.db;
    const submission = await db
      .selectFrom('submission')
      .select(['id', 'title'])
      .where('status', '=', 'submitted')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    await db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', submission.id).execute();
    const personId = await findOrCreateInvitee(db, { actorId: null, ip: null, requestId: null }, email, name);
    await inviteReviewer(
      {
        db,
        audit: { actorId: null, ip: null, requestId: null },
        now: new Date(),
        publicUrl: env.system.baseUrl,
        invitedBy: null,
      },
      { submissionId: submission.id, personId },
    );
    const { text_body } = await db
      .selectFrom('email_message')
      .select('text_body')
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    const authors = await db
      .selectFrom('submission_author')
      .select('name')
      .where('submission_id', '=', submission.id)
      .execute();
    return {
      link: text_body.match(/https?:\/\/\S+\/invitations\/\S+/)![0],
      title: submission.title,
      authors: authors.map((a) => a.name),
    };
  }

  test('accept without a password, then start reviewing with the link alone', async () => {
    const { link, title, authors } = await invited('browser.reviewer@example.net', 'Browser Reviewer');
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await page.goto(link);
    await settled(page);
    await page.getByRole('heading', { name: /Invitation to/ }).waitFor();
    await page.getByText(title).first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const name of authors) expect(text).not.toContain(name);
    await checkAccessibility(page, 'invitation');
    await expectNoSidewaysScroll(page, 'phone-invitation');

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await page.getByText(/Forgot password/).waitFor();
    await checkAccessibility(page, 'invitation-accepted');

    await page.getByRole('button', { name: 'Start reviewing' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/reviews/'));
    const session = await (await page.request.get(`${env.system.baseUrl}/api/session`)).json();
    expect(session.assignmentScope).toBe(page.url().split('/reviews/')[1]);
    expect((await page.request.get(`${env.system.baseUrl}/api/me/profile`)).status()).toBe(404);
    expectNoProblems(watched);
  });

  test('decline with a reason', async () => {
    const { link } = await invited('declining.reviewer@example.net', 'Declining Reviewer');
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(link);
    await settled(page);
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByLabel(/Your reason/).fill('On leave this term');
    await page.getByLabel(/suggest instead/).fill('Sam Other, sam@example.org');
    await checkAccessibility(page, 'invitation-decline');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByText('Thank you for letting us know.').waitFor();
    const row = await env.system.db
      .selectFrom('assignment')
      .innerJoin('person', 'person.id', 'assignment.reviewer_id')
      .select(['assignment.status', 'assignment.decline_reason'])
      .where('person.email', '=', 'declining.reviewer@example.net')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'declined', decline_reason: 'On leave this term' });
    // Opened again: it says it was declined, and offers nothing to press.
    await page.goto(link);
    await settled(page);
    await page.getByText('You declined this invitation.').waitFor();
    expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expectNoProblems(watched);
  });
});
