import type { DB } from '@gaps/db';
import { sql, type Transaction } from 'kysely';

/**
 * Serialises recording a file's bytes (an upload) with removing them (a deleted draft), for one
 * content hash, until the transaction ends.
 */
export async function lockStoredFile(trx: Transaction<DB>, sha256: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stored-file:${sha256}`}, 0))`.execute(trx);
}
