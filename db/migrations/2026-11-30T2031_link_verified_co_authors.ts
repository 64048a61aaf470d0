import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// Co-authors are people: until now only the submitter's author row was linked to an account, so
// every rule asking "is this person an author?" missed co-authors. From now on the server links a
// row when its address belongs to a verified account (server/src/submissions/link-authors.ts);
// this links the rows written before, under the same rule (verified addresses only).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Finds the rows waiting for an account when someone proves an address.
    CREATE INDEX submission_author_unlinked_email_idx ON submission_author (email) WHERE person_id IS NULL;

    UPDATE submission_author
    SET person_id = person.id
    FROM person
    WHERE person.email = submission_author.email
      AND person.email_verified_at IS NOT NULL
      AND submission_author.person_id IS NULL;
  `.execute(db);
}

// The links stay: they were true before this migration too, only unrecorded, and removing them
// would hand editors back their editor view of submissions they wrote.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS submission_author_unlinked_email_idx`.execute(db);
}
