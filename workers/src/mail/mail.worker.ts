// Handlers of the `mail` queue.
import { DelayedError, type Job } from 'bullmq';
import type { JobHandlers } from '../handlers.ts';
import { deliverMail, type MailDelivery } from './deliver.ts';

/** True when BullMQ will not retry this job if the current attempt fails. */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  // attemptsMade counts the attempts that have already failed, not the running one.
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

export function createMailHandlers(delivery: MailDelivery): Pick<JobHandlers, 'mail.send'> {
  return {
    'mail.send': async (payload, job) => {
      const outcome = await deliverMail(delivery, payload.emailMessageId, { finalAttempt: isFinalAttempt(job) });
      if (outcome === 'held' && job.token) {
        // Run too early (a job added by hand, or a clock running ahead): back to the delayed set
        // until the message's send time, without using up an attempt.
        const row = await delivery.db
          .selectFrom('email_message')
          .select('send_after')
          .where('id', '=', payload.emailMessageId)
          .executeTakeFirst();
        await job.moveToDelayed(row?.send_after?.getTime() ?? Date.now() + 60_000, job.token);
        throw new DelayedError();
      }
      return { outcome };
    },
  };
}
