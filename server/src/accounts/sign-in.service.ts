// Signing in and out: the limits, the password check, the session and the audit trail. The route
// only parses the form and puts the session token into a cookie.
import type { Database } from '@gaps/db';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError } from '../plugins/errors.ts';
import { checkCredentials } from './account.service.ts';
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './login-throttle.ts';
import { createSession, deleteSession } from './session.repository.ts';
import { hashToken, newToken } from './tokens.ts';

export interface SignInContext {
  db: Database;
  audit: AuditContext;
  sessionDays: number;
}

/** Answers the new session's token (for the cookie), or throws 401, 403 or 429. */
export async function signIn(
  ctx: SignInContext,
  input: { email: string; password: string; ip: string; userAgent: string | null },
): Promise<{ personId: string; sessionToken: string }> {
  const { db } = ctx;
  await assertSignInAllowed(db, input.email, input.ip);
  const result = await checkCredentials(db, input.email, input.password);
  if (!result.ok) {
    if (result.reason === 'invalid') {
      await recordFailedSignIn(db, input.email, input.ip);
      await recordAudit(db, ctx.audit, {
        action: 'account.sign_in_failed',
        objectType: 'person',
        objectId: result.personId,
        details: { email: input.email },
      });
      throw new HttpError(
        401,
        'invalid_credentials',
        'That e-mail address and password do not match. Please try again.',
      );
    }
    throw new HttpError(
      403,
      'email_not_verified',
      'Please confirm your e-mail address first: open the link we sent you. We can send it again if you cannot find it.',
    );
  }
  await recordSuccessfulSignIn(db, result.personId, input.email, input.ip);
  const sessionToken = newToken();
  await createSession(db, {
    tokenHash: hashToken(sessionToken),
    personId: result.personId,
    days: ctx.sessionDays,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await recordAudit(
    db,
    { ...ctx.audit, actorId: result.personId },
    { action: 'account.signed_in', objectType: 'person', objectId: result.personId, details: {} },
  );
  return { personId: result.personId, sessionToken };
}

/** Ends the session behind the cookie, if there is one; signing out twice is not an error. */
export async function signOut(
  ctx: { db: Database; audit: AuditContext },
  session: { tokenHash: string; personId: string } | null,
) {
  if (!session) return;
  await deleteSession(ctx.db, session.tokenHash);
  await recordAudit(ctx.db, ctx.audit, {
    action: 'account.signed_out',
    objectType: 'person',
    objectId: session.personId,
    details: {},
  });
}
