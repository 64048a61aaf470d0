// Account use cases. Each change, its audit event and the e-mail it causes commit together.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { HttpError } from '../plugins/errors.ts';
import { linkAuthorshipsOfPerson } from '../submissions/link-authors.ts';
import {
  alreadyRegisteredMail,
  confirmNewEmailMail,
  emailChangedMail,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from './account-mail.ts';
import { forgetFailedSignIns } from './login-throttle.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { deleteSessionsOf } from './session.repository.ts';
import { hashToken, newToken } from './tokens.ts';

export interface AccountContext {
  db: Database;
  publicUrl: string;
  audit: AuditContext;
}

type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';
const tokenLifetimeHours: Record<TokenPurpose, number> = { verify_email: 48, reset_password: 1, change_email: 24 };
const invalidLink = () =>
  new HttpError(400, 'invalid_link', 'This link has expired or has already been used. Please ask for a new one.');

async function issueToken(
  db: Database,
  personId: string,
  purpose: TokenPurpose,
  newEmail: string | null = null,
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('account_token')
    .values({
      token_hash: hashToken(token),
      person_id: personId,
      purpose,
      new_email: newEmail,
      expires_at: sql<Date>`now() + make_interval(hours => ${tokenLifetimeHours[purpose]})`,
    })
    .execute();
  return token;
}

/** Uses a link once: marks it used and answers whose it was, or throws `invalid_link`. */
async function consumeToken(db: Database, token: string, purpose: TokenPurpose) {
  const row = await db
    .updateTable('account_token')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['person_id', 'new_email'])
    .executeTakeFirst();
  if (!row) throw invalidLink();
  return row;
}

/** An e-mailed link; `next` (a path on this site) is where the page leads once it is done. */
const link = (ctx: AccountContext, page: string, token: string, next?: string) =>
  `${ctx.publicUrl.replace(/\/$/, '')}/${page}?token=${encodeURIComponent(token)}${next ? `&next=${encodeURIComponent(next)}` : ''}`;

export async function registerAccount(
  ctx: AccountContext,
  input: { name: string; email: string; password: string; next?: string | undefined },
) {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email'])
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (existing) {
      // Same answer as a new registration, so the form cannot be used to test who has an account.
      const token = await issueToken(trx, existing.id, 'reset_password');
      await queueMessage(
        trx,
        alreadyRegisteredMail({ ...existing, personId: existing.id }, link(ctx, 'reset-password', token)),
      );
      return;
    }
    const person = await trx
      .insertInto('person')
      .values({ email: input.email, name: input.name, password_hash: passwordHash })
      .returning(['id', 'name', 'email'])
      .executeTakeFirstOrThrow();
    const token = await issueToken(trx, person.id, 'verify_email');
    await queueMessage(
      trx,
      verifyEmailMail({ ...person, personId: person.id }, link(ctx, 'verify-email', token, input.next)),
    );
    await recordAudit(
      trx,
      { ...ctx.audit, actorId: person.id },
      {
        action: 'account.registered',
        objectType: 'person',
        objectId: person.id,
        details: { email: person.email },
      },
    );
  });
}

