// Deletes export ZIPs whose time is up (the retention sweep calls this): the file goes, the
// request stays in the subject-access log as 'expired' with the moment its file was deleted.
import { rm } from 'node:fs/promises';
import type { DataProtectionDeps } from '../deps.ts';
import { exportFilePath } from './build-export.ts';

/** Returns how many exports were deleted. */
export async function deleteExpiredExports(deps: DataProtectionDeps, asOf: Date = deps.clock()): Promise<number> {
  const due = await deps.db
    .selectFrom('subject_access_request')
    .select('id')
    .where('kind', '=', 'export')
    .where('status', '=', 'done')
    .where('expires_at', '<=', asOf)
    .where('file_deleted_at', 'is', null)
    .execute();
  for (const { id } of due) {
    // The file first: a row marked deleted whose file stayed would be a copy nobody knows of.
    await rm(exportFilePath(deps.dataDir, id), { force: true });
    await deps.db
      .updateTable('subject_access_request')
      .set({ status: 'expired', file_deleted_at: asOf })
      .where('id', '=', id)
      .where('file_deleted_at', 'is', null)
      .execute();
  }
  return due.length;
}
