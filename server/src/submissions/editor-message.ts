// What an editor wrote to the author when returning the submission for changes or rejecting it,
// kept so the author's page can show it (the e-mail says the same). Findings are stored as they
// were sent: a later upload makes a new copy and report, but the author acts on this list.
import type { Database } from '@gaps/db';
import { type LeakFinding, leakFinding } from '@gaps/workers/contracts';
import { z } from 'zod';

export type EditorMessageKind = 'returned' | 'desk_rejected';

export async function recordEditorMessage(
  db: Database,
  m: {
    submissionId: string;
    kind: EditorMessageKind;
    message: string;
    findings?: LeakFinding[];
    sentBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('editor_message')
    .values({
      submission_id: m.submissionId,
      kind: m.kind,
      message: m.message,
      findings: JSON.stringify(m.findings ?? []),
      sent_by: m.sentBy,
    })
    .execute();
}

/** The newest message of the kind that explains the submission's current state, if any. */
export async function loadCurrentEditorMessage(db: Database, submissionId: string, status: string) {
  const kind: EditorMessageKind | null =
    status === 'revision_requested' ? 'returned' : status === 'desk_rejected' ? 'desk_rejected' : null;
  if (!kind) return null;
  const row = await db
    .selectFrom('editor_message')
    .select(['kind', 'message', 'findings', 'sent_at'])
    .where('submission_id', '=', submissionId)
    .where('kind', '=', kind)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, kind, findings: z.array(leakFinding).parse(row.findings) };
}
export type EditorMessageRow = NonNullable<Awaited<ReturnType<typeof loadCurrentEditorMessage>>>;
