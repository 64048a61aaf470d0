// After the award's announcement: a winner reads the result on their entry's page, downloads the
// certificate and offers the essay to the journal; the editor, who edits the award and the
// journal, moves it in with one press, and it appears in the journal's queue with where it came from.
// The result is put in the table directly (the ranking and announcement are tested elsewhere).
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('an award winner’s certificate and the essay’s move into the journal', () => {
  const env = useSystemAndBrowser();

  test('the winner downloads the certificate and offers the essay; the editor moves it; the journal queue shows it', async () => {
    const { db } = env.system;
    const entry = await db
      .selectFrom('submission')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .innerJoin('person', 'person.id', 'submission.submitter_id')
      .select([
        'submission.id',
        'submission.code',
        'submission.code_year',
        'submission.call_id',
        'submission.category_id',
      ])
      .select(['venue.name as award_name', 'person.email', 'person.name'])
      .where('venue.kind', '=', 'award')
      .where('submission.code', 'is not', null)
      .orderBy('submission.code')
      .executeTakeFirstOrThrow();
    // This test's own result for the entry, whatever the demo decided.
    await db.deleteFrom('award_result').where('call_id', '=', entry.call_id).execute();
    await db
      .insertInto('award_result')
      .values({
        call_id: entry.call_id,
        category_id: entry.category_id,
        submission_id: entry.id,
        outcome: 'winner',
        rank: 1,
        announced_at: new Date(),
      })
      .execute();
    const category = entry.category_id
      ? (
          await db
            .selectFrom('call_category')
            .select('name')
            .where('id', '=', entry.category_id)
            .executeTakeFirstOrThrow()
        ).name
      : null;
    const round = `${entry.award_name} ${entry.code_year}`;

    // The winner, on a phone.
    const winner = await openPage(env.browser, { mobile: true });
    await signIn(winner.page, env.system.baseUrl, entry.email, env.system.demoPassword);
    await winner.page.goto(`${env.system.baseUrl}/submissions/${entry.id}`);
    await settled(winner.page);
    const result = category
      ? `Your essay won the ${category} category of the ${round}.`
      : `Your essay won the ${round}.`;
    await winner.page.getByText(result).waitFor();
    await expectNoSidewaysScroll(winner.page, 'phone-award-winner');
    await visited(winner.page, 'phone-award-winner');

    const downloading = winner.page.waitForEvent('download');
    await winner.page.getByRole('link', { name: 'Download your certificate (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`certificate-${entry.code}.pdf`);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(entry.name);
    expect(text).toContain(round);

    await winner.page.getByRole('button', { name: 'Offer my essay to the journal' }).click();
    await winner.page.getByText('You have offered your essay to the journal.').waitFor();
    await winner.page.getByRole('button', { name: 'Take back my offer' }).waitFor();
    await visited(winner.page, 'phone-award-winner-offered');
    expectNoProblems(winner);
    await winner.context.close();

    // The editor of both venues moves it.
    const editor = await openPage(env.browser);
    await signIn(editor.page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await editor.page.goto(`${env.system.baseUrl}/submissions/${entry.id}`);
    await settled(editor.page);
    await editor.page.getByRole('heading', { name: 'Move into the journal' }).waitFor();
    await editor.page.getByLabel('Journal call').waitFor();
    await visited(editor.page, 'award-entry-move-into-journal');
    await editor.page.getByRole('button', { name: 'Move into the journal' }).click();
    await editor.page.getByText(/Moved into the journal as [A-Z]+-\d{4}-\d+\. The entrant has been told/).waitFor();

    const moved = await db
      .selectFrom('submission')
      .select(['id', 'code', 'venue_id'])
      .where('from_award_submission_id', '=', entry.id)
      .executeTakeFirstOrThrow();
    await editor.page.goto(`${env.system.baseUrl}/venues/${moved.venue_id}/submissions`);
    await settled(editor.page);
    const row = editor.page.getByRole('row').filter({ hasText: moved.code! });
    await row.getByText(`From the ${round} (winner)`).waitFor();
    await visited(editor.page, 'journal-queue-from-award');

    await row.getByRole('link', { name: moved.code! }).click();
    await editor.page.getByTestId('from-award').getByText(`From the ${round} (winner)`).waitFor();
    expectNoProblems(editor);
    await editor.context.close();
  }, 180_000);
});
