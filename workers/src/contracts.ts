// The one declaration of every queue, job name and payload, shared by the server (which writes
// jobs to the outbox) and the workers (which refuse to start if a job lacks a handler).
import { z } from 'zod';

export const queues = {
  mail: {
    'mail.send': z.object({ emailMessageId: z.uuid() }),
  },
  pdf: {
    'pdf.review_copy': z.object({ reviewCopyId: z.uuid() }),
  },
} as const;

/**
 * Bump when the review copy or the leak scan changes: every manuscript version then gets a new
 * review_copy row (the result is keyed by input and pipeline version), old ones stay as they were.
 */
export const REVIEW_COPY_PIPELINE_VERSION = 1;

export const reviewCopyJobId = (manuscriptVersionId: string) =>
  `pdf.review_copy.${manuscriptVersionId}.p${REVIEW_COPY_PIPELINE_VERSION}`;

export type QueueName = keyof typeof queues;
export type JobName = { [Q in QueueName]: keyof (typeof queues)[Q] & string }[QueueName];
type AllJobs = { [Q in QueueName]: (typeof queues)[Q] }[QueueName];
type JobSchemas = { [N in JobName]: AllJobs extends infer J ? (J extends Record<N, infer S> ? S : never) : never };
export type JobPayload<N extends JobName> = z.infer<JobSchemas[N]>;

export function queueOf(job: JobName): QueueName {
  for (const [queue, jobs] of Object.entries(queues)) {
    if (job in jobs) return queue as QueueName;
  }
  throw new Error(`Unknown job ${job}`);
}

export function payloadSchema<N extends JobName>(job: N): z.ZodType<JobPayload<N>> {
  return (queues[queueOf(job)] as Record<string, z.ZodType>)[job] as z.ZodType<JobPayload<N>>;
}

/** Trims finished jobs so Redis does not grow without end (BullMQ keeps them by default). */
export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
} as const;

/** Every BullMQ key of this system starts with this prefix; tests use their own. */
export const defaultQueuePrefix = 'gaps';
