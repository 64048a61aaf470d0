// The retention sweep (job `privacy.retention`, on a schedule; or an admin's dry run and "run now").
// What is due is one deterministic list computed from the venues' periods at one moment (`asOf`):
//   - unsuccessful award entries (not winner or commended), with their application forms and files,
//     the venue's period after the results were announced;
//   - the text of e-mails (the row stays in the mail log with its address, subject and dates), the
//     venue's period after sending;
//   - expired sessions and one-time links;
//   - drafts nobody has touched for the venue's period: first their author is warned, and the draft
//     is deleted only if still untouched DRAFT_NOTICE_DAYS after that warning.
// A dry run stores that list without changing anything; a real run deletes exactly that list in one
// transaction, then removes the files no row needs any more. The list carries no one's name or
// address: the labels name entries by their code, messages by their kind, drafts by their title.
import type { DB } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { type AwardOutcome, awardOutcomeWords } from '../../blinding/project-award-ranking.ts';
import { mailKind } from '../../mail-templates/catalogue.ts';
import { queueMessage } from '../../mail-templates/compose.ts';
import { dayInUtc, submissionLink } from '../../mail-templates/words.ts';
import { HttpError } from '../../plugins/errors.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { deleteExpiredExports } from '../export/delete-expired.ts';
import { filesOfSubmissions, forgetUnreferencedFiles, removeFileBytes } from '../stored-files.ts';
import { DRAFT_NOTICE_DAYS, draftDeletionNoticeMail } from './retention-mail.ts';

export interface RetentionRunOptions {
  dryRun: boolean;
  /** The moment the periods are measured from; a dry run and a real run at the same moment list the same. */
  asOf: Date;
  runBy: string | null;
  /** Who to name in the audit log (a request's context); default: the person `runBy`, or the scheduled sweep. */
  audit?: AuditContext;
  /**
   * A real run started from a dry run: the list that dry run showed. If the list due now differs,
   * nothing is changed and the run is refused (the admin is asked to look again).
   */
  expected?: readonly RetentionItem[];
}

export type RetentionItemType =
  | 'award_entry'
  | 'mail_body'
  | 'session'
  | 'account_token'
  | 'authorship_token'
  | 'draft'
  | 'draft_notice';

export interface RetentionItem {
  type: RetentionItemType;
  /** The row's key (a uuid, or a token's hash). */
  id: string;
  venueId: string | null;
  /** The moment the period is counted from (ISO). */
  since: string;
  /** Why it is due, in words. */
  reason: string;
  /** What it is, for the admin: never a person's name or address. */
  label: string;
  /** Files the entry or draft holds (removed with it unless another row needs the same bytes). */
  files?: number;
}

export interface RetentionCounts {
  unsuccessfulEntries: number;
  entryFiles: number;
  mailBodies: number;
  sessions: number;
  tokens: number;
  drafts: number;
  draftFiles: number;
  draftNotices: number;
}

type Executor = Kysely<DB> | Transaction<DB>;

const months = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;
const tokenWords: Record<string, string> = {
  verify_email: 'E-mail confirmation link',
  reset_password: 'Password-reset link',
  change_email: 'New-address confirmation link',
};

