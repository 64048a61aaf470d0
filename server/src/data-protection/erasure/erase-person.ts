// Erases a person (job `privacy.erase`), following erasure-plan.ts: in one transaction, what goes is
// deleted, what stays loses the person's identity, the person's row becomes a tombstone, the last
// e-mail goes to the old address and the request is marked done; the stored files no row needs any
// more are removed only after that commit (a rollback must not leave rows without their files).
// Safe to run twice (BullMQ delivers at least once): a done request is left alone, and an already
// erased person has nothing left to find.
import type { DB } from '@gaps/db';
import { UnrecoverableError } from 'bullmq';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { moveAssignment, openAssignmentStates } from '../../assignments/assignment-state.ts';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { queueMessage } from '../../mail-templates/compose.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { findRequest, markDone, markFailed, reportProgress } from '../requests.ts';
import { filesOfSubmissions, forgetUnreferencedFiles, removeFileBytes } from '../stored-files.ts';
import { erasureDoneMail } from './erasure-mail.ts';
import {
  ERASED_AUTHOR_NAME,
  ERASED_NAME,
  erasedAuthorEmail,
  erasedEmail,
  theirSubmissions,
  unsuccessful,
} from './erasure-plan.ts';

/** Why a cancelled assignment ended, on the editor's page. */
const CANCEL_REASON = 'The reviewer’s account was erased.';

