// The person as the pages show them (session, profile) and profile edits.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { recordAudit } from '../audit/events.ts';
import { assignmentsSummary } from '../reviewer-home/reviewer-home.repository.ts';
import type { PersonDto, ProfileDto } from './account.schemas.ts';
import type { AccountContext } from './account.service.ts';

/** `scoped`: the session came from an invitation link and reaches one assignment, not the reviews home. */
export async function getPerson(db: Database, personId: string, scoped = false): Promise<PersonDto> {
  const summary = scoped ? Promise.resolve({ any: false, onlyAwards: false }) : assignmentsSummary(db, personId);
  const person = await db
    .selectFrom('person')
    .select(['id', 'email', 'name', 'email_verified_at', 'time_zone'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_grant')
    .leftJoin('venue', 'venue.id', 'role_grant.venue_id')
    .select(['role_grant.role', 'venue.id as venue_id', 'venue.slug', 'venue.name', 'venue.kind'])
    .where('role_grant.person_id', '=', personId)
    .orderBy('venue.name')
    .execute();
  const assignments = await summary;
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    emailVerified: person.email_verified_at !== null,
    isAdmin: grants.some((g) => g.role === 'admin'),
    editorOf: grants
      .filter((g) => g.role === 'editor' && g.venue_id)
      .map((g) => ({
        id: g.venue_id!,
        slug: g.slug!,
        name: g.name!,
        kind: g.kind as PersonDto['editorOf'][number]['kind'],
      })),
    timeZone: person.time_zone,
    hasAssignments: assignments.any,
    judgesOnly: assignments.onlyAwards,
  };
}

const profileColumns = [
  'id',
  'email',
  'name',
  'affiliation',
  'orcid',
  'time_zone',
  'email_domains',
  'email_verified_at',
  'created_at',
] as const;

export async function getProfile(db: Database, personId: string): Promise<ProfileDto> {
  const row = await db.selectFrom('person').select(profileColumns).where('id', '=', personId).executeTakeFirstOrThrow();
  return toProfile(row);
}

export async function updateProfile(
  ctx: AccountContext,
  personId: string,
  input: {
    name?: string;
    affiliation?: string | null;
    orcid?: string | null;
    timeZone?: string;
    emailDomains?: string[];
  },
): Promise<ProfileDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('person')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.affiliation !== undefined && { affiliation: input.affiliation || null }),
        ...(input.orcid !== undefined && { orcid: input.orcid }),
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.emailDomains !== undefined && { email_domains: [...new Set(input.emailDomains)] }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', personId)
      .returning(profileColumns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.audit, {
      action: 'account.profile_updated',
      objectType: 'person',
      objectId: personId,
      details: { fields: Object.keys(input) },
    });
    return toProfile(row);
  });
}

function toProfile(row: {
  id: string;
  email: string;
  name: string;
  affiliation: string | null;
  orcid: string | null;
  time_zone: string;
  email_domains: string[];
  email_verified_at: Date | null;
  created_at: Date;
}): ProfileDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    affiliation: row.affiliation,
    orcid: row.orcid,
    timeZone: row.time_zone,
    emailDomains: row.email_domains,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}
