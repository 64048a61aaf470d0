// The admins' Retention page in the browser: the periods per venue (a good change saved, a bad
// one refused with nothing saved), a dry run's list, and deleting exactly that list; on a phone too.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const day = 86_400_000;

describe('the Retention page in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  /** An expired session and a draft untouched for years whose author was warned long ago: both due. */
  async function plantWhatIsDue() {
    const db = env.system.db;
    const author = await db
      .selectFrom('person')
      .select('id')
      .where('email', '=', person('author', 1).email)
      .executeTakeFirstOrThrow();
    const sessionHash = randomBytes(32).toString('hex');
    await db
      .insertInto('session')
      .values({ token_hash: sessionHash, person_id: author.id, expires_at: new Date(Date.now() - 10 * day) })
      .execute();
    const draft = await db
      .selectFrom('submission')
      .select(['id', 'title'])
      .where('status', '=', 'draft')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const longAgo = new Date(Date.now() - 3 * 365 * day);
    await db
      .updateTable('submission')
      .set({ updated_at: longAgo, draft_deletion_notice_at: new Date(Date.now() - 60 * day) })
      .where('id', '=', draft.id)
      .execute();
    await db
      .updateTable('manuscript_version')
      .set({ uploaded_at: longAgo })
      .where('submission_id', '=', draft.id)
      .execute();
    await db
      .updateTable('application_form')
      .set({ updated_at: longAgo })
      .where('submission_id', '=', draft.id)
      .execute();
    return { sessionHash, draft };
  }

  test('an admin sees the periods, changes one, and deletes exactly what a dry run listed', async () => {
    const planted = await plantWhatIsDue();
    const db = env.system.db;
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
    await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
    await settled(page);

    // Every venue has its periods, under its own name.
    const venues = await db.selectFrom('venue').select(['id', 'name', 'retain_mail_bodies_months']).execute();
    for (const venue of venues) await page.getByRole('heading', { name: venue.name }).waitFor();
    await visited(page, 'admin-retention');

    // A bad value: a clear message by the field, and nothing saved.
    const venue = venues[0]!;
    const form = page.getByRole('form', { name: `Retention periods of ${venue.name}` });
    const mailField = form.getByLabel(/Text of e-mails/);
    await mailField.fill('0');
    await form.getByRole('button', { name: `Save the periods for ${venue.name}` }).click();
    await form.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await form.getByText('Write a whole number of months from 1 to 120.').first().waitFor();
    await visited(page, 'admin-retention-bad-value');
    const unchanged = await db
      .selectFrom('venue')
      .select('retain_mail_bodies_months')
      .where('id', '=', venue.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.retain_mail_bodies_months).toBe(venue.retain_mail_bodies_months);

    // A good one is saved.
    const wanted = venue.retain_mail_bodies_months === 9 ? 10 : 9;
    await mailField.fill(String(wanted));
    await form.getByRole('button', { name: `Save the periods for ${venue.name}` }).click();
    await form.getByText(`Saved. The next run of the sweep follows these periods for ${venue.name}.`).waitFor();
    const saved = await db
      .selectFrom('venue')
      .select('retain_mail_bodies_months')
      .where('id', '=', venue.id)
      .executeTakeFirstOrThrow();
    expect(saved.retain_mail_bodies_months).toBe(wanted);

    // The dry run lists the planted items and deletes nothing.
    await page.getByRole('button', { name: 'Show what the next run would delete' }).click();
    const list = page.getByRole('group').filter({ hasText: /The list \(\d+ items?\)/ });
    await list.waitFor();
    // A short list is shown open; a long one starts closed.
    expect(await list.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    await list
      .getByText(/Sign-in session, expired/)
      .first()
      .waitFor();
    await list.getByText(`Draft “${planted.draft.title}”`, { exact: false }).waitFor();
    await visited(page, 'admin-retention-dry-run');
    const dryRun = await db
      .selectFrom('retention_run')
      .select(['id', 'items'])
      .where('dry_run', '=', true)
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    const listed = (dryRun.items as Array<{ type: string; id: string }>).map((item) => `${item.type}:${item.id}`);
    expect(listed).toContain(`session:${planted.sessionHash}`);
    expect(listed).toContain(`draft:${planted.draft.id}`);
    expect(
      await db.selectFrom('session').select('token_hash').where('token_hash', '=', planted.sessionHash).execute(),
    ).toHaveLength(1);

    // Deleting deletes exactly that list.
    await page.getByRole('button', { name: 'Delete these now' }).click();
    await page
      .getByRole('status')
      .getByText(/^Done\. The run deleted/)
      .waitFor();
    // The finished run is listed under Recent runs, after its dry run.
    await page
      .getByRole('listitem')
      .filter({ hasText: /\brun by [^:]*:\s*The run deleted/ })
      .waitFor();
    await settled(page);
    await visited(page, 'admin-retention-done');
    const run = await db
      .selectFrom('retention_run')
      .select(['items', 'failure'])
      .where('dry_run', '=', false)
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(run.failure).toBeNull();
    expect((run.items as Array<{ type: string; id: string }>).map((item) => `${item.type}:${item.id}`).sort()).toEqual(
      [...listed].sort(),
    );
    expect(
      await db.selectFrom('session').select('token_hash').where('token_hash', '=', planted.sessionHash).execute(),
    ).toEqual([]);
    expect(await db.selectFrom('submission').select('id').where('id', '=', planted.draft.id).execute()).toEqual([]);

    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('the page works at phone width', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/admin/retention`);
    await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
    await settled(page);
    await expectNoSidewaysScroll(page, 'retention on a phone');
    await visited(page, 'admin-retention-phone');
    await page.getByRole('button', { name: 'Show what the next run would delete' }).click();
    await page
      .getByText(/would delete|Nothing is due/)
      .first()
      .waitFor();
    await settled(page);
    await expectNoSidewaysScroll(page, 'retention dry run on a phone');
    await visited(page, 'admin-retention-phone-dry-run');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
