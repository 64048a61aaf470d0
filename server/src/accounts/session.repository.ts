import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import type { Viewer } from '../policy/permissions.ts';

export async function createSession(
  db: Database,
  values: {
    tokenHash: string;
    personId: string;
    days: number;
    ip: string | null;
    userAgent: string | null;
    /** Made from an invitation link: the session reaches this assignment only. */
    assignmentId?: string;
  },
) {
  await db
    .insertInto('session')
    .values({
      token_hash: values.tokenHash,
      person_id: values.personId,
      expires_at: sql`now() + make_interval(days => ${values.days})`,
      ip: values.ip,
      user_agent: values.userAgent?.slice(0, 300) ?? null,
      assignment_id: values.assignmentId ?? null,
    })
    .execute();
}

export async function findViewerBySession(db: Database, tokenHash: string): Promise<Viewer | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('person', 'person.id', 'session.person_id')
    .select(['person.id', 'person.email', 'person.name', 'session.assignment_id'])
    .select((eb) => [
      eb
        .exists(
          eb.selectFrom('role_grant').whereRef('role_grant.person_id', '=', 'person.id').where('role', '=', 'admin'),
        )
        .as('is_admin'),
      eb.fn
        .coalesce(
          eb
            .selectFrom('role_grant')
            .whereRef('role_grant.person_id', '=', 'person.id')
            .where('role', '=', 'editor')
            .select(sql<string[]>`array_agg(venue_id)`.as('venues')),
          sql<string[]>`'{}'::uuid[]`,
        )
        .as('editor_of'),
    ])
    .where('session.token_hash', '=', tokenHash)
    .where('session.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  return {
    personId: row.id,
    email: row.email,
    name: row.name,
    isAdmin: Boolean(row.is_admin),
    editorOfVenueIds: row.editor_of ?? [],
    assignmentScope: row.assignment_id,
  };
}

export async function deleteSession(db: Database, tokenHash: string) {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Database, personId: string, exceptTokenHash?: string) {
  let query = db.deleteFrom('session').where('person_id', '=', personId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}
