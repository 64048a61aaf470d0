// One journal submission per award essay, held by the database (migration 2026-12-05T0100): a
// second award result pointing at the same journal submission, or a second journal submission made
// from the same entry, is refused even if the move's own checks were raced past.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwardWorld,
  makeAwardWorld,
  makePersonNamed,
  putAwardResult,
  sendEntry,
} from '../../../test/award-entrant-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';

let t: TestApp;
let world: AwardWorld;
let entries: string[];
beforeAll(async () => {
  t = await buildTestApp();
  world = await makeAwardWorld(t.db);
  entries = [];
  for (const name of ['Ada Entrant', 'Bo Entrant']) {
    const entrant = await makePersonNamed(t.db, name);
    const { id } = await sendEntry(t.app, world, entrant);
    await putAwardResult(t.db, world, id, name.startsWith('Ada') ? 'winner' : 'commended');
    entries.push(id);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('one journal submission per award essay', () => {
  it('refuses a second award result pointing at the same journal submission', async () => {
    const journalPaper = entries[0]!; // any submission will do as the target
    await t.db
      .updateTable('award_result')
      .set({ journal_submission_id: journalPaper })
      .where('submission_id', '=', entries[0]!)
      .execute();
    await expect(
      t.db
        .updateTable('award_result')
        .set({ journal_submission_id: journalPaper })
        .where('submission_id', '=', entries[1]!)
        .execute(),
    ).rejects.toThrow(/award_result_journal_submission_unique/);
    // Nulls are many: results without a journal submission are untouched.
    const nulls = await t.db
      .selectFrom('award_result')
      .select('id')
      .where('journal_submission_id', 'is', null)
      .execute();
    expect(nulls).toHaveLength(1);
  });

  it('refuses a second journal submission made from the same entry', async () => {
    await t.db
      .updateTable('submission')
      .set({ from_award_submission_id: entries[0]! })
      .where('id', '=', entries[1]!)
      .execute();
    await expect(
      t.db
        .updateTable('submission')
        .set({ from_award_submission_id: entries[0]! })
        .where('id', '=', entries[0]!)
        .execute(),
    ).rejects.toThrow(/submission_from_award_unique/);
  });
});
