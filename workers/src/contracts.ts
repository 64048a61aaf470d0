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
  // A person's data: their export (a ZIP), their erasure, the retention sweep. Run by the API process,
  // not the workers (see `queuesRunByTheApi`).
  privacy: {
    'privacy.export': z.object({ requestId: z.uuid() }),
    'privacy.erase': z.object({ requestId: z.uuid() }),
    'privacy.retention': z.object({}),
  },
} as const;

/**
 * Queues whose jobs need the server's own rules (the blinding module, the mail catalogue, the
 * submission states), so the API process runs them, as it runs the reminder sweep; the workers
 * process starts no Worker for them and needs no handler.
 */
export const queuesRunByTheApi = ['privacy'] as const satisfies readonly (keyof typeof queues)[];

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

/**
 * The states of a review copy, the one list the server and the worker share. The moves between
 * them are in pdf-anonymisation/review-copy-state.ts, the only writer of `review_copy.status`.
 */
export const reviewCopyStates = ['queued', 'processing', 'ready', 'needs_attention', 'failed'] as const;
export type ReviewCopyState = (typeof reviewCopyStates)[number];

export const leakFinding = z.object({
  kind: z.enum(['name', 'email', 'email_domain', 'affiliation', 'orcid', 'self_reference', 'acknowledgement']),
  /** 1-based page number in the original manuscript. */
  page: z.int().positive(),
  /** The text that matched, as printed. */
  text: z.string(),
  /** About 60 characters either side of the match. */
  context: z.string(),
});
export type LeakFinding = z.infer<typeof leakFinding>;

/** The identity check of a finished copy: stored as `review_copy.leak_report`, shown to editors only. */
export const leakReport = z.object({
  findings: z.array(leakFinding),
  overWordLimit: z.boolean(),
  overPageLimit: z.boolean(),
  /** Identity strings found in the review copy's own bytes: such a copy can never be released. */
  leaksInCopy: z.array(z.string()),
});
export type LeakReport = z.infer<typeof leakReport>;

/**
 * What the `pdf.review_copy` job hands back: the copy's facts and its leak report, or the plain
 * words telling the author why the file could not be processed. The worker parses it before
 * writing; the server parses the stored report when it reads it.
 */
export const reviewCopyResult = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('made'),
    outputSha256: z.string().regex(/^[0-9a-f]{64}$/),
    pageCount: z.int().nonnegative(),
    wordCount: z.int().nonnegative(),
    leakReport,
  }),
  z.object({ outcome: z.literal('refused'), failureReason: z.string().min(1) }),
]);
export type ReviewCopyResult = z.infer<typeof reviewCopyResult>;

/** Trims finished jobs so Redis does not grow without end (BullMQ keeps them by default). */
export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
} as const;

/** Every BullMQ key of this system starts with this prefix; tests use their own. */
export const defaultQueuePrefix = 'gaps';

/**
 * Submission states in which nobody is chased any more (a decision, a withdrawal, a revision asked
 * for), each with the words the mail log gives when a reminder was held back for it. The sweep
 * (server/src/reminders/assignment-facts.ts) and delivery (mail/reminder-still-due.ts) both read this.
 */
export const closedSubmissionStates: Readonly<Record<string, string>> = {
  withdrawn: 'the submission was withdrawn',
  decided: 'a decision was made on the submission',
  desk_rejected: 'the submission was declined by the editors',
  revision_requested: 'the editors asked for a revision, so this round of review is over',
};
