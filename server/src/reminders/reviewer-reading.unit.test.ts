// What a reviewer may read of the work is decided by one query, reviewerAndWork: a reminder that
// repeated it would keep a second copy of the blinding rule, free to drift (a new column added
// there, an author's field joined here). This guards that the reminder reads through that one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

describe('the reminder e-mail', () => {
  it('reads the reviewer and the work through reviewerAndWork, not a query of its own', () => {
    const reminder = source('./send-reminder.ts');
    expect(reminder).toMatch(/await reviewerAndWork\(trx, reminder\.assignmentId\)/);
    for (const table of ['submission', 'person', 'venue', 'call']) {
      expect(reminder, table).not.toMatch(new RegExp(`innerJoin\\('${table}'`));
    }
  });
});
