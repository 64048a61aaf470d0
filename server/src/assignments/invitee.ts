// A person invited by e-mail address who has no account yet: a person row with no password and an
// unconfirmed address, so nobody can sign in as them. Accepting the invitation confirms the address
// (invitation.service.ts); they may then set a password through "Forgot password".
import type { Database } from '@gaps/db';

export async function findOrCreateInvitee(db: Database, email: string, name: string): Promise<string> {
  await db
    .insertInto('person')
    .values({ email, name, password_hash: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const { id } = await db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return id;
}