export async function verifyEmail(ctx: AccountContext, token: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { person_id } = await consumeToken(trx, token, 'verify_email');
    const person = await trx
      .updateTable('person')
      .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())`, updated_at: sql<Date>`now()` })
      .where('id', '=', person_id)
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
    // The address is proven now: the submissions that list it as an author become theirs to read.
    await linkAuthorshipsOfPerson(trx, person.id);
    await recordAudit(
      trx,
      { ...ctx.audit, actorId: person.id },
      {
        action: 'account.email_verified',
        objectType: 'person',
        objectId: person.id,
        details: { email: person.email },
      },
    );
  });
}

export async function resendVerification(ctx: AccountContext, email: string, next?: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .where('email_verified_at', 'is', null)
      .executeTakeFirst();
    if (!person) return;
    const token = await issueToken(trx, person.id, 'verify_email');
    await queueMessage(
      trx,
      verifyEmailMail({ ...person, personId: person.id }, link(ctx, 'verify-email', token, next)),
    );
  });
}

export type SignInResult =
  | { ok: true; personId: string }
  | { ok: false; reason: 'invalid' | 'unverified'; personId: string | null };

export async function checkCredentials(db: Database, email: string, password: string): Promise<SignInResult> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'password_hash', 'email_verified_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!person) {
    await verifyAgainstNothing(password);
    return { ok: false, reason: 'invalid', personId: null };
  }
  if (!(await verifyPassword(person.password_hash, password)))
    return { ok: false, reason: 'invalid', personId: person.id };
  if (!person.email_verified_at) return { ok: false, reason: 'unverified', personId: person.id };
  return { ok: true, personId: person.id };
}

/**
 * How long "Forgotten your password?" takes to answer, whether the address has an account or not.
 * A known address costs a token, a mail and an audit entry (≈ 20 ms more on a busy machine), which
 * told an outsider which addresses are registered; both answers now wait out the same floor. Work
 * slower than the floor (an overloaded database) would still show; it is far above normal.
 */
export const PASSWORD_RESET_ANSWER_MS = 250;

export async function requestPasswordReset(ctx: AccountContext, email: string) {
  const started = performance.now();
  try {
    await issuePasswordReset(ctx, email);
  } finally {
    const left = PASSWORD_RESET_ANSWER_MS - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function issuePasswordReset(ctx: AccountContext, email: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!person) return;
    const token = await issueToken(trx, person.id, 'reset_password');
    await queueMessage(trx, passwordResetMail({ ...person, personId: person.id }, link(ctx, 'reset-password', token)));
    await recordAudit(trx, ctx.audit, {
      action: 'account.password_reset_requested',
      objectType: 'person',
      objectId: person.id,
      details: {},
    });
  });
}

export async function confirmPasswordReset(ctx: AccountContext, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const { person_id } = await consumeToken(trx, token, 'reset_password');
    // Following a link from the inbox also proves the address.
    const person = await trx
      .updateTable('person')
      .set({
        password_hash: passwordHash,
        email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', person_id)
      .returning(['id', 'name', 'email'])
      .executeTakeFirstOrThrow();
    await linkAuthorshipsOfPerson(trx, person.id);
    await deleteSessionsOf(trx, person.id);
    await forgetFailedSignIns(trx, person.email);
    await queueMessage(trx, passwordChangedMail({ ...person, personId: person.id }));
    await recordAudit(
      trx,
      { ...ctx.audit, actorId: person.id },
      {
        action: 'account.password_changed',
        objectType: 'person',
        objectId: person.id,
        details: { via: 'reset' },
      },
    );
  });
}

export async function changePassword(
  ctx: AccountContext,
  personId: string,
  currentSessionHash: string | null,
  input: { currentPassword: string; newPassword: string },
) {
  await requireCurrentPassword(ctx.db, personId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const person = await trx
      .updateTable('person')
      .set({ password_hash: passwordHash, updated_at: sql<Date>`now()` })
      .where('id', '=', personId)
      .returning(['id', 'name', 'email'])
      .executeTakeFirstOrThrow();
    await deleteSessionsOf(trx, personId, currentSessionHash ?? undefined);
    await queueMessage(trx, passwordChangedMail({ ...person, personId }));
    await recordAudit(trx, ctx.audit, {
      action: 'account.password_changed',
      objectType: 'person',
      objectId: personId,
      details: { via: 'profile' },
    });
  });
}

export async function requestEmailChange(
  ctx: AccountContext,
  personId: string,
  input: { newEmail: string; currentPassword: string },
) {
  await requireCurrentPassword(ctx.db, personId, input.currentPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('person').select('id').where('email', '=', input.newEmail).executeTakeFirst();
    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'email'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    if (person.email === input.newEmail) {
      throw new HttpError(400, 'same_email', 'That is already the address of your account.');
    }
    // A taken address gets no link (and the answer does not say so): the owner keeps their account.
    if (taken) return;
    const token = await issueToken(trx, personId, 'change_email', input.newEmail);
    await queueMessage(
      trx,
      confirmNewEmailMail({ email: input.newEmail, name: person.name, personId }, link(ctx, 'confirm-email', token)),
    );
    await recordAudit(trx, ctx.audit, {
      action: 'account.email_change_requested',
      objectType: 'person',
      objectId: personId,
      details: { newEmail: input.newEmail },
    });
  });
}

export async function confirmEmailChange(ctx: AccountContext, token: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { person_id, new_email } = await consumeToken(trx, token, 'change_email');
    const before = await trx
      .selectFrom('person')
      .select(['email', 'name'])
      .where('id', '=', person_id)
      .executeTakeFirstOrThrow();
    const taken = await trx.selectFrom('person').select('id').where('email', '=', new_email!).executeTakeFirst();
    if (taken) throw invalidLink();
    await trx
      .updateTable('person')
      .set({ email: new_email!, email_verified_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', person_id)
      .execute();
    // Links under the old address stay (they are still the author); the new one links too.
    await linkAuthorshipsOfPerson(trx, person_id);
    await queueMessage(
      trx,
      emailChangedMail({ email: before.email, name: before.name, personId: person_id }, new_email!),
    );
    await recordAudit(
      trx,
      { ...ctx.audit, actorId: ctx.audit.actorId ?? person_id },
      {
        action: 'account.email_changed',
        objectType: 'person',
        objectId: person_id,
        details: { from: before.email, to: new_email! },
      },
    );
  });
}

export async function requireCurrentPassword(db: Database, personId: string, password: string) {
  const { password_hash } = await db
    .selectFrom('person')
    .select('password_hash')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(password_hash, password))) {
    throw new HttpError(400, 'wrong_password', 'Your current password is not right. Please type it again.');
  }
}
