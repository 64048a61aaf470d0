// No silent drops: a chosen file is uploaded at once (with progress and a Cancel) and Next waits
// for it; a password-protected PDF is refused on the spot; the words counted in the PDF are shown
// against the declared count and the call's limit before sending; a draft can be deleted (after a
// question), and a second "Start a submission" opens the empty draft again (and says so) instead
// of piling up; a changed file chosen on a returned submission is uploaded, and Send again waits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, screenshot, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { nextStep } from './support/wizard.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => path.resolve(repoRoot, 'test-fixtures/pdfs', name);
/** 14 pages, 13,127 words: over the journal's limit of 7,000. */
const longPaper = fixture('pdfjs-corpus/tracemonkey-pldi-09.pdf');

describe('no silent drops', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;
  const journalStart = /Start a submission to Journal of Social Work Practice/;

  async function signInTo(page: Page, email: string) {
    await page.goto(`${env.system.baseUrl}/sign-in?next=%2Fcalls`);
    await signIn(page, env.system.baseUrl, email, env.system.demoPassword, '/calls');
    await settled(page);
  }

  /** Presses "Start a submission" for the journal; answers the draft's id. */
  async function startJournal(page: Page): Promise<string> {
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    await page.getByRole('button', { name: journalStart }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    await page.getByRole('heading', { name: 'Call and category' }).waitFor();
    return new URL(page.url()).pathname.split('/').at(-1)!;
  }

  const versions = (submissionId: string) =>
    env.system.db
      .selectFrom('manuscript_version')
      .select(['word_count', 'page_count'])
      .where('submission_id', '=', submissionId)
      .execute();

  test('a chosen file uploads at once: Cancel keeps nothing, Next waits for it, and the words are shown against the limit', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signInTo(page, person('author', 0).email);
    const id = await startJournal(page);
    await env.system.db
      .updateTable('submission')
      .set({ title: 'Tracing the just-in-time', declarations: JSON.stringify({ confirmed: [], wordCount: 6800 }) })
      .where('id', '=', id)
      .execute();
    await page.goto(`${env.system.baseUrl}/submissions/${id}?step=manuscript`);
    await page.getByRole('heading', { name: 'Upload your manuscript', level: 2 }).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: 'Upload', exact: true }).count()).toBe(0);

    // A slow line, so the upload is still going when the author presses things.
    const cdp = await watched.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const throttle = (bytesPerSecond: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: bytesPerSecond,
      });
    await throttle(100 * 1024);
    const input = page.getByLabel('Your manuscript (PDF)');

    // Chosen: it is on its way without pressing anything. Cancel stops it and keeps nothing.
    await input.setInputFiles(longPaper);
    const progress = page.getByRole('progressbar', { name: /Uploading tracemonkey-pldi-09\.pdf/ });
    await progress.waitFor();
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await page.getByText('Upload cancelled: nothing was kept.').waitFor();
    expect(await versions(id)).toEqual([]);

    // Chosen again, and Next pressed while it is going: the page stays, and says why.
    await input.setInputFiles(longPaper);
    await progress.waitFor();
    await screenshot(page, 'upload-on-choose-progress');
    await page.getByRole('button', { name: /^Next/ }).click();
    const stopped = page.getByRole('alert').filter({ hasText: 'is still being uploaded' });
    await stopped.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('stopped'))).toBe(true);
    expect(new URL(page.url()).searchParams.get('step')).toBe('manuscript');
    await visited(page, 'upload-next-while-uploading');
    await throttle(-1);

    // When every byte is sent the server checks the PDF (over a second for these 14 pages); the
    // author sees that too, and Cancel is gone (the server may already be keeping the file).
    await page.getByRole('progressbar', { name: /Checking your PDF…/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel upload' }).count()).toBe(0);
    await page.getByRole('alert').filter({ hasText: 'has arrived and we are checking it' }).waitFor();
    await screenshot(page, 'upload-checking');
    await page.getByText('Uploaded: version 1').waitFor({ timeout: 60_000 });
    expect(await versions(id)).toEqual([{ word_count: 13127, page_count: 14 }]);
    await nextStep(page, 'Check and submit');

    // Before sending: the count, the declared number and the limit, flagged calmly (not refused).
    await page
      .getByText('About 13,127 words in your PDF; you declared 6,800; this call’s limit is 7,000 words.')
      .waitFor();
    await page.getByText('That is over this call’s limit. You can still submit').waitFor();
    await expectNoSidewaysScroll(page, 'review-word-count-over-limit');
    await visited(page, 'review-word-count-over-limit');
    expectNoProblems(watched);
    await watched.context.close();
  }, 240_000);

  test('a password-protected PDF is refused on the spot, and Next says so once before going on (phone)', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signInTo(page, person('author', 1).email);
    const id = await startJournal(page);
    await env.system.db.updateTable('submission').set({ title: 'Locked away' }).where('id', '=', id).execute();
    await page.goto(`${env.system.baseUrl}/submissions/${id}?step=manuscript`);
    await page.getByRole('heading', { name: 'Upload your manuscript', level: 2 }).waitFor();
    await settled(page);

    // As Word's "Encrypt with password" would make it.
    const scratch = mkdtempSync(path.join(tmpdir(), 'no-silent-drops-'));
    let locked: Buffer;
    try {
      const out = path.join(scratch, 'locked.pdf');
      const qpdf = spawnSync('qpdf', [
        '--encrypt',
        'open-sesame',
        'owner-secret',
        '256',
        '--',
        fixture('pdf-lib-corpus/normal.pdf'),
        out,
      ]);
      expect([0, 3]).toContain(qpdf.status);
      locked = readFileSync(out);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    await page
      .getByLabel('Your manuscript (PDF)')
      .setInputFiles({ name: 'locked.pdf', mimeType: 'application/pdf', buffer: locked });
    const message =
      'This PDF is password-protected or encrypted in a way we cannot open. Please upload a copy that opens without a password';
    await page.getByRole('alert').getByText(message).waitFor({ timeout: 60_000 });
    await page.locator('#draft-upload-manuscript-error').getByText(message).waitFor();
    expect(await versions(id)).toEqual([]);
    await expectNoSidewaysScroll(page, 'phone-upload-password-refused');
    await visited(page, 'phone-upload-password-refused');

    // Next: told once that the chosen file was not uploaded; pressed again, it goes on.
    await page.getByRole('button', { name: /^Next/ }).click();
    await page.getByRole('alert').filter({ hasText: 'The file you chose was not uploaded' }).waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('manuscript');
    await nextStep(page, 'Check and submit');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('a changed file chosen on a returned submission is the one sent again; Send again waits for it, and stops once after a refusal', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const author = person('author', 0);
    // The editor has sent it back (the screening test walks that part in the browser).
    const returned = await env.system.db
      .updateTable('submission')
      .set({ status: 'revision_requested' })
      .where('title', '=', 'Staying curious: relationship-based practice in child protection')
      .returning('id')
      .executeTakeFirstOrThrow();
    await signInTo(page, author.email);
    await page.goto(`${env.system.baseUrl}/submissions/${returned.id}`);
    await page.getByRole('heading', { name: 'Send your changes' }).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: /^Upload/ }).count()).toBe(0);

    const cdp = await watched.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const throttle = (bytesPerSecond: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: bytesPerSecond,
      });
    const status = async () =>
      (
        await env.system.db
          .selectFrom('submission')
          .select('status')
          .where('id', '=', returned.id)
          .executeTakeFirstOrThrow()
      ).status;

    // A refused file: Send again says so once, rather than quietly sending the old file.
    await page
      .getByLabel('Your changed manuscript (PDF)')
      .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some notes') });
    await page.locator('#revision-upload-manuscript-error').waitFor();
    await page.getByRole('button', { name: 'Send again' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The file you chose was not uploaded' })
      .filter({ hasText: 'to send the file you uploaded before, press “Send again” again' })
      .waitFor();
    expect(await status()).toBe('revision_requested');

    await throttle(100 * 1024);
    // Chosen, then Send again pressed at once: nothing is sent while the file is on its way.
    await page.getByLabel('Your changed manuscript (PDF)').setInputFiles(longPaper);
    await page.getByRole('progressbar', { name: /Uploading tracemonkey-pldi-09\.pdf/ }).waitFor();
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByRole('alert').filter({ hasText: 'is still being uploaded' }).waitFor();
    await visited(page, 'returned-send-again-while-uploading');
    await throttle(-1);
    await page.getByText('Uploaded: version 2').waitFor({ timeout: 60_000 });
    expect(await status()).toBe('revision_requested');

    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Sent again.').waitFor();
    expect(await status()).toBe('submitted');
    // The anonymised copy is made from the file just chosen, not the one the editor sent back.
    const copies = await env.system.db
      .selectFrom('review_copy')
      .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
      .select(['manuscript_version.uploaded_name', 'manuscript_version.version_number'])
      .where('manuscript_version.submission_id', '=', returned.id)
      .orderBy('review_copy.created_at', 'desc')
      .execute();
    expect(copies[0]).toEqual({ uploaded_name: 'tracemonkey-pldi-09.pdf', version_number: 2 });
    await settled(page);
    await visited(page, 'returned-sent-again');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('a second Start opens the empty draft again; drafts are deleted after a question, from the list and the wizard', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const author = person('author', 1);
    await signInTo(page, author.email);
    const { id: personId } = await env.system.db
      .selectFrom('person')
      .select('id')
      .where('email', '=', author.email)
      .executeTakeFirstOrThrow();
    const drafts = () =>
      env.system.db
        .selectFrom('submission')
        .select('id')
        .where('submitter_id', '=', personId)
        .where('status', '=', 'draft')
        .execute();
    const before = (await drafts()).length;

    const resumedNote = page
      .getByRole('status')
      .getByText('You had already started a draft for this call; here it is.');
    const first = await startJournal(page);
    expect(await resumedNote.count()).toBe(0);
    const second = await startJournal(page);
    expect(second).toBe(first);
    // Told why it is the same draft, not left to wonder where a new one went.
    await resumedNote.waitFor();
    await expectNoSidewaysScroll(page, 'phone-draft-resumed');
    await visited(page, 'phone-draft-resumed');
    expect((await drafts()).length).toBe(before + 1);

    // On My submissions: asked first; Cancel keeps it; Yes deletes it and says so.
    await page.goto(`${env.system.baseUrl}/submissions`);
    await settled(page);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /untitled draft/ }) });
    await card.getByRole('button', { name: 'Delete this draft' }).click();
    await card.getByText('Delete “Untitled draft”? Its text and files are removed for good').waitFor();
    await expectNoSidewaysScroll(page, 'phone-delete-draft-question');
    await visited(page, 'phone-delete-draft-question');
    await card.getByRole('button', { name: 'Cancel' }).click();
    expect((await drafts()).length).toBe(before + 1);
    await card.getByRole('button', { name: 'Delete this draft' }).click();
    await card.getByRole('button', { name: 'Yes, delete the draft' }).click();
    await page.getByRole('status').getByText('Your untitled draft has been deleted, with its files.').waitFor();
    expect((await drafts()).map((d) => d.id)).not.toContain(first);
    expect(await page.getByRole('link', { name: /untitled draft/ }).count()).toBe(0);
    await visited(page, 'phone-draft-deleted');

    // From inside the wizard, on its last step.
    const third = await startJournal(page);
    expect(third).not.toBe(first);
    await env.system.db.updateTable('submission').set({ title: 'Second thoughts' }).where('id', '=', third).execute();
    await page.goto(`${env.system.baseUrl}/submissions/${third}?step=review`);
    await page.getByRole('heading', { name: 'Check and submit', level: 2 }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Delete this draft' }).click();
    await page.getByText('Delete “Second thoughts”?').waitFor();
    await page.getByRole('button', { name: 'Yes, delete the draft' }).click();
    await page.waitForURL((url) => url.pathname === '/submissions');
    await page.getByText('Your draft “Second thoughts” has been deleted, with its files.').waitFor();
    expect((await drafts()).map((d) => d.id)).not.toContain(third);
    await visited(page, 'phone-draft-deleted-from-wizard');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
