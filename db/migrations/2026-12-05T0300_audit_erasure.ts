import { type Kysely, sql } from 'kysely';

// Frozen in time: a merged migration is never edited; change the schema with a new one.
// The audit log stays append-only, with one exception the law requires: an erasure (UK GDPR
// art. 17) removes the erased person's network address and identity from the entries about them.
// Only a transaction that declared itself an erasure (SET LOCAL gaps.erasure = 'on', which only
// server/src/data-protection/erasure/erase-person.ts does) may, and only `ip` and `details` may
// change; no entry is ever deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND coalesce(current_setting('gaps.erasure', true), '') = 'on'
        AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
        AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action
        AND NEW.object_type = OLD.object_type AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id
        AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
        AND NEW.system_actor IS NOT DISTINCT FROM OLD.system_actor THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_event is append-only';
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only';
    END $$;
  `.execute(db);
}
