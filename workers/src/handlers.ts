// The handler map: one function per job declared in contracts.ts. The workers refuse to start
// when the map and the contracts disagree, so a job the server can enqueue never waits forever
// for a handler that does not exist.
import { type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { type JobName, type JobPayload, type QueueName, queues, queuesRunByTheApi } from './contracts.ts';

type ApiQueue = (typeof queuesRunByTheApi)[number];
/** The queues this process runs: every declared one but those the API runs. */
export type WorkerQueueName = Exclude<QueueName, ApiQueue>;
type WorkerJobName = { [Q in WorkerQueueName]: keyof (typeof queues)[Q] & string }[WorkerQueueName];

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;
export type JobHandlers = { [N in WorkerJobName]: JobHandler<N> };

export const workerQueues = (Object.keys(queues) as QueueName[]).filter(
  (queue): queue is WorkerQueueName => !(queuesRunByTheApi as readonly string[]).includes(queue),
);

export class HandlerRegistryError extends Error {}

/** The jobs this process must have a handler for. */
export function declaredJobs(): string[] {
  return workerQueues.flatMap((queue) => Object.keys(queues[queue]));
}

/** Throws, naming every job without a handler and every handler without a job. */
export function checkHandlers(handlers: Record<string, unknown>): void {
  const declared = new Set(declaredJobs());
  const missing = [...declared].filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !declared.has(name));
  const problems = [
    ...(missing.length ? [`no handler for ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`handlers for jobs not declared in contracts.ts: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length) throw new HandlerRegistryError(`Workers refuse to start: ${problems.join('; ')}`);
}

/** The BullMQ processor for one queue: checks the job name, parses the payload, dispatches. */
export function createProcessor(queue: QueueName, handlers: JobHandlers): (job: Job) => Promise<unknown> {
  const schemas = queues[queue] as Record<string, z.ZodType>;
  return async (job) => {
    const schema = Object.hasOwn(schemas, job.name) ? schemas[job.name] : undefined;
    const handler = (handlers as Record<string, JobHandler<JobName> | undefined>)[job.name];
    // Neither will get better on a retry.
    if (!schema || !handler) throw new UnrecoverableError(`Job ${job.name} is not declared for queue ${queue}`);
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`Invalid payload for ${job.name}: ${z.prettifyError(parsed.error)}`);
    }
    return handler(parsed.data as JobPayload<JobName>, job);
  };
}
