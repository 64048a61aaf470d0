// A person invited by e-mail address who has no account yet: a person row with no password and an
// unconfirmed address, so nobody can sign in as them. Accepting the invitation confirms the address
// (invitation.service.ts); they may then set a password through "Forgot password".
import type { Database } from '@gaps/db';
import { type AuditContext, recordAudit } from '../audit/events.ts';

export async function findOrCreateInvitee(
  db: Database,
  audit: AuditContext,
  email: string,
  name: string,
): Promise<string> {
  const made = await db
    .insertInto('person')
    .values({ email, name, password_hash: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (made) {
    // The trail says who made the account, since its owner did not.
    await recordAudit(db, audit, {
      action: 'account.created_for_invitation',
      objectType: 'person',
      objectId: made.id,
      details: { email },
    });
    return made.id;
  }
  const { id } = await db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return id;
}
