// Rescinding a revision decision closes the revision round it opened, but only while the author has
// not started it: once they have uploaded a revised file or written their response, taking it away
// would lose their work, so the editor is refused and told why.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { HttpError } from '../plugins/errors.ts';

export async function undoOpenedRevision(trx: Transaction<DB>, submissionId: string, round: number): Promise<void> {
  const next = round + 1;
  const [revision, uploads] = await Promise.all([
    trx
      .selectFrom('revision_response')
      .select(['text', 'sent_at'])
      .where('submission_id', '=', submissionId)
      .where('round', '=', next)
      .forUpdate()
      .executeTakeFirst(),
    trx
      .selectFrom('manuscript_version')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('submission_id', '=', submissionId)
      .where('round', '=', next)
      .executeTakeFirstOrThrow(),
  ]);
  if ((revision && (revision.text.trim() !== '' || revision.sent_at)) || Number(uploads.n) > 0) {
    throw new HttpError(
      409,
      'revision_started',
      'The author has already started their revision (a revised file or their response), so this decision can no longer be rescinded here. Write to the author instead.',
    );
  }
  await trx
    .deleteFrom('revision_response')
    .where('submission_id', '=', submissionId)
    .where('round', '=', next)
    .execute();
}
