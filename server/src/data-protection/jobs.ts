// Runs the data-protection jobs in the API process: a person's export, an erasure, and the
// retention sweep on a schedule (a BullMQ job scheduler: one job per interval across every API
// process). Export and erasure jobs arrive through the outbox like every other job.
//
// Why in the API process and not the workers': an export projects the person's data through the
// blinding module ("Reviewer 1", never a name), an erasure and the sweep follow the submission rules
// and send mail from the venue's catalogue. The worker process loads none of the server's code; see
// scheduled/api-queue.ts for the same choice.
import { payloadSchema } from '@gaps/workers/contracts';
import { UnrecoverableError } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { startApiQueue } from '../scheduled/api-queue.ts';
import type { DataProtectionDeps } from './deps.ts';
import { erasePerson } from './erasure/erase-person.ts';
import { buildExport } from './export/build-export.ts';
import { runRetention } from './retention/sweep.ts';

export const PRIVACY_QUEUE = 'privacy';
const RETENTION_SCHEDULER_ID = 'retention-sweep';

export interface DataProtectionJobs {
  close(): Promise<void>;
}

/** One job: the same function tests call. */
export async function runPrivacyJob(deps: DataProtectionDeps, name: string, data: unknown): Promise<unknown> {
  switch (name) {
    case 'privacy.export':
      return buildExport(deps, payloadSchema('privacy.export').parse(data).requestId);
    case 'privacy.erase':
      return erasePerson(deps, payloadSchema('privacy.erase').parse(data).requestId);
    case 'privacy.retention':
      return runRetention(deps, { dryRun: false, asOf: deps.clock(), runBy: null });
    default:
      throw new UnrecoverableError(`Job ${name} is not declared for queue ${PRIVACY_QUEUE}`);
  }
}

export function startDataProtectionJobs(
  deps: DataProtectionDeps & {
    redisUrl: string;
    queuePrefix: string;
    retentionEveryHours: number;
    log: FastifyBaseLogger;
  },
): DataProtectionJobs {
  return startApiQueue({
    redisUrl: deps.redisUrl,
    queuePrefix: deps.queuePrefix,
    queue: PRIVACY_QUEUE,
    label: 'data-protection jobs',
    log: deps.log,
    schedule: { id: RETENTION_SCHEDULER_ID, everyMs: deps.retentionEveryHours * 3_600_000, job: 'privacy.retention' },
    process: (job) => runPrivacyJob(deps, job.name, job.data),
    // An export reads every file of the person.
    lockDuration: 300_000,
    onFailed: (job, error) =>
      deps.log.warn({ job: job?.name, jobId: job?.id, err: error.message }, 'data-protection job failed'),
  });
}
