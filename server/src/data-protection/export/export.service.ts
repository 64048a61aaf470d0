// Asking for a copy of one's data, following it, and fetching the finished ZIP. The person asks on
// their account page; an admin may ask on their behalf (a letter, a call). Either way the request is
// a row in the subject-access log and a job in the outbox, committed together.
import { access } from 'node:fs/promises';
import type { Database } from '@gaps/db';
import { enqueueJob } from '@gaps/workers/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { dayInUtc } from '../../mail-templates/words.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import { createRequest } from '../requests.ts';
import { EXPORT_KEEP_DAYS, exportFilePath } from './build-export.ts';

/** A person may ask for this many copies in a day (on top of one at a time). */
export const EXPORTS_PER_DAY = 3;

const instant = z.iso.datetime();

export const dataExportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'working', 'done', 'failed', 'expired']),
    /** 0–100. */
    progress: z.number().int(),
    /** What is happening, or what happened, in plain words. */
    step: z.string(),
    onRequestOf: z.enum(['self', 'admin']),
    requestedAt: instant,
    completedAt: instant.nullable(),
    /** When the ZIP will be (or was) deleted. */
    expiresAt: instant.nullable(),
    fileBytes: z.number().int().nullable(),
    /** The name the download is saved under. */
    fileName: z.string().nullable(),
    downloadable: z.boolean(),
  })
  .meta({ id: 'DataExport' });
export type DataExport = z.infer<typeof dataExportSchema>;

export const dataExportListSchema = z
  .object({ exports: z.array(dataExportSchema), keepDays: z.number().int() })
  .meta({ id: 'DataExports' });

const selection = [
  'id',
  'status',
  'progress',
  'progress_step',
  'on_request_of',
  'requested_at',
  'completed_at',
  'expires_at',
  'file_bytes',
  'file_deleted_at',
  'failure',
] as const;

type ExportRow = {
  id: string;
  status: string;
  progress: number;
  progress_step: string | null;
  on_request_of: string;
  requested_at: Date;
  completed_at: Date | null;
  expires_at: Date | null;
  file_bytes: string | number | bigint | null;
  file_deleted_at: Date | null;
  failure: string | null;
};

const isGone = (row: ExportRow, now: Date) =>
  row.status === 'expired' || row.file_deleted_at !== null || (row.expires_at !== null && row.expires_at <= now);

export const exportFileName = (completedAt: Date) => `my-data-${completedAt.toISOString().slice(0, 10)}.zip`;

function project(row: ExportRow, now: Date): DataExport {
  const gone = row.status === 'done' && isGone(row, now);
  const status = (gone ? 'expired' : row.status) as DataExport['status'];
  const step =
    status === 'queued'
      ? 'Waiting to start'
      : status === 'working'
        ? (row.progress_step ?? 'Working on it')
        : status === 'done'
          ? 'Ready to download'
          : status === 'expired'
            ? `Deleted after ${EXPORT_KEEP_DAYS} days${row.file_deleted_at ? ` (${dayInUtc(row.file_deleted_at)})` : ''}`
            : (row.failure ?? 'It could not be prepared');
  return {
    id: row.id,
    status,
    progress: status === 'done' || status === 'expired' ? 100 : row.progress,
    step,
    onRequestOf: row.on_request_of as DataExport['onRequestOf'],
    requestedAt: row.requested_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    fileBytes: row.file_bytes === null ? null : Number(row.file_bytes),
    fileName: row.completed_at && row.status === 'done' ? exportFileName(row.completed_at) : null,
    downloadable: status === 'done',
  };
}

export async function listExports(db: Database, personId: string, now: Date) {
  const rows = await db
    .selectFrom('subject_access_request')
    .select(selection)
    .where('person_id', '=', personId)
    .where('kind', '=', 'export')
    // An export is never awaiting confirmation or cancelled; the list shows what can happen to one.
    .where('status', 'in', ['queued', 'working', 'done', 'failed', 'expired'])
    // A request recorded from a letter and answered by post is 'done' with no file: no copy to list.
    .where((eb) => eb.or([eb('status', '!=', 'done'), eb('file_bytes', 'is not', null)]))
    .orderBy('requested_at', 'desc')
    .limit(20)
    .execute();
  return { exports: rows.map((row) => project(row, now)), keepDays: EXPORT_KEEP_DAYS };
}

