// Asking for an erasure: the person asks (password again), confirms from the e-mailed link, and the
// job is queued; or an admin erases someone on their request (no e-mail, a note for the log). The
// request row and its audit entries are written with the job in one transaction (the outbox), so a
// queued job always has its request and a refused step leaves nothing behind.
import type { Database } from '@gaps/db';
import { enqueueJob } from '@gaps/workers/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import { requireCurrentPassword } from '../../accounts/account.service.ts';
import { hashToken, newToken } from '../../accounts/tokens.ts';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { queueMessage } from '../../mail-templates/compose.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import { createRequest } from '../requests.ts';
import type { erasureStatusSchema } from './erasure.schemas.ts';
import { ERASURE_CONFIRM_HOURS, erasureConfirmMail } from './erasure-mail.ts';

export interface ErasureContext {
  db: Database;
  publicUrl: string;
  audit: AuditContext;
  now: Date;
}

const jobIdOf = (requestId: string) => `privacy.erase.${requestId}`;

export type ErasureStatus = z.infer<typeof erasureStatusSchema>;

function toStatus(row: {
  id: string;
  status: string;
  on_request_of: string;
  requested_at: Date;
  confirm_expires_at: Date | null;
  progress: number;
  progress_step: string | null;
}): ErasureStatus {
  return {
    requestId: row.id,
    status: row.status as ErasureStatus['status'],
    onRequestOf: row.on_request_of as 'self' | 'admin',
    requestedAt: row.requested_at.toISOString(),
    confirmBy: row.confirm_expires_at?.toISOString() ?? null,
    progress: row.progress,
    step: row.progress_step,
  };
}

const statusColumns = [
  'id',
  'status',
  'on_request_of',
  'requested_at',
  'confirm_expires_at',
  'progress',
  'progress_step',
] as const;

/** The person's open erasure request, if any (one at a time: the database's unique index). */
export async function openErasure(db: Database, personId: string): Promise<ErasureStatus | null> {
  const row = await db
    .selectFrom('subject_access_request')
    .select(statusColumns)
    .where('person_id', '=', personId)
    .where('kind', '=', 'erasure')
    .where('status', 'in', ['awaiting_confirmation', 'queued', 'working'])
    .executeTakeFirst();
  return row ? toStatus(row) : null;
}

/** A request's progress by its id alone: the "being erased" page polls it after its session has gone. */
export async function erasureProgress(db: Database, requestId: string): Promise<ErasureStatus> {
  const row = await db
    .selectFrom('subject_access_request')
    .select(statusColumns)
    .where('id', '=', requestId)
    .where('kind', '=', 'erasure')
    .where('status', 'in', ['queued', 'working', 'done', 'failed'])
    .executeTakeFirst();
  if (!row) throw notFound('erasure request');
  return toStatus(row);
}

const alreadyAsked = () =>
  new HttpError(
    409,
    'erasure_already_requested',
    'An erasure of this account has already been asked for. Confirm it from the e-mail we sent, or cancel it first.',
  );

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

/** The person's own request: the password again, then a link by e-mail; nothing is erased yet. */
export async function requestOwnErasure(ctx: ErasureContext, personId: string, password: string) {
  await requireCurrentPassword(ctx.db, personId, password);
  const token = newToken();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const person = await trx
        .selectFrom('person')
        .select(['id', 'name', 'email'])
        .where('id', '=', personId)
        .where('erased_at', 'is', null)
        .executeTakeFirstOrThrow();
      const requestId = await createRequest(trx, {
        personId,
        kind: 'erasure',
        requestedBy: personId,
        onRequestOf: 'self',
        now: ctx.now,
        status: 'awaiting_confirmation',
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: new Date(ctx.now.getTime() + ERASURE_CONFIRM_HOURS * 3_600_000),
      });
      const link = `${ctx.publicUrl.replace(/\/$/, '')}/account/erasure/confirm?token=${encodeURIComponent(token)}`;
      await queueMessage(trx, erasureConfirmMail({ email: person.email, name: person.name, personId }, link));
      await recordAudit(trx, ctx.audit, {
        action: 'privacy.erasure_requested',
        objectType: 'person',
        objectId: personId,
        details: { requestId, onRequestOf: 'self' },
      });
      return { requestId, email: person.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyAsked();
    throw error;
  }
}

