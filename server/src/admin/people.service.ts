import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import type { AuditContext } from '../audit/events.ts';
import { recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import type { ListedPerson } from './admin.schemas.ts';

const PAGE = 50;

function peopleQuery(db: Database) {
  return db
    .selectFrom('person')
    .select([
      'person.id',
      'person.email',
      'person.name',
      'person.affiliation',
      'person.email_verified_at',
      'person.created_at',
    ])
    .select((eb) => [
      eb
        .exists(
          eb.selectFrom('role_grant').whereRef('role_grant.person_id', '=', 'person.id').where('role', '=', 'admin'),
        )
        .as('is_admin'),
      eb
        .selectFrom('role_grant')
        .whereRef('role_grant.person_id', '=', 'person.id')
        .where('role', '=', 'editor')
        .select(sql<string[] | null>`array_agg(venue_id ORDER BY venue_id)`.as('v'))
        .as('editor_of'),
    ]);
}

type PeopleRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

function toListed(row: PeopleRow): ListedPerson {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    affiliation: row.affiliation,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at.toISOString(),
    isAdmin: Boolean(row.is_admin),
    editorOf: row.editor_of ?? [],
  };
}

/** People in e-mail order, searchable by name or e-mail; keyset pagination on the e-mail. */
export async function listPeople(db: Database, query: { q?: string; after?: string }) {
  let select = peopleQuery(db)
    .orderBy('person.email')
    .limit(PAGE + 1);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('person.email', 'ilike', pattern), eb('person.name', 'ilike', pattern)]));
  }
  if (query.after) select = select.where('person.email', '>', query.after);
  const rows = await select.execute();
  const page = rows.slice(0, PAGE).map(toListed);
  return { people: page, nextCursor: rows.length > PAGE ? page.at(-1)!.email : null };
}

export async function setRoles(
  db: Database,
  audit: AuditContext,
  personId: string,
  wanted: { isAdmin: boolean; editorOf: string[] },
): Promise<ListedPerson> {
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select('id')
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw notFound('person');
    // A safety invariant, not a permission, so it stays here rather than in policy/permissions.ts:
    // the admin may manage this person (the policy said so); what is refused is one change, the
    // one that could leave the site with no admin to undo it. The policy answers 404 to hide what
    // the viewer may not reach; this needs a 409 that says why and whom to ask.
    if (!wanted.isAdmin && personId === audit.actorId) {
      throw new HttpError(409, 'own_admin_role', 'You cannot remove your own admin role. Ask another admin to do it.');
    }
    const venues = await trx
      .selectFrom('venue')
      .select('id')
      .where('id', 'in', wanted.editorOf.length ? wanted.editorOf : ['00000000-0000-0000-0000-000000000000'])
      .execute();
    if (venues.length !== new Set(wanted.editorOf).size)
      throw new HttpError(
        400,
        'unknown_venue',
        'One of the chosen venues does not exist. Reload the page and try again.',
      );

    const current = await trx
      .selectFrom('role_grant')
      .select(['id', 'role', 'venue_id'])
      .where('person_id', '=', personId)
      .execute();
    const want = new Set([...(wanted.isAdmin ? ['admin:'] : []), ...wanted.editorOf.map((v) => `editor:${v}`)]);
    const have = new Set(current.map((g) => `${g.role}:${g.venue_id ?? ''}`));
    for (const grant of current) {
      const key = `${grant.role}:${grant.venue_id ?? ''}`;
      if (want.has(key)) continue;
      await trx.deleteFrom('role_grant').where('id', '=', grant.id).execute();
      await recordAudit(trx, audit, {
        action: 'role.revoked',
        objectType: 'person',
        objectId: personId,
        details: { role: grant.role as 'admin' | 'editor', venueId: grant.venue_id },
      });
    }
    for (const key of want) {
      if (have.has(key)) continue;
      const [role, venueId] = key.split(':') as ['admin' | 'editor', string];
      await trx
        .insertInto('role_grant')
        .values({ person_id: personId, role, venue_id: venueId || null, granted_by: audit.actorId })
        .execute();
      await recordAudit(trx, audit, {
        action: 'role.granted',
        objectType: 'person',
        objectId: personId,
        details: { role, venueId: venueId || null },
      });
    }
    const row = await peopleQuery(trx as unknown as Database)
      .where('person.id', '=', personId)
      .executeTakeFirstOrThrow();
    return toListed(row);
  });
}