/** The list of what is due at `asOf`, in a fixed order (by type, then id). */
export async function listDue(db: Executor, asOf: Date): Promise<RetentionItem[]> {
  const at = sql`${asOf}::timestamptz`;
  // Files an entry's rows hold: its manuscripts, their anonymised copies and the reviewers' traced copies.
  const fileCount = sql<number>`(
    SELECT count(DISTINCT h)::int FROM (
      SELECT mv.file_sha256 AS h FROM manuscript_version mv WHERE mv.submission_id = s.id
      UNION SELECT rc.output_sha256 FROM review_copy rc
        JOIN manuscript_version mv ON mv.id = rc.manuscript_version_id WHERE mv.submission_id = s.id
      UNION SELECT tc.file_sha256 FROM traced_copy tc JOIN review_copy rc ON rc.id = tc.review_copy_id
        JOIN manuscript_version mv ON mv.id = rc.manuscript_version_id WHERE mv.submission_id = s.id
    ) f WHERE h IS NOT NULL)`;

  const entries = await sql<{
    id: string;
    venue_id: string;
    code: string | null;
    status: string;
    call_title: string;
    outcome: string | null;
    since: Date;
    months: number;
    files: number;
  }>`
    SELECT s.id, s.venue_id, s.code, s.status, c.title AS call_title, r.outcome,
      coalesce(r.announced_at, ar.announced_at) AS since, v.retain_unsuccessful_entries_months AS months,
      ${fileCount} AS files
    FROM submission s
    JOIN venue v ON v.id = s.venue_id
    JOIN call c ON c.id = s.call_id
    LEFT JOIN award_result r ON r.submission_id = s.id
    LEFT JOIN award_ranking ar ON ar.call_id = s.call_id
    WHERE v.kind = 'award' AND s.status <> 'draft'
      AND (r.outcome IS NULL OR r.outcome NOT IN ('winner', 'commended'))
      AND coalesce(r.announced_at, ar.announced_at) <= ${at} - make_interval(months => v.retain_unsuccessful_entries_months)
      -- An entry that moved on into the journal is a winner's; kept whatever its row says.
      AND NOT EXISTS (SELECT 1 FROM submission j WHERE j.from_award_submission_id = s.id)
    ORDER BY s.id`.execute(db);

  // A message's venue is the one of the review or decision it is about; a message about neither
  // (account e-mails, receipts, announcements) keeps the shortest period any venue sets.
  const mail = await sql<{
    id: string;
    template: string;
    since: Date;
    venue_id: string | null;
    code: string | null;
    months: number;
  }>`
    WITH shortest AS (SELECT coalesce(min(retain_mail_bodies_months), 6) AS months FROM venue)
    SELECT m.id, m.template, coalesce(m.delivered_at, m.created_at) AS since, s.venue_id, s.code,
      coalesce(v.retain_mail_bodies_months, shortest.months) AS months
    FROM email_message m
    CROSS JOIN shortest
    LEFT JOIN assignment a ON a.id = m.assignment_id
    LEFT JOIN decision d ON d.id = m.decision_id
    LEFT JOIN submission s ON s.id = coalesce(a.submission_id, d.submission_id)
    LEFT JOIN venue v ON v.id = s.venue_id
    WHERE m.body_removed_at IS NULL
      -- Not yet sent (or held): its text is still needed to send it.
      AND m.status NOT IN ('pending', 'sending')
      AND coalesce(m.delivered_at, m.created_at)
        <= ${at} - make_interval(months => coalesce(v.retain_mail_bodies_months, shortest.months))
    ORDER BY m.id`.execute(db);

  const sessions = await sql<{ id: string; expires_at: Date }>`
    SELECT token_hash AS id, expires_at FROM session WHERE expires_at <= ${at} ORDER BY token_hash`.execute(db);
  const accountTokens = await sql<{ id: string; expires_at: Date; purpose: string }>`
    SELECT token_hash AS id, expires_at, purpose FROM account_token WHERE expires_at <= ${at}
    ORDER BY token_hash`.execute(db);
  const authorshipTokens = await sql<{ id: string; expires_at: Date }>`
    SELECT token_hash AS id, expires_at FROM authorship_token WHERE expires_at <= ${at}
    ORDER BY token_hash`.execute(db);

  const drafts = await draftsDue(db, asOf);

  const items: RetentionItem[] = [];
  for (const e of entries.rows) {
    const outcome = e.outcome
      ? (awardOutcomeWords[e.outcome as AwardOutcome] ?? e.outcome)
      : e.status.replace('_', ' ');
    items.push({
      type: 'award_entry',
      id: e.id,
      venueId: e.venue_id,
      since: e.since.toISOString(),
      reason: `Results announced on ${dayInUtc(e.since)}; unsuccessful entries are kept ${months(e.months)}.`,
      label: `${e.code ?? 'An entry'} (${outcome}), ${e.call_title}`,
      files: e.files,
    });
  }
  for (const m of mail.rows) {
    const kind = mailKind(m.template)?.title ?? m.template;
    items.push({
      type: 'mail_body',
      id: m.id,
      venueId: m.venue_id,
      since: m.since.toISOString(),
      reason: `Sent on ${dayInUtc(m.since)}; the text of e-mails is kept ${months(m.months)}.`,
      label: `Text of the e-mail “${kind}”${m.code ? ` about ${m.code}` : ''}, sent ${dayInUtc(m.since)}`,
    });
  }
  for (const s of sessions.rows) {
    items.push({
      type: 'session',
      id: s.id,
      venueId: null,
      since: s.expires_at.toISOString(),
      reason: `Expired on ${dayInUtc(s.expires_at)}.`,
      label: `Sign-in session, expired ${dayInUtc(s.expires_at)}`,
    });
  }
  for (const t of accountTokens.rows) {
    items.push({
      type: 'account_token',
      id: t.id,
      venueId: null,
      since: t.expires_at.toISOString(),
      reason: `Expired on ${dayInUtc(t.expires_at)}.`,
      label: `${tokenWords[t.purpose] ?? 'Account link'}, expired ${dayInUtc(t.expires_at)}`,
    });
  }
  for (const t of authorshipTokens.rows) {
    items.push({
      type: 'authorship_token',
      id: t.id,
      venueId: null,
      since: t.expires_at.toISOString(),
      reason: `Expired on ${dayInUtc(t.expires_at)}.`,
      label: `Co-author confirmation link, expired ${dayInUtc(t.expires_at)}`,
    });
  }
  for (const d of drafts) {
    const title = d.title.trim() ? `“${d.title.trim()}”` : 'An untitled draft';
    if (d.due === 'delete') {
      items.push({
        type: 'draft',
        id: d.id,
        venueId: d.venue_id,
        since: d.touched.toISOString(),
        reason: `Untouched since ${dayInUtc(d.touched)}; its author was warned on ${dayInUtc(d.notice!)} and has not opened it since.`,
        label: `Draft ${title}, ${d.call_title}`,
        files: d.files,
      });
    } else {
      items.push({
        type: 'draft_notice',
        id: d.id,
        venueId: d.venue_id,
        since: d.touched.toISOString(),
        reason: `Untouched since ${dayInUtc(d.touched)}; drafts are kept ${months(d.months)}. Its author is told it will be deleted in ${DRAFT_NOTICE_DAYS} days unless they open it.`,
        label: `Warn the author of the draft ${title}, ${d.call_title}`,
      });
    }
  }
  return items;
}

