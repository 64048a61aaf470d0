// Runs the data-protection jobs in the API process: a person's export, an erasure, and the
// retention sweep on a schedule (a BullMQ job scheduler: one job per interval across every API
// process). Export and erasure jobs arrive through the outbox like every other job.
//
// Why in the API process and not the workers': an export projects the person's data through the
// blinding module ("Reviewer 1", never a name), an erasure and the sweep follow the submission rules
// and send mail from the venue's catalogue. The worker process loads none of the server's code; see
// reminders/sweep-scheduler.ts for the same choice.
import { payloadSchema } from '@gaps/workers/contracts';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
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
  const connection = new Redis(deps.redisUrl, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    connectionName: 'gaps-api-privacy',
  });
  const queue = new Queue(PRIVACY_QUEUE, { connection, prefix: deps.queuePrefix });
  let lastReported = 0;
  const report = (error: Error) => {
    if (Date.now() - lastReported < 60_000) return;
    lastReported = Date.now();
    deps.log.warn({ err: error.message }, 'data-protection jobs: Redis connection error');
  };
  queue.on('error', report);
  queue
    .upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { every: deps.retentionEveryHours * 3_600_000 },
      { name: 'privacy.retention', data: {}, opts: { removeOnComplete: true, removeOnFail: 50, attempts: 1 } },
    )
    .catch(report);
  const worker = new Worker(PRIVACY_QUEUE, (job) => runPrivacyJob(deps, job.name, job.data), {
    connection,
    prefix: deps.queuePrefix,
    // An export reads every file of the person; one at a time keeps the API responsive.
    concurrency: 1,
    lockDuration: 300_000,
  });
  worker.on('error', report);
  worker.on('failed', (job, error) =>
    deps.log.warn({ job: job?.name, jobId: job?.id, err: error.message }, 'data-protection job failed'),
  );
  return {
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
