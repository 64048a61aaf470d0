// "Move into the journal": one transaction makes a journal submission from an announced winning or
// commended award essay whose entrant consented. The new submission is sent (status 'submitted',
// a journal code) in the entrant's name, with the essay's title, abstract, keywords and authors,
// and the newest essay file as its first manuscript version. The store is content-addressed, so
// the version points at the very same bytes. The award's application form and declarations are not
// copied: the journal's call has its own, and the essay's identity stays out of the journal's
// review. The workers then make its anonymised copy like any journal submission's.
import type { Database } from '@gaps/db';
import { requestReviewCopy } from '@gaps/workers/shared';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { movedToJournalMail } from '../../mail-templates/award-journal-mail.ts';
import { queueMessage } from '../../mail-templates/compose.ts';
import { submissionLink } from '../../mail-templates/words.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import { can, type Viewer } from '../../policy/permissions.ts';
import { isOpenAt } from '../../submissions/call-rules.ts';
import { allocateCode, codeYear } from '../../submissions/submission-code.ts';
import { moveSubmission } from '../../submissions/submission-state.ts';
import { awardYear, isHonoured, loadAnnouncedAward } from '../entrant-award.ts';

export interface MoveContext {
  db: Database;
  audit: AuditContext;
  viewer: Viewer;
  now: Date;
  publicUrl: string;
}

/** The open calls of the journals the viewer edits: where an award essay can be moved. */
export async function journalCallsFor(db: Database, viewer: Viewer, now: Date) {
  const calls = await db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select(['call.id', 'call.title', 'call.venue_id', 'call.opens_at', 'call.deadline_at', 'venue.name as venue_name'])
    .where('venue.kind', '=', 'journal')
    .orderBy('venue.name')
    .orderBy('call.title')
    .execute();
  return calls
    .filter((call) => can(viewer, { kind: 'venue.manage', venueId: call.venue_id }) && isOpenAt(call, now))
    .map((call) => ({ id: call.id, title: call.title, venueName: call.venue_name }));
}

/** Makes the journal submission; answers its id and code. The caller has checked the viewer edits the award. */
export async function moveIntoJournal(
  ctx: MoveContext,
  entryId: string,
  callId: string,
): Promise<{ id: string; code: string }> {
  const call = await ctx.db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select([
      'call.id',
      'call.venue_id',
      'call.opens_at',
      'call.deadline_at',
      'call.time_zone',
      'venue.kind',
      'venue.name',
    ])
    .where('call.id', '=', callId)
    .executeTakeFirst();
  // A call of a venue the editor does not edit is as good as missing.
  if (!call || !can(ctx.viewer, { kind: 'venue.manage', venueId: call.venue_id })) throw notFound('call');
  if (call.kind !== 'journal') {
    throw new HttpError(
      400,
      'not_a_journal_call',
      'Choose a call of the journal: essays can be moved only into a journal.',
    );
  }
  if (!isOpenAt(call, ctx.now)) {
    throw new HttpError(400, 'call_closed', 'That call is not open now. Choose one of the journal’s open calls.');
  }

  return ctx.db.transaction().execute(async (trx) => {
    // The lock orders this move against a second move and against the entrant taking consent back.
    const locked = await trx
      .selectFrom('award_result')
      .select(['id', 'journal_submission_id', 'journal_consent_at'])
      .where('submission_id', '=', entryId)
      .forUpdate()
      .executeTakeFirst();
    const award = locked && (await loadAnnouncedAward(trx, entryId));
    if (!locked || !award || !isHonoured(award.outcome)) {
      throw new HttpError(
        409,
        'not_movable',
        'Only an announced winning or commended essay can be moved into the journal.',
      );
    }
    if (locked.journal_submission_id) {
      const existing = await trx
        .selectFrom('submission')
        .select('code')
        .where('id', '=', locked.journal_submission_id)
        .executeTakeFirst();
      const path = `/submissions/${locked.journal_submission_id}`;
      throw new HttpError(
        409,
        'already_moved',
        `This essay is already in the journal as ${existing?.code ?? 'a submission'}: ${path}`,
        { location: path },
      );
    }
    if (!locked.journal_consent_at) {
      throw new HttpError(
        409,
        'no_consent',
        'The entrant has not offered this essay to the journal. They can do so on their entry’s page; ask them first.',
      );
    }
    const entry = await trx
      .selectFrom('submission')
      .select(['submitter_id', 'title', 'abstract', 'keywords', 'code'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    const manuscript = await trx
      .selectFrom('manuscript_version')
      .select(['file_sha256', 'uploaded_name', 'word_count', 'page_count'])
      .where('submission_id', '=', entryId)
      .orderBy('round', 'desc')
      .orderBy('version_number', 'desc')
      .executeTakeFirst();
    if (!manuscript) throw new HttpError(409, 'no_essay_file', 'This entry has no essay file to move.');

    const { id } = await trx
      .insertInto('submission')
      .values({
        call_id: call.id,
        venue_id: call.venue_id,
        submitter_id: entry.submitter_id,
        title: entry.title,
        abstract: entry.abstract,
        keywords: entry.keywords,
        from_award_submission_id: entryId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const authors = await trx
      .selectFrom('submission_author')
      .select(['name', 'email', 'affiliation', 'orcid', 'person_id', 'position', 'is_corresponding', 'confirmed_at'])
      .where('submission_id', '=', entryId)
      .orderBy('position')
      .execute();
    await trx
      .insertInto('submission_author')
      .values(authors.map((author) => ({ ...author, submission_id: id })))
      .execute();
    const version = await trx
      .insertInto('manuscript_version')
      .values({
        submission_id: id,
        round: 1,
        version_number: 1,
        file_sha256: manuscript.file_sha256,
        uploaded_name: manuscript.uploaded_name,
        uploaded_by: entry.submitter_id,
        word_count: manuscript.word_count,
        page_count: manuscript.page_count,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const year = codeYear({ venueKind: 'journal', deadlineAt: call.deadline_at, timeZone: call.time_zone }, ctx.now);
    const allocated = await allocateCode(trx, call.venue_id, year);
    // The entrant's consent is their sending: the move is theirs (the audit names the editor who made it).
    await moveSubmission(trx, ctx.audit, {
      submissionId: id,
      to: 'submitted',
      mover: 'author',
      expectFrom: ['draft'],
      extra: {
        code: allocated.code,
        code_year: allocated.year,
        code_number: allocated.number,
        submitted_at: ctx.now,
        draft_step: null,
      },
    });
    await requestReviewCopy(trx, ctx.audit, version.id);
    await trx.updateTable('award_result').set({ journal_submission_id: id }).where('id', '=', locked.id).execute();
    await recordAudit(trx, ctx.audit, {
      action: 'award.moved_to_journal',
      objectType: 'submission',
      objectId: entryId,
      details: { journalSubmissionId: id, journalCode: allocated.code, callId: call.id },
    });
    const entrant = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email', 'time_zone'])
      .where('id', '=', entry.submitter_id)
      .executeTakeFirstOrThrow();
    await queueMessage(
      trx,
      movedToJournalMail(
        { personId: entrant.id, name: entrant.name, email: entrant.email, timeZone: entrant.time_zone },
        {
          venueId: call.venue_id,
          venueName: call.name,
          code: allocated.code,
          title: entry.title,
          awardName: `${award.venue_name} ${awardYear(award)}`,
          awardCode: entry.code ?? '',
          link: submissionLink(ctx.publicUrl, id),
        },
      ),
    );
    return { id, code: allocated.code };
  });
}