/** Drafts untouched for their venue's period: to be deleted (warned long enough ago), or to warn. */
async function draftsDue(db: Executor, asOf: Date) {
  const at = sql`${asOf}::timestamptz`;
  // Touched: the draft's fields saved, a file uploaded, the application form saved, or the draft
  // opened by its author after a warning (keep-draft.ts) — each moves one of these.
  const rows = await sql<{
    id: string;
    venue_id: string;
    title: string;
    call_title: string;
    notice: Date | null;
    touched: Date;
    months: number;
    files: number;
    due: 'delete' | 'warn' | 'wait';
  }>`
    WITH draft AS (
      SELECT s.id, s.venue_id, s.title, c.title AS call_title, s.draft_deletion_notice_at AS notice,
        v.retain_drafts_months AS months,
        greatest(
          s.updated_at,
          (SELECT max(mv.uploaded_at) FROM manuscript_version mv WHERE mv.submission_id = s.id),
          (SELECT af.updated_at FROM application_form af WHERE af.submission_id = s.id)
        ) AS touched,
        (SELECT count(DISTINCT mv.file_sha256)::int FROM manuscript_version mv WHERE mv.submission_id = s.id) AS files
      FROM submission s
      JOIN venue v ON v.id = s.venue_id
      JOIN call c ON c.id = s.call_id
      WHERE s.status = 'draft'
    )
    SELECT *, CASE
        WHEN notice IS NOT NULL AND notice >= touched
          AND notice <= ${at} - make_interval(days => ${DRAFT_NOTICE_DAYS}) THEN 'delete'
        -- Never warned, or touched since the warning (which no longer counts).
        WHEN notice IS NULL OR notice < touched THEN 'warn'
        ELSE 'wait'
      END AS due
    FROM draft
    WHERE touched <= ${at} - make_interval(months => months)
    ORDER BY id`.execute(db);
  return rows.rows.filter((row) => row.due !== 'wait');
}

