// The award's last steps in the browser, after the announcement: a winner reads the result on
// their entry's page, downloads the certificate and offers the essay to the journal; the editor,
// who edits the award and the journal, moves it in with one press, and it appears in the journal's
// queue with where it came from.
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './browser.ts';
import { signIn } from './session.ts';
import type { BrowserTestEnvironment } from './system.ts';

export async function winnerTakesCertificateToJournal(env: BrowserTestEnvironment, entryId: string): Promise<void> {
  const { db } = env.system;
  const entry = await db
    .selectFrom('submission')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person', 'person.id', 'submission.submitter_id')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select(['submission.id', 'submission.code', 'submission.code_year', 'call_category.name as category'])
    .select(['venue.name as award_name', 'person.email', 'person.name'])
    .where('submission.id', '=', entryId)
    .executeTakeFirstOrThrow();
  const category = entry.category;
  const round = `${entry.award_name} ${entry.code_year}`;

  // The winner, on a phone.
  const winner = await openPage(env.browser, { mobile: true });
  await signIn(winner.page, env.system.baseUrl, entry.email, env.system.demoPassword);
  await winner.page.goto(`${env.system.baseUrl}/submissions/${entry.id}`);
  await settled(winner.page);
  const result = category ? `Your essay won the ${category} category of the ${round}.` : `Your essay won the ${round}.`;
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
}