const badLink = () =>
  new HttpError(
    400,
    'invalid_link',
    'This link has expired, has already been used, or is not for the account you are signed in to. Sign in to the account you want erased and ask again from your account page.',
  );

/** The link from the e-mail, opened by the person signed in: queues the erasure. */
export async function confirmOwnErasure(ctx: ErasureContext, personId: string, token: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('subject_access_request')
      .set({ status: 'queued', confirmed_at: ctx.now, confirm_token_hash: null })
      .where('confirm_token_hash', '=', hashToken(token))
      .where('kind', '=', 'erasure')
      .where('status', '=', 'awaiting_confirmation')
      .where('person_id', '=', personId)
      .where('confirm_expires_at', '>', ctx.now)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw badLink();
    await enqueueJob(trx, 'privacy.erase', { requestId: row.id }, jobIdOf(row.id));
    await recordAudit(trx, ctx.audit, {
      action: 'privacy.erasure_confirmed',
      objectType: 'person',
      objectId: personId,
      details: { requestId: row.id, onRequestOf: 'self' },
    });
    return { requestId: row.id };
  });
}

/** "I changed my mind": only while it waits for confirmation; once queued it runs. */
export async function cancelOwnErasure(ctx: ErasureContext, personId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('subject_access_request')
      .set({ status: 'cancelled', confirm_token_hash: null, completed_at: ctx.now })
      .where('person_id', '=', personId)
      .where('kind', '=', 'erasure')
      .where('status', '=', 'awaiting_confirmation')
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const open = await openErasure(ctx.db, personId);
      if (open)
        throw new HttpError(409, 'erasure_under_way', 'The erasure is already under way and cannot be stopped now.');
      throw new HttpError(404, 'no_erasure_request', 'There is no erasure request to cancel.');
    }
    await recordAudit(trx, ctx.audit, {
      action: 'privacy.erasure_cancelled',
      objectType: 'person',
      objectId: personId,
      details: { requestId: row.id },
    });
  });
}

/** An admin erasing someone on their request (by letter, phone…): no e-mail step; the note says why. */
export async function eraseOnRequest(ctx: ErasureContext, adminId: string, personId: string, note: string) {
  if (adminId === personId) {
    throw new HttpError(
      409,
      'own_erasure',
      'You cannot erase your own account from here. Use “Erase my account” on your account page.',
    );
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const person = await trx
        .selectFrom('person')
        .select(['id', 'erased_at'])
        .where('id', '=', personId)
        .forUpdate()
        .executeTakeFirst();
      if (!person) throw notFound('person');
      if (person.erased_at) throw new HttpError(409, 'already_erased', 'This person has already been erased.');
      // Serialised with role changes (they lock the person too): the site must keep an admin.
      const admins = await sql<{ id: string }>`
        SELECT person_id AS id FROM role_grant WHERE role = 'admin' FOR UPDATE`.execute(trx);
      const adminIds = new Set(admins.rows.map((r) => r.id));
      if (adminIds.has(personId) && adminIds.size === 1) {
        throw new HttpError(
          409,
          'only_admin',
          'This person is the only admin. Make someone else an admin first, so the site is never left without one.',
        );
      }
      // A request the person left unconfirmed gives way to this one.
      await trx
        .updateTable('subject_access_request')
        .set({ status: 'cancelled', confirm_token_hash: null, completed_at: ctx.now })
        .where('person_id', '=', personId)
        .where('kind', '=', 'erasure')
        .where('status', '=', 'awaiting_confirmation')
        .execute();
      const requestId = await createRequest(trx, {
        personId,
        kind: 'erasure',
        requestedBy: adminId,
        onRequestOf: 'admin',
        now: ctx.now,
        status: 'queued',
        adminNote: note,
      });
      await trx
        .updateTable('subject_access_request')
        .set({ confirmed_at: ctx.now })
        .where('id', '=', requestId)
        .execute();
      await enqueueJob(trx, 'privacy.erase', { requestId }, jobIdOf(requestId));
      await recordAudit(trx, ctx.audit, {
        action: 'privacy.erasure_requested',
        objectType: 'person',
        objectId: personId,
        details: { requestId, onRequestOf: 'admin' },
      });
      return { requestId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpError(409, 'erasure_under_way', 'An erasure of this person is already under way.');
    }
    throw error;
  }
}
