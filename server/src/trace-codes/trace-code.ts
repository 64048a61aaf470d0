// The short code printed in the footer of each reviewer's download ("Review copy · trace
// ABCD2345"), one per assignment, made on its first download. Eight characters from an alphabet
// without 0/O and 1/I, so someone reading it off a printout cannot confuse them (32^8 ≈ 10^12:
// never guessed, and unique by the column's constraint).
import { randomInt } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { AuditContext } from '../audit/events.ts';
import { recordAudit } from '../audit/events.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

export function newTraceCode(): string {
  let code = '';
  for (let index = 0; index < LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What an editor types, cleaned: "abcd-2345 " → "ABCD2345"; null when it cannot be a trace code. */
export function normaliseTraceCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^[A-Z0-9]{8}$/.test(code) ? code : null;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/**
 * The assignment's trace code, made (and audited) the first time it is needed. Two first
 * downloads at once agree on one code: the update only fills an empty column, and the loser reads
 * the winner's.
 */
export async function traceCodeFor(
  db: Database,
  audit: AuditContext,
  assignment: { id: string; submissionId: string; round: number; reviewerNumber: number },
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await db
      .selectFrom('assignment')
      .select('trace_code')
      .where('id', '=', assignment.id)
      .executeTakeFirstOrThrow();
    if (existing.trace_code) return existing.trace_code;
    const code = newTraceCode();
    try {
      const issued = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('assignment')
          .set({ trace_code: code })
          .where('id', '=', assignment.id)
          .where('trace_code', 'is', null)
          .returning('trace_code')
          .executeTakeFirst();
        if (!row) return null;
        await recordAudit(trx, audit, {
          action: 'assignment.trace_code_issued',
          objectType: 'assignment',
          objectId: assignment.id,
          details: {
            submissionId: assignment.submissionId,
            round: assignment.round,
            reviewerNumber: assignment.reviewerNumber,
            traceCode: code,
          },
        });
        return code;
      });
      if (issued) return issued;
    } catch (error) {
      // Another assignment holds this code already (one chance in 10^12 per code issued): draw again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error('could not issue a trace code');
}
