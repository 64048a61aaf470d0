// Every promise kept: an author whose work is returned reads the editor's message and the places to
// change on its page, not only in an e-mail; a rejected author reads the editor's reason there and
// in the e-mail the page speaks of; a co-author is e-mailed a copy of the receipt and confirms from
// its link, which changes nothing until they press "Confirm".
// No workers run in the test system: the test plays the PDF worker in the database, and reads the
// e-mails from the outbox (the whole path over SMTP is server/src/submissions/author-mail.whole-path.test.ts).
import { describe, expect, test } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { makeCall, makeCompleteDraft } from '../../server/test/factories.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { linkFromMail } from './support/mail.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('every promise kept', () => {
  const env = useSystemAndBrowser();
  const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

  const submissionTitled = (title: string) =>
    env.system.db
      .selectFrom('submission')
      .select(['id', 'code', 'status'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
  const mailTo = (to: string, template: string) =>
    env.system.db
      .selectFrom('email_message')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .where('template', '=', template)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();

  /** What the PDF worker would write: a copy whose identity check found the author twice. */
  async function copyWithFindings(submissionId: string) {
    const version = await env.system.db
      .selectFrom('manuscript_version')
      .select(['id', 'file_sha256'])
      .where('submission_id', '=', submissionId)
      .orderBy('version_number', 'desc')
      .executeTakeFirstOrThrow();
    await env.system.db
      .updateTable('review_copy')
      .set({
        status: 'needs_attention',
        output_sha256: version.file_sha256,
        page_count: 3,
        word_count: 2900,
        leak_report: JSON.stringify({
          findings: [
            { kind: 'name', page: 1, text: 'Ben Author', context: 'What the silence held, by Ben Author, 2026' },
            {
              kind: 'affiliation',
              page: 3,
              text: 'Riverside Children’s Services',
              context: 'my placement at Riverside Children’s Services taught me to wait',
            },
          ],
          overWordLimit: false,
          overPageLimit: false,
          leaksInCopy: [],
        }),
        updated_at: new Date(),
      })
      .where('manuscript_version_id', '=', version.id)
      .execute();
  }

  test('a returned entry’s page shows the editor’s message and the places to change', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const essay = await submissionTitled('What the silence held');
    await copyWithFindings(essay.id);

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Return to the entrant…' }).click();
    const message =
      'Dear Ben,\n\nA lovely essay. Two places still say who you are; please change them and send it again.';
    await page.getByLabel('Message to the entrant').fill(message);
    await page.getByRole('button', { name: 'Send it back to the entrant' }).click();
    await page.getByText('Returned to the entrant.').waitFor();
    await signOut(page);

    await signIn(page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await settled(page);
    const said = page.getByRole('region', { name: 'The editor’s message' });
    expect(await said.getByTestId('editor-message-text').textContent()).toBe(message);
    const places = said.getByTestId('places-to-change').getByRole('listitem');
    expect((await places.allTextContents()).map(words)).toEqual([
      'Page 1: “Ben Author” in “What the silence held, by Ben Author, 2026”',
      'Page 3: “Riverside Children’s Services” in “my placement at Riverside Children’s Services taught me to wait”',
    ]);
    const todo = page.getByRole('region', { name: 'Send your changes' });
    expect(await todo.textContent()).toContain('Change your file at the places listed above');
    expect(await todo.textContent()).not.toContain('e-mail');
    expect(await page.getByRole('region', { name: 'What happens next' }).textContent()).toContain(
      'Read their message below',
    );
    await visited(page, 'promises-author-returned');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'promises-author-returned-phone');
    await visited(page, 'promises-author-returned-phone');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('a rejection without review needs a reason, which the author reads by e-mail and on the page', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const paper = await submissionTitled('Staying curious: relationship-based practice in child protection');

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Reject without review' }).click();
    await page.getByRole('button', { name: 'Yes, reject it' }).click();
    await page.getByText('Please write your reason for the author first').waitFor();
    expect((await submissionTitled('Staying curious: relationship-based practice in child protection')).status).toBe(
      'submitted',
    );
    const reason =
      'The journal publishes accounts of practice; this reads as a policy briefing. Thank you for thinking of us.';
    await page.getByLabel('Your reason, for the author').fill(reason);
    await visited(page, 'promises-editor-desk-reject');
    await page.getByRole('button', { name: 'Yes, reject it' }).click();
    await page.getByText('Rejected without review. The author has been e-mailed your reason.').waitFor();

    const mail = await mailTo('author1@example.org', 'submission.desk_rejected');
    expect(mail?.subject).toBe(`Your submission ${paper.code}: the editors' decision`);
    expect(mail?.text_body).toContain(reason);
    await signOut(page);

    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await settled(page);
    expect(await page.getByRole('region', { name: 'What happens next' }).textContent()).toContain(
      'Their reason is below',
    );
    expect(
      await page.getByRole('region', { name: 'The editor’s reason' }).getByTestId('editor-message-text').textContent(),
    ).toBe(reason);
    await visited(page, 'promises-author-desk-rejected');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('a co-author gets a copy of the receipt and confirms from its link; opening it changes nothing', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    // author2 sends a paper naming author1 (who has an account) as co-author.
    const venue = await env.system.db
      .selectFrom('venue')
      .select('id')
      .where('slug', '=', 'jswp')
      .executeTakeFirstOrThrow();
    const callId = await makeCall(env.system.db, venue.id);
    const submitter = new TestClient(env.system.app);
    await submitter.login('author2@example.org', env.system.demoPassword);
    const id = await makeCompleteDraft(submitter, callId, {
      title: 'Two of us on duty',
      authors: [
        { name: 'Ben Author', email: 'author2@example.org', affiliation: 'Open University' },
        { name: 'Alice Author', email: 'author1@example.org', affiliation: 'University of Kent' },
      ],
    });
    const code: string = (await submitter.post(`/api/submissions/${id}/submit`)).json().submission.code;
    const copy = await mailTo('author1@example.org', 'submission.co_author_receipt');
    expect(copy?.subject).toBe(`You are named as an author of ${code}`);
    const link = await linkFromMail(env.system.db, 'author1@example.org', '/confirm-authorship');
    const confirmed = () =>
      env.system.db
        .selectFrom('submission_author')
        .select('confirmed_at')
        .where('submission_id', '=', id)
        .where('email', '=', 'author1@example.org')
        .executeTakeFirstOrThrow();

    // Signed in as someone else (the submitter): told whose link it is, offered to sign out.
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await page.goto(link);
    await settled(page);
    await page.getByRole('heading', { name: 'You are signed in as someone else' }).waitFor();
    await visited(page, 'promises-confirm-authorship-someone-else');
    await page.locator('#main').getByRole('button', { name: 'Sign out' }).click();

    // Signed out: what it is, and Confirm; opening the page changed nothing.
    await page.getByRole('button', { name: 'Confirm' }).waitFor();
    const facts = words(await page.locator('main').textContent());
    expect(facts).toContain(`Ben Author sent a submission to Journal of Social Work Practice that names you`);
    expect(facts).toContain(code);
    expect((await confirmed()).confirmed_at).toBeNull();
    await expectNoSidewaysScroll(page, 'promises-confirm-authorship');
    await visited(page, 'promises-confirm-authorship');

    // Sign in first, come back, confirm.
    await page.getByRole('link', { name: 'sign in', exact: true }).click();
    await page.waitForURL('**/sign-in?next=*');
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword, '/confirm-authorship');
    await settled(page);
    await page
      .getByText('You are signed in as author1@example.org, so it will also appear under My submissions.')
      .waitFor();
    expect((await confirmed()).confirmed_at).toBeNull();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Thank you: you have confirmed that you are an author.').waitFor();
    expect((await confirmed()).confirmed_at).toBeInstanceOf(Date);
    await visited(page, 'promises-confirm-authorship-done');
    await page.getByRole('link', { name: 'See the submission' }).click();
    await page.getByRole('heading', { name: 'Two of us on duty' }).waitFor();
    await settled(page);
    await page.getByTestId('co-author-note').waitFor();

    // The link is used up.
    await page.goto(link);
    await settled(page);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
