// Writing a job or an e-mail means writing rows in the caller's transaction; the relay moves jobs
// to Redis afterwards. So a change and the work it causes commit or roll back together, and a
// request never waits on (or fails because of) Redis.
import type { Database, DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { type JobName, type JobPayload, payloadSchema, queueOf } from '../contracts.ts';

type Executor = Database | Transaction<DB>;

export async function enqueueJob<N extends JobName>(
  db: Executor,
  job: N,
  payload: JobPayload<N>,
  jobId: string,
  /** Not before this time: the relay hands BullMQ the delay (a held decision letter). */
  runAt?: Date | null,
): Promise<void> {
  // BullMQ rejects ids containing its key separator ":" and ids that read as integers; refusing
  // them here fails the caller's transaction instead of leaving a row the relay can never send.
  if (jobId.includes(':') || `${Number.parseInt(jobId, 10)}` === jobId) {
    throw new Error(`Job id "${jobId}" cannot be used by BullMQ (no ":" and not an integer)`);
  }
  const parsed = payloadSchema(job).parse(payload);
  await db
    .insertInto('job_outbox')
    .values({
      queue: queueOf(job),
      job_name: job,
      job_id: jobId,
      payload: JSON.stringify(parsed),
      run_at: runAt ?? null,
    })
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
}

export interface OutgoingMail {
  to: string;
  personId?: string | null;
  template: string;
  subject: string;
  text: string;
  /** The HTML part; the plain text is always sent too. */
  html?: string;
  /** The assignment the message is about: delivery checks it is still open, a bounce flags it. */
  assignmentId?: string;
  /**
   * Held until then (a decision letter the editor may still rescind): the job waits in BullMQ and
   * delivery refuses to send it any earlier.
   */
  sendAfter?: Date | null;
  /** The decision this message tells of: a rescinded decision's messages are never sent. */
  decisionId?: string;
}

/** Records a message in the outbox (and so in the mail log) and schedules its delivery. */
export async function queueMail(db: Executor, mail: OutgoingMail): Promise<string> {
  const { id } = await db
    .insertInto('email_message')
    .values({
      to_address: mail.to,
      person_id: mail.personId ?? null,
      template: mail.template,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      assignment_id: mail.assignmentId ?? null,
      send_after: mail.sendAfter ?? null,
      decision_id: mail.decisionId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(db, 'mail.send', { emailMessageId: id }, `mail.send.${id}`, mail.sendAfter);
  return id;
}
