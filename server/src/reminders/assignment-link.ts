// A fresh link to an assignment for a reminder. Only token hashes are stored, so the invitation's
// own link cannot be written again; each reminder carries a new one with the same reach (the
// invitation page and that one assignment, nothing else).
import type { DB } from '@gaps/db';
import type { Kysely, Transaction } from 'kysely';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { invitationLink } from '../assignments/invite.ts';

export async function newAssignmentLink(
  db: Kysely<DB> | Transaction<DB>,
  assignmentId: string,
  publicUrl: string,
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('assignment_link')
    .values({ token_hash: hashToken(token), assignment_id: assignmentId })
    .execute();
  return invitationLink(publicUrl, token);
}