export async function erasePerson(deps: DataProtectionDeps, requestId: string): Promise<void> {
  const { db } = deps;
  const request = await findRequest(db, requestId);
  if (request?.kind !== 'erasure') throw new UnrecoverableError(`No erasure request ${requestId}`);
  // Done, cancelled, expired, or never confirmed: nothing to do (a repeated job is a no-op).
  if (request.status !== 'queued' && request.status !== 'working' && request.status !== 'failed') return;
  try {
    await reportProgress(db, requestId, 10, 'Erasing the account');
    const removedFiles = await db.transaction().execute(async (trx) => {
      // Locked: a second run of the same job waits here, then finds the request done.
      const again = await trx
        .selectFrom('subject_access_request')
        .select('status')
        .where('id', '=', requestId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (again.status === 'done' || again.status === 'cancelled') return [];
      const audit: AuditContext = { actorId: request.requested_by, ip: null, requestId: null };
      const { files, removed, kept } = await eraseInTransaction(trx, deps, request.person_id, audit);
      await recordAudit(trx, audit, {
        action: 'privacy.erased',
        objectType: 'person',
        objectId: request.person_id,
        details: { requestId, removed, kept },
      });
      await markDone(trx, requestId, deps.clock());
      return files;
    });
    await removeFileBytes(db, deps.store, removedFiles);
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    await markFailed(db, requestId, failure.slice(0, 2000));
    throw error;
  }
}

/** Replaces `from` by `to` in one text or jsonb column, for the rows `scope` picks. */
async function scrub(
  trx: Transaction<DB>,
  table: string,
  column: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  scope: RawBuilder<unknown> = sql`true`,
  json = false,
) {
  for (const [from, to] of pairs) {
    if (!from) continue;
    const col = sql.ref(column);
    if (json) {
      // The strings as they are written inside JSON text, so quotes and backslashes still match.
      const f = JSON.stringify(from).slice(1, -1);
      const t = JSON.stringify(to).slice(1, -1);
      await sql`UPDATE ${sql.table(table)} SET ${col} = replace(${col}::text, ${f}, ${t})::jsonb
        WHERE strpos(${col}::text, ${f}) > 0 AND ${scope}`.execute(trx);
    } else {
      await sql`UPDATE ${sql.table(table)} SET ${col} = replace(${col}, ${from}, ${to})
        WHERE strpos(${col}, ${from}) > 0 AND ${scope}`.execute(trx);
    }
  }
}

const count = async (query: RawBuilder<unknown>, trx: Transaction<DB>) =>
  Number((await query.execute(trx)).numAffectedRows ?? 0);

async function eraseInTransaction(
  trx: Transaction<DB>,
  deps: DataProtectionDeps,
  personId: string,
  audit: AuditContext,
): Promise<{ files: string[]; removed: Record<string, number>; kept: Record<string, number> }> {
  const person = await trx
    .selectFrom('person')
    .select(['id', 'name', 'email', 'affiliation', 'orcid', 'erased_at'])
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const tombstone = erasedEmail(personId);
  const { email, name } = person;
  const now = deps.clock();

  // 1. Their work: sole-author drafts go whole; withdrawn sole-author work loses its files; the
  //    application forms of entries that will not be published go; everything else keeps the work
  //    with the person's author row made a tombstone.
  const mine = (
    await sql<{
      id: string;
      status: string;
      submitter_id: string;
      sole: boolean;
    }>`${theirSubmissions(personId, email)}`.execute(trx)
  ).rows;
  const ids = (pick: (s: (typeof mine)[number]) => boolean) => mine.filter(pick).map((s) => s.id);
  const drafts = ids((s) => s.status === 'draft' && s.sole);
  const withdrawn = ids((s) => s.status === 'withdrawn' && s.sole);
  const hashes = await filesOfSubmissions(trx, [...drafts, ...withdrawn]);
  if (drafts.length > 0) await trx.deleteFrom('submission').where('id', 'in', drafts).execute();
  let withdrawnFiles = 0;
  if (withdrawn.length > 0) {
    const gone = await trx.deleteFrom('manuscript_version').where('submission_id', 'in', withdrawn).execute();
    withdrawnFiles = gone.reduce((n, r) => n + Number(r.numDeletedRows), 0);
  }
  const files = await forgetUnreferencedFiles(trx, hashes);
  const keptWork = mine.filter((s) => !drafts.includes(s.id));
  const keptIds = keptWork.map((s) => s.id);
  let applicationForms = 0;
  if (keptIds.length > 0) {
    applicationForms = await count(
      sql`DELETE FROM application_form af USING submission s
        WHERE af.submission_id = s.id AND s.id = any(${keptIds}::uuid[]) AND s.submitter_id = ${personId}
          AND ${unsuccessful}`,
      trx,
    );
  }
  const authorRows = await trx
    .selectFrom('submission_author')
    .select('id')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb(sql`lower(email)`, '=', email.toLowerCase())]))
    .execute();
  for (const row of authorRows) {
    await trx
      .updateTable('submission_author')
      .set({ name: ERASED_AUTHOR_NAME, email: erasedAuthorEmail(row.id), affiliation: null, orcid: null })
      .where('id', '=', row.id)
      .execute();
  }
  if (authorRows.length > 0) {
    await trx
      .deleteFrom('authorship_token')
      .where(
        'submission_author_id',
        'in',
        authorRows.map((r) => r.id),
      )
      .execute();
  }
  // What stays of their work may quote them (a decision letter's "Dear …", a form's answers).
  const identity: Array<readonly [string, string]> = [
    [email, tombstone],
    [name, ERASED_AUTHOR_NAME],
    ...(person.orcid ? [[person.orcid, ''] as const] : []),
  ];
  if (keptIds.length > 0 && !person.erased_at) {
    const onKept = sql`submission_id = any(${keptIds}::uuid[])`;
    await scrub(trx, 'decision', 'letter', identity, onKept);
    await scrub(trx, 'decision', 'letter_subject', identity, onKept);
    await scrub(trx, 'editor_message', 'message', identity, onKept);
    await scrub(trx, 'revision_response', 'text', identity, onKept);
    await scrub(trx, 'application_form', 'answers', identity, onKept, true);
  }

  // 2. Their reviewing and judging: open assignments are cancelled (the reminder sweep only writes
  //    for open ones, and their queued reminders are dropped with the rest of their mail below);
  //    submitted reviews and scores stay, so rankings and decisions still add up.
  const open = await trx
    .selectFrom('assignment')
    .select('id')
    .where('reviewer_id', '=', personId)
    .where('status', 'in', openAssignmentStates)
    .execute();
  for (const { id } of open) {
    await moveAssignment(trx, audit, {
      assignmentId: id,
      to: 'cancelled',
      mover: 'system',
      reason: 'reviewer erased',
      now,
      extra: { cancel_reason: CANCEL_REASON },
    });
  }
  const assignments = trx.selectFrom('assignment').select('id').where('reviewer_id', '=', personId);
  await trx.deleteFrom('assignment_link').where('assignment_id', 'in', assignments).execute();
  if (!person.erased_at) {
    const onTheirs = sql`assignment_id IN (SELECT id FROM assignment WHERE reviewer_id = ${personId})`;
    const asReviewer = identity.map(([from]) => [from, from === email ? tombstone : ERASED_NAME] as const);
    await scrub(trx, 'review', 'comments_to_author', asReviewer, onTheirs);
    await scrub(trx, 'review', 'comments_to_editor', asReviewer, onTheirs);
    await scrub(trx, 'extension_request', 'reason', asReviewer, onTheirs);
    // A locked ranking names its judges (editors know who judges): the snapshot keeps the marks.
    await scrub(trx, 'award_ranking', 'ranking', asReviewer, sql`true`, true);
  }

  // 3. Their account: sign-ins, links, roles, lists of reviewers, conflicts, stand-by places.
  const removed: Record<string, number> = {
    drafts: drafts.length,
    withdrawnFiles,
    applicationForms,
    sessions: await count(sql`DELETE FROM session WHERE person_id = ${personId}`, trx),
    accountLinks: await count(sql`DELETE FROM account_token WHERE person_id = ${personId}`, trx),
    signInAddresses: await count(sql`DELETE FROM sign_in_address WHERE person_id = ${personId}`, trx),
    failedSignIns: await count(sql`DELETE FROM failed_sign_in WHERE lower(email) = lower(${email})`, trx),
    roles: await count(sql`DELETE FROM role_grant WHERE person_id = ${personId}`, trx),
    reviewerPools: await count(sql`DELETE FROM reviewer_pool WHERE person_id = ${personId}`, trx),
    conflicts: await count(sql`DELETE FROM conflict WHERE person_id = ${personId}`, trx),
    alternates: await count(sql`DELETE FROM review_alternate WHERE person_id = ${personId}`, trx),
  };

  // 4. Their mail: what waits is not sent; what went keeps its date, kind and subject only.
  const theirMail = sql`(person_id = ${personId} OR lower(to_address) = lower(${email}))`;
  removed.unsentMail = await count(
    sql`UPDATE email_message SET status = 'skipped', last_error = 'Not sent: the account was erased.'
      WHERE ${theirMail} AND status = 'pending'`,
    trx,
  );
  removed.mailBodies = await count(
    sql`UPDATE email_message SET to_address = ${tombstone}, text_body = '', html_body = NULL,
        body_removed_at = coalesce(body_removed_at, ${now}::timestamptz)
      WHERE ${theirMail} AND (to_address <> ${tombstone} OR text_body <> '' OR html_body IS NOT NULL)`,
    trx,
  );
  const mailScope = sql`person_id = ${personId}`;
  await scrub(trx, 'email_message', 'subject', identity, mailScope);
  await scrub(trx, 'email_message', 'last_error', identity, mailScope);

  // 5. The activity log: entries about them or by them lose the network address, and any entry's
  //    details lose their address and name (sign-up and failed sign-in entries hold the address).
  // The log is append-only; this transaction alone may rewrite an entry's ip and details (the
  // migration 2026-12-05T0300_audit_erasure.ts), and only until it ends.
  await sql`SELECT set_config('gaps.erasure', 'on', true)`.execute(trx);
  removed.auditAddresses = await count(
    sql`UPDATE audit_event SET ip = NULL
      WHERE ip IS NOT NULL AND ((object_type = 'person' AND object_id = ${personId}::text) OR actor_id = ${personId})`,
    trx,
  );
  if (!person.erased_at) {
    await scrub(trx, 'audit_event', 'details', [[email, tombstone]], sql`true`, true);
    await scrub(
      trx,
      'audit_event',
      'details',
      identity.filter(([from]) => from !== email),
      sql`((object_type = 'person' AND object_id = ${personId}::text) OR actor_id = ${personId})`,
      true,
    );
    await scrub(trx, 'subject_access_request', 'admin_note', identity, sql`person_id = ${personId}`);
  }

  // 6. The last message, to the old address, before the address is gone from the person's row. It
  //    is written here, in the same transaction, so it goes only if the erasure commits, and after
  //    step 4 so it is not dropped with the rest; the mail worker forgets its address once it has
  //    been delivered (workers/src/mail/deliver.ts). Not again for someone already erased.
  if (!person.erased_at) await queueMessage(trx, erasureDoneMail({ email, personId }));

  // 7. The tombstone: what stays still joins to this row, which names no one and cannot sign in.
  await trx
    .updateTable('person')
    .set({
      name: ERASED_NAME,
      email: tombstone,
      email_domains: [],
      affiliation: null,
      orcid: null,
      password_hash: null,
      email_verified_at: null,
      erased_at: person.erased_at ?? now,
      updated_at: now,
    })
    .where('id', '=', personId)
    .execute();

  const kept: Record<string, number> = {
    submissions: keptWork.length,
    reviews: Number(
      (
        await trx
          .selectFrom('assignment')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('reviewer_id', '=', personId)
          .where('status', '=', 'submitted')
          .executeTakeFirstOrThrow()
      ).n,
    ),
    cancelledAssignments: open.length,
  };
  return { files, removed, kept };
}