/**
 * Records the request and queues the job. One at a time per person; a person asking for
 * themselves may ask EXPORTS_PER_DAY times in 24 hours (each copy reads every file they have).
 */
export async function requestExport(
  ctx: { db: Database; audit: AuditContext; now: Date },
  personId: string,
  onRequestOf: 'self' | 'admin',
): Promise<DataExport> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    // Two presses at once: the second waits here and then sees the first one's request.
    const person = await trx
      .selectFrom('person')
      .select(['id', 'erased_at'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw notFound('person');
    if (person.erased_at) {
      throw new HttpError(409, 'person_erased', 'This account was erased: there is no personal data left to copy.');
    }
    const recent = await trx
      .selectFrom('subject_access_request')
      .select(['status', 'on_request_of', 'requested_at'])
      .where('person_id', '=', personId)
      .where('kind', '=', 'export')
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['queued', 'working']),
          eb('requested_at', '>', sql<Date>`${ctx.now}::timestamptz - interval '24 hours'`),
        ]),
      )
      .orderBy('requested_at')
      .execute();
    if (recent.some((row) => row.status === 'queued' || row.status === 'working')) {
      throw new HttpError(
        429,
        'export_in_progress',
        onRequestOf === 'self'
          ? 'A copy of your data is already being prepared. Wait for it to finish (this page shows how far it has got), then download it.'
          : 'A copy of this person’s data is already being prepared. Wait for it to finish, then download it.',
      );
    }
    const dayAgo = ctx.now.getTime() - 86_400_000;
    const ownToday = recent.filter((row) => row.on_request_of === 'self' && row.requested_at.getTime() > dayAgo);
    if (onRequestOf === 'self' && ownToday.length >= EXPORTS_PER_DAY) {
      const nextAt = new Date(ownToday[0]!.requested_at.getTime() + 86_400_000);
      throw new HttpError(
        429,
        'too_many_exports',
        `You have asked for ${EXPORTS_PER_DAY} copies of your data in the last 24 hours. Please download one of those, or ask again after ${nextAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} (UTC).`,
      );
    }
    const requestId = await createRequest(trx, {
      personId,
      kind: 'export',
      requestedBy: ctx.audit.actorId,
      onRequestOf,
      now: ctx.now,
    });
    await enqueueJob(trx, 'privacy.export', { requestId }, `privacy.export.${requestId}`);
    await recordAudit(trx, ctx.audit, {
      action: 'privacy.export_requested',
      objectType: 'person',
      objectId: personId,
      details: { requestId, onRequestOf },
    });
    return requestId;
  });
  const row = await ctx.db
    .selectFrom('subject_access_request')
    .select(selection)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return project(row, ctx.now);
}

/**
 * The finished ZIP of this person's export: 404 when it is not theirs (or not an export), 410 once
 * deleted, 409 while it is still being prepared or after it failed.
 */
export async function openExport(
  ctx: { db: Database; dataDir: string; now: Date },
  /** Whose it must be; null for an admin, who may read anyone's. */
  personId: string | null,
  exportId: string,
): Promise<{ path: string; bytes: number; fileName: string; personId: string }> {
  let query = ctx.db
    .selectFrom('subject_access_request')
    .select([...selection, 'person_id'])
    .where('id', '=', exportId)
    .where('kind', '=', 'export');
  if (personId !== null) query = query.where('person_id', '=', personId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('copy of data');
  const path = exportFilePath(ctx.dataDir, row.id);
  const gone = (when: string) =>
    new HttpError(
      410,
      'export_deleted',
      `This copy was deleted ${when}: we keep each copy for ${EXPORT_KEEP_DAYS} days only. Ask for a new copy on the account page.`,
    );
  if (isGone(row, ctx.now)) {
    const at = row.file_deleted_at ?? row.expires_at;
    throw gone(at ? `on ${dayInUtc(at)}` : 'already');
  }
  if (row.status !== 'done' || !row.completed_at) {
    throw new HttpError(
      409,
      'export_not_ready',
      row.status === 'failed'
        ? 'This copy could not be prepared. Ask for a new copy on the account page.'
        : 'This copy is still being prepared. Wait until the page says it is ready, then download it.',
    );
  }
  const present = await access(path).then(
    () => true,
    () => false,
  );
  if (!present) throw gone('already');
  return { path, bytes: Number(row.file_bytes), fileName: exportFileName(row.completed_at), personId: row.person_id };
}
