// Runs the reminder sweep every REMINDER_SWEEP_MINUTES: a BullMQ job scheduler on the 'reminders'
// queue makes one job per interval (one across every API process: Redis holds the schedule), and a
// Worker in this API process runs it.
//
// Why in the API process and not the workers': the sweep expires invitations and invites the next
// alternate, which takes the server's assignment rules (the state machine, alternates, conflicts,
// the editors who may hear of a submission). The worker process loads none of the server's code,
// and should not (it would need the server's whole dependency tree); the API has it all loaded.
// Several API processes are fine: each job runs once, and a sweep is safe alongside another.
import type { Database } from '@gaps/db';
import type { FastifyBaseLogger } from 'fastify';
import { startApiQueue } from '../scheduled/api-queue.ts';
import { runSweep, sentSomething } from './sweep.ts';

export const REMINDERS_QUEUE = 'reminders';
const SCHEDULER_ID = 'reminder-sweep';

export interface ReminderSweeps {
  close(): Promise<void>;
}

export function startReminderSweeps(deps: {
  db: Database;
  /** The same Redis the API's health check and rate limits reach (REDIS_URL), under QUEUE_PREFIX. */
  redisUrl: string;
  queuePrefix: string;
  everyMinutes: number;
  publicUrl: string;
  clock: () => Date;
  log: FastifyBaseLogger;
}): ReminderSweeps {
  return startApiQueue({
    redisUrl: deps.redisUrl,
    queuePrefix: deps.queuePrefix,
    queue: REMINDERS_QUEUE,
    label: 'reminder sweeps',
    log: deps.log,
    schedule: { id: SCHEDULER_ID, everyMs: deps.everyMinutes * 60_000, job: 'reminders.sweep' },
    process: async () => {
      const started = Date.now();
      const summary = await runSweep(deps.db, { now: deps.clock(), publicUrl: deps.publicUrl });
      // Quiet when nothing was due: one line per sweep that sent something.
      const { failed, ...counts } = summary;
      if (sentSomething(summary)) {
        deps.log.info({ ...counts, ms: Date.now() - started }, 'reminder sweep sent reminders');
      }
      if (failed.length) {
        deps.log.warn({ failed: failed.slice(0, 10), count: failed.length }, 'reminder sweep could not write some');
      }
      return summary;
    },
    // A sweep over 100,000 assignments takes about a second.
    lockDuration: 120_000,
    onFailed: (_job, error) => deps.log.warn({ err: error.message }, 'reminder sweep failed'),
  });
}
