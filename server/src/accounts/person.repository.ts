import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { linkAuthorshipsOfPerson } from '../submissions/link-authors.ts';
import { hashPassword } from './passwords.ts';

export interface NewPerson {
  email: string;
  name: string;
  password: string;
  verified?: boolean;
  affiliation?: string | null;
  emailDomains?: string[];
}

/** Creates an account directly (demo data, tests); people normally come in through registration. */
export async function insertPerson(db: Database, person: NewPerson): Promise<string> {
  const row = await db
    .insertInto('person')
    .values({
      email: person.email.toLowerCase(),
      name: person.name,
      password_hash: await hashPassword(person.password),
      email_verified_at: person.verified === false ? null : sql<Date>`now()`,
      affiliation: person.affiliation ?? null,
      email_domains: person.emailDomains ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Created verified: it links to the author rows that name its address, as a verification does.
  await linkAuthorshipsOfPerson(db, row.id);
  return row.id;
}

export async function grantRole(
  db: Database,
  personId: string,
  role: 'admin' | 'editor',
  venueId: string | null = null,
) {
  await db
    .insertInto('role_grant')
    .values({ person_id: personId, role, venue_id: venueId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
