// Who wrote an award entry stays from the award's editors (the panel chair among them) until the
// chair un-blinds the call's locked ranking: entries are marked anonymously, and the chair reads
// the ranking before they may know whose essay is whose. Until then an editor sees an entry as its
// judges do, plus the screening facts with the identifying words taken out: no author names or
// e-mails, no application form, no upload names, no matched words in the identity check, and not
// the original file (its bytes may carry a name; the anonymised copy is there to read).
// A journal submission is never withheld from its editors.
import type { Database, DB } from '@gaps/db';
import { type ExpressionBuilder, sql } from 'kysely';
import { HttpError } from '../plugins/errors.ts';

/** What the pages say in place of an entrant's details. */
const entrantWithheldWords = 'Entrant’s details hidden until the ranking is un-blinded';

/** Whether the entrant of a submission in this venue kind and call is still withheld from editors. */
export async function isEntrantWithheld(db: Database, row: { venue_kind: string; call_id: string }): Promise<boolean> {
  if (row.venue_kind !== 'award') return false;
  const ranking = await db
    .selectFrom('award_ranking')
    .select('unblinded_at')
    .where('call_id', '=', row.call_id)
    .executeTakeFirst();
  return !ranking?.unblinded_at;
}

/** The same rule as a column of a query over `submission` (the editor's queue). */
export const entrantWithheldColumn = (eb: ExpressionBuilder<DB, 'submission'>) =>
  sql<boolean>`(
    EXISTS (SELECT 1 FROM venue award_venue WHERE award_venue.id = ${eb.ref('submission.venue_id')} AND award_venue.kind = 'award')
    AND NOT EXISTS (SELECT 1 FROM award_ranking WHERE award_ranking.call_id = ${eb.ref('submission.call_id')} AND award_ranking.unblinded_at IS NOT NULL)
  )`;

/** The same, for a submission known by its id: one query, through the column above. */
export async function isSubmissionEntrantWithheld(db: Database, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submission')
    .select((eb) => entrantWithheldColumn(eb).as('withheld'))
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
  return row?.withheld ?? false;
}

/** The name an entry's file goes by while withheld: the name it downloads under. */
export const neutralFileName = (code: string | null, versionNumber: number) =>
  `${code ?? 'draft-manuscript'}-v${versionNumber}.pdf`;

/** A finding of the identity check with the words it matched taken out (kind and page stay). */
export const withheldFinding = <F extends { text: string; context: string }>(finding: F): F => ({
  ...finding,
  text: entrantWithheldWords,
  context: '',
});

/** The original file of a withheld entry: refused, with what to read instead. */
export function refuseWithheldOriginal(): never {
  throw new HttpError(
    409,
    'entrant_withheld',
    'The entrant’s original file is kept from the panel until the ranking is un-blinded, because it may show who wrote it. Read the anonymised copy instead.',
  );
}
