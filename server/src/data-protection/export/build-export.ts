// Builds a person's export ZIP (job `privacy.export`): everything the system holds about them,
// projected by blinding/project-personal-export.ts (nothing about anyone else), as JSON files, their
// manuscripts byte for byte and a README in plain words. The ZIP goes under DATA_DIR/exports (never
// a public path), is kept EXPORT_KEEP_DAYS days, and the person is told by e-mail when it is ready.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { recordAudit } from '../../audit/events.ts';
import { projectPersonalExport } from '../../blinding/project-personal-export.ts';
import { queueMessage } from '../../mail-templates/compose.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { findRequest, markDone, markFailed, reportProgress } from '../requests.ts';
import { collectPersonalData } from './collect-personal-data.ts';
import { exportReadyMail } from './export-mail.ts';
import { exportReadme } from './export-readme.ts';
import { ExportZipWriter } from './export-zip.ts';

/** How long a finished export can be downloaded before the sweep deletes it. */
export const EXPORT_KEEP_DAYS = 7;

export const exportsDir = (dataDir: string) => path.join(dataDir, 'exports');
export const exportFilePath = (dataDir: string, requestId: string) =>
  path.join(exportsDir(dataDir), `${requestId}.zip`);

const FAILURE =
  'Something went wrong while we prepared this copy, and nothing was kept. Please ask for a new copy; if it fails again, contact the office.';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function buildExport(deps: DataProtectionDeps, requestId: string): Promise<void> {
  const { db } = deps;
  const request = await findRequest(db, requestId);
  // Already answered (a job delivered twice) or not an export: nothing to do.
  if (request?.kind !== 'export' || !['queued', 'working'].includes(request.status)) return;
  let zip: ExportZipWriter | null = null;
  try {
    await reportProgress(db, requestId, 5, 'Collecting your account, submissions, reviews and e-mails');
    const records = await collectPersonalData(db, request.person_id);
    await reportProgress(db, requestId, 20, 'Leaving out everything about other people');
    const { data, files } = projectPersonalExport(records, deps.clock());
    const present = await Promise.all(files.map((file) => deps.store.exists(file.sha256)));
    const copied = files.filter((_, i) => present[i]);
    const missing = files.filter((_, i) => !present[i]).map((file) => file.path);

    await mkdir(exportsDir(deps.dataDir), { recursive: true, mode: 0o700 });
    zip = new ExportZipWriter(exportFilePath(deps.dataDir, requestId));
    await zip.addText(
      'README.txt',
      exportReadme({ name: records.person.name, at: deps.clock(), keepDays: EXPORT_KEEP_DAYS, missing }),
    );
    await zip.addText('profile.json', json(data.profile));
    await zip.addText('submissions.json', json(data.submissions));
    await zip.addText('reviews-you-wrote.json', json(data.reviewsYouWrote));
    await zip.addText('emails-sent-to-you.json', json(data.emailsSentToYou));
    await zip.addText('activity-log.json', json(data.activity));
    for (const [index, file] of copied.entries()) {
      await reportProgress(
        db,
        requestId,
        25 + (65 * index) / copied.length,
        `Copying your files (${index + 1} of ${copied.length})`,
      );
      await zip.addStream(file.path, deps.store.open(file.sha256));
    }
    await reportProgress(db, requestId, 95, 'Finishing the ZIP file');
    const written = await zip.finish();
    zip = null;

    const now = deps.clock();
    const expiresAt = new Date(now.getTime() + EXPORT_KEEP_DAYS * 86_400_000);
    await db.transaction().execute(async (trx) => {
      await markDone(trx, requestId, now, { bytes: written.bytes, sha256: written.sha256, expiresAt });
      // An export an admin started goes to the admin, who hands it over; the person asked them, not the site.
      if (request.on_request_of === 'self') {
        const person = records.person;
        await queueMessage(
          trx,
          exportReadyMail(
            { email: person.email, name: person.name, personId: person.id, timeZone: person.time_zone },
            `${deps.publicUrl}/account#your-data`,
            expiresAt,
          ),
        );
      }
      await recordAudit(
        trx,
        { actorId: request.requested_by, ip: null, requestId: null },
        {
          action: 'privacy.export_ready',
          objectType: 'person',
          objectId: request.person_id,
          details: { requestId, onRequestOf: request.on_request_of as 'self' | 'admin' },
        },
      );
    });
  } catch (error) {
    await zip?.discard().catch(() => {});
    await markFailed(db, requestId, FAILURE);
    // Marked failed: a retry would find nothing to do, so BullMQ is told not to.
    throw new UnrecoverableError(`export ${requestId} failed: ${(error as Error).message}`);
  }
}