export function countItems(items: readonly RetentionItem[]): RetentionCounts {
  const of = (type: RetentionItemType) => items.filter((item) => item.type === type);
  const files = (type: RetentionItemType) => of(type).reduce((sum, item) => sum + (item.files ?? 0), 0);
  return {
    unsuccessfulEntries: of('award_entry').length,
    entryFiles: files('award_entry'),
    mailBodies: of('mail_body').length,
    sessions: of('session').length,
    tokens: of('account_token').length + of('authorship_token').length,
    drafts: of('draft').length,
    draftFiles: files('draft'),
    draftNotices: of('draft_notice').length,
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 unsuccessful award entries (with 5 files), 120 mail bodies, …; and would warn 2 authors". */
export function describeCounts(counts: RetentionCounts, tense: 'would' | 'did'): string {
  const parts: string[] = [];
  const withFiles = (n: number) => (n > 0 ? ` (with ${plural(n, 'file', 'files')})` : '');
  if (counts.unsuccessfulEntries > 0)
    parts.push(
      `${plural(counts.unsuccessfulEntries, 'unsuccessful award entry', 'unsuccessful award entries')}${withFiles(counts.entryFiles)}`,
    );
  if (counts.mailBodies > 0) parts.push(plural(counts.mailBodies, 'mail body', 'mail bodies'));
  if (counts.sessions > 0) parts.push(plural(counts.sessions, 'expired session', 'expired sessions'));
  if (counts.tokens > 0) parts.push(plural(counts.tokens, 'expired link', 'expired links'));
  if (counts.drafts > 0) parts.push(`${plural(counts.drafts, 'draft', 'drafts')}${withFiles(counts.draftFiles)}`);
  const warn = counts.draftNotices > 0 ? plural(counts.draftNotices, 'author', 'authors') : null;
  const head = tense === 'would' ? 'The next run would delete' : 'The run deleted';
  const warnVerb = tense === 'would' ? 'would warn' : 'warned';
  if (parts.length === 0) {
    if (warn)
      return `${tense === 'would' ? 'The next run would delete nothing' : 'The run deleted nothing'}, and ${warnVerb} ${warn}.`;
    return tense === 'would' ? 'The next run would delete nothing.' : 'The run deleted nothing.';
  }
  return `${head}: ${parts.join(', ')}${warn ? `; and ${warnVerb} ${warn}` : ''}.`;
}

const keyOf = (item: Pick<RetentionItem, 'type' | 'id'>) => `${item.type}:${item.id}`;
const sameList = (a: readonly RetentionItem[], b: readonly RetentionItem[]) =>
  a.length === b.length && a.every((item, i) => keyOf(item) === keyOf(b[i]!));

export class RetentionListChanged extends HttpError {
  constructor() {
    super(
      409,
      'retention_list_changed',
      'What is due has changed since that dry run (something was opened, changed or came due). Run the dry run again, check its list, then run the sweep.',
    );
  }
}

/** Runs the sweep (or a dry run) at `asOf` and records it in `retention_run`; returns the run's id. */
export async function runRetention(deps: DataProtectionDeps, options: RetentionRunOptions): Promise<string> {
  const { db } = deps;
  const startedAt = deps.clock();
  if (options.dryRun) {
    const items = await db.transaction().execute((trx) => listDue(trx, options.asOf));
    const row = await db
      .insertInto('retention_run')
      .values({
        dry_run: true,
        started_at: startedAt,
        finished_at: deps.clock(),
        as_of: options.asOf,
        run_by: options.runBy,
        counts: JSON.stringify(countItems(items)),
        items: JSON.stringify(items),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const audit =
    options.audit ??
    (options.runBy ? { actorId: options.runBy, ip: null, requestId: null } : systemActor('retention_sweep'));
  let removedFiles: string[] = [];
  let runId: string;
  try {
    ({ runId, removedFiles } = await db.transaction().execute(async (trx) => {
      let items = await listDue(trx, options.asOf);
      // The entries and drafts about to go are locked, then the list is taken again: an author who
      // opens a draft right now either did so before (and it is no longer listed) or waits for us.
      const submissionIds = items.filter((i) => i.type === 'award_entry' || i.type === 'draft').map((i) => i.id);
      if (submissionIds.length > 0) {
        await sql`SELECT id FROM submission WHERE id = any(${submissionIds}::uuid[]) ORDER BY id FOR UPDATE`.execute(
          trx,
        );
        items = await listDue(trx, options.asOf);
      }
      if (options.expected && !sameList(items, options.expected)) throw new RetentionListChanged();
      const removed = await applyList(trx, deps, items, options.asOf);
      const counts = countItems(items);
      const row = await trx
        .insertInto('retention_run')
        .values({
          dry_run: false,
          started_at: startedAt,
          finished_at: deps.clock(),
          as_of: options.asOf,
          run_by: options.runBy,
          counts: JSON.stringify(counts),
          items: JSON.stringify(items),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, audit, {
        action: 'retention.swept',
        objectType: 'retention_run',
        objectId: row.id,
        // What was deleted, as counts (warnings and files are in the run's own record).
        details: {
          counts: {
            unsuccessfulEntries: counts.unsuccessfulEntries,
            mailBodies: counts.mailBodies,
            sessions: counts.sessions,
            tokens: counts.tokens,
            drafts: counts.drafts,
          },
        },
      });
      return { runId: row.id, removedFiles: removed };
    }));
  } catch (error) {
    if (!(error instanceof HttpError)) {
      await db
        .insertInto('retention_run')
        .values({
          dry_run: false,
          started_at: startedAt,
          finished_at: deps.clock(),
          as_of: options.asOf,
          run_by: options.runBy,
          failure: error instanceof Error ? error.message.slice(0, 2000) : String(error),
        })
        .execute();
    }
    throw error;
  }
  // After commit: the bytes of files no row needs any more (an upload of the same bytes meanwhile keeps them).
  await removeFileBytes(db, deps.store, removedFiles);
  // Copies of people's data are kept EXPORT_KEEP_DAYS days; a real run deletes those past it.
  await deleteExpiredExports(deps, options.asOf);
  return runId;
}

/** In the run's transaction: deletes (or warns about) exactly the listed items; returns the files to remove after commit. */
async function applyList(
  trx: Transaction<DB>,
  deps: DataProtectionDeps,
  items: readonly RetentionItem[],
  asOf: Date,
): Promise<string[]> {
  const ids = (...types: RetentionItemType[]) => items.filter((i) => types.includes(i.type)).map((i) => i.id);

  const submissions = ids('award_entry', 'draft');
  let removed: string[] = [];
  if (submissions.length > 0) {
    const files = await filesOfSubmissions(trx, submissions);
    // Application forms, authors, versions, copies, assignments, reviews and results go with the row.
    await trx.deleteFrom('submission').where('id', 'in', submissions).execute();
    removed = await forgetUnreferencedFiles(trx, files);
  }

  const mail = ids('mail_body');
  if (mail.length > 0) {
    await sql`UPDATE email_message SET text_body = '', html_body = NULL, body_removed_at = ${asOf}
      WHERE id = any(${mail}::uuid[]) AND body_removed_at IS NULL`.execute(trx);
  }
  const sessions = ids('session');
  if (sessions.length > 0) await sql`DELETE FROM session WHERE token_hash = any(${sessions})`.execute(trx);
  const accountTokens = ids('account_token');
  if (accountTokens.length > 0)
    await sql`DELETE FROM account_token WHERE token_hash = any(${accountTokens})`.execute(trx);
  const authorshipTokens = ids('authorship_token');
  if (authorshipTokens.length > 0)
    await sql`DELETE FROM authorship_token WHERE token_hash = any(${authorshipTokens})`.execute(trx);

  const notices = items.filter((i) => i.type === 'draft_notice');
  if (notices.length > 0) {
    const drafts = await trx
      .selectFrom('submission')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .innerJoin('person', 'person.id', 'submission.submitter_id')
      .select([
        'submission.id',
        'submission.title',
        'call.title as call_title',
        'venue.id as venue_id',
        'venue.name as venue_name',
        'venue.kind as venue_kind',
        'person.id as person_id',
        'person.name',
        'person.email',
        'person.time_zone',
      ])
      .where(
        'submission.id',
        'in',
        notices.map((n) => n.id),
      )
      .orderBy('submission.id')
      .execute();
    const touched = new Map(notices.map((n) => [n.id, new Date(n.since)]));
    const deleteAfter = new Date(asOf.getTime() + DRAFT_NOTICE_DAYS * 86_400_000);
    for (const draft of drafts) {
      await queueMessage(
        trx,
        draftDeletionNoticeMail(
          { personId: draft.person_id, name: draft.name, email: draft.email, timeZone: draft.time_zone },
          {
            venueId: draft.venue_id,
            venueName: draft.venue_name,
            venueKind: draft.venue_kind,
            title: draft.title,
            callTitle: draft.call_title,
            lastChanged: touched.get(draft.id)!,
            deleteAfter,
            link: submissionLink(deps.publicUrl, draft.id),
          },
        ),
      );
    }
    await trx
      .updateTable('submission')
      .set({ draft_deletion_notice_at: asOf })
      .where(
        'id',
        'in',
        notices.map((n) => n.id),
      )
      .execute();
  }
  return removed;
}
