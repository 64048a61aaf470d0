// Co-authors are told they were named: at sending, each author other than the submitter gets a
// copy of the receipt with a link to confirm. The link's token is random, stored hashed, works for
// one author row, once, for 30 days. Opening it only reads (mail scanners follow links); pressing
// "Confirm" records the confirmation and, when the person is signed in with the address the link
// was sent to, links the author row to their account (link-authors.ts, the one place for that).
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { coAuthorReceiptMail } from '../mail-templates/submission-mail.ts';
import { HttpError } from '../plugins/errors.ts';
import type { Viewer } from '../policy/permissions.ts';
import { linkAuthorsOfSubmission } from './link-authors.ts';
import type { SubmissionMailFacts } from './submission-mail.ts';

export const AUTHORSHIP_LINK_DAYS = 30;

const invalidLink = () =>
  new HttpError(
    400,
    'invalid_link',
    'This link has expired, has already been used, or is not complete. If you already confirmed, there is nothing more to do; otherwise ask the author who sent the work, or the editors, to get in touch.',
  );

/** One receipt per co-author, each with its own confirmation link; in the submit's transaction. */
export async function queueCoAuthorReceipts(
  db: Database,
  ctx: { publicUrl: string; now: Date },
  facts: SubmissionMailFacts,
): Promise<void> {
  for (const author of facts.coAuthors) {
    const token = newToken();
    await db
      .insertInto('authorship_token')
      .values({
        token_hash: hashToken(token),
        submission_author_id: author.authorId,
        expires_at: sql<Date>`now() + make_interval(days => ${AUTHORSHIP_LINK_DAYS})`,
      })
      .execute();
    await queueMessage(
      db,
      coAuthorReceiptMail(author, {
        ...facts.submission,
        submittedAt: ctx.now,
        submitterName: facts.submitter.name,
        confirmLink: `${ctx.publicUrl.replace(/\/$/, '')}/confirm-authorship?token=${encodeURIComponent(token)}`,
        linkDays: AUTHORSHIP_LINK_DAYS,
      }),
    );
  }
}

/** The author row and submission a live (unused, unexpired) link names, or invalid_link. */
async function findLiveLink(db: Database, token: string, lock = false) {
  let query = db
    .selectFrom('authorship_token')
    .innerJoin('submission_author', 'submission_author.id', 'authorship_token.submission_author_id')
    .innerJoin('submission', 'submission.id', 'submission_author.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person as submitter', 'submitter.id', 'submission.submitter_id')
    .select([
      'authorship_token.token_hash',
      'submission_author.id as author_id',
      'submission_author.name as author_name',
      'submission_author.email as author_email',
      'submission_author.confirmed_at',
      'submission.id as submission_id',
      'submission.code',
      'submission.title',
      'call.title as call_title',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email as venue_contact_email',
      'submitter.name as submitter_name',
    ])
    .where('authorship_token.token_hash', '=', hashToken(token))
    .where('authorship_token.used_at', 'is', null)
    .where('authorship_token.expires_at', '>', sql<Date>`now()`);
  if (lock) query = query.forUpdate('authorship_token');
  const row = await query.executeTakeFirst();
  if (!row) throw invalidLink();
  return row;
}

/** How the signed-in person (if any) stands to the address the link was sent to. */
const standing = (viewer: Viewer | null, authorEmail: string) =>
  !viewer ? 'signed_out' : viewer.email === authorEmail ? 'this_author' : 'someone_else';

/** What the link's page shows before anyone presses Confirm. Reads only. */
export async function describeAuthorshipLink(db: Database, token: string, viewer: Viewer | null) {
  const row = await findLiveLink(db, token);
  return {
    code: row.code ?? '',
    title: row.title,
    callTitle: row.call_title,
    venueName: row.venue_name,
    venueKind: row.venue_kind as 'journal' | 'award' | 'website',
    venueContactEmail: row.venue_contact_email,
    authorName: row.author_name,
    authorEmail: row.author_email,
    submitterName: row.submitter_name,
    viewer: standing(viewer, row.author_email),
  } as const;
}

export async function confirmAuthorship(
  ctx: { db: Database; audit: AuditContext; viewer: Viewer | null },
  token: string,
): Promise<{ submissionId: string; linked: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findLiveLink(trx, token, true);
    if (ctx.viewer && standing(ctx.viewer, row.author_email) === 'someone_else') {
      throw new HttpError(
        409,
        'signed_in_as_someone_else',
        `This link was sent to ${row.author_email}, but you are signed in as ${ctx.viewer.email}. Sign out, then open the link again (or sign in with ${row.author_email}).`,
      );
    }
    await trx
      .updateTable('authorship_token')
      .set({ used_at: sql<Date>`now()` })
      .where('token_hash', '=', row.token_hash)
      .execute();
    await trx
      .updateTable('submission_author')
      .set({ confirmed_at: sql<Date>`coalesce(confirmed_at, now())` })
      .where('id', '=', row.author_id)
      .execute();
    // Signed in with the address the link went to: their account becomes this author (once it is verified).
    if (ctx.viewer) await linkAuthorsOfSubmission(trx, row.submission_id);
    const { person_id } = await trx
      .selectFrom('submission_author')
      .select('person_id')
      .where('id', '=', row.author_id)
      .executeTakeFirstOrThrow();
    const linked = ctx.viewer !== null && person_id === ctx.viewer.personId;
    await recordAudit(trx, ctx.audit, {
      action: 'submission.authorship_confirmed',
      objectType: 'submission',
      objectId: row.submission_id,
      details: { authorEmail: row.author_email, linkedPersonId: linked ? person_id : null },
    });
    return { submissionId: row.submission_id, linked };
  });
}
