import type { Database } from '@gaps/db';
import { type Job, UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../test/helpers.ts';
import { checkHandlers, createProcessor, declaredJobs, HandlerRegistryError, type JobHandlers } from './handlers.ts';
import { createJobHandlers } from './start-workers.ts';

const noop = async () => undefined;
const realHandlers = () =>
  createJobHandlers({
    mail: {
      db: {} as Database,
      transport: null,
      from: 'x@example.org',
      messageIdDomain: 'example.org',
      logger: memoryLogger().logger,
    },
    reviewCopy: { db: {} as Database, dataDir: '.data', logger: memoryLogger().logger },
  });

describe('handler registry', () => {
  it('accepts the handlers the workers start with: one for every job in contracts.ts', () => {
    const handlers = realHandlers();
    expect(() => checkHandlers(handlers)).not.toThrow();
    expect(Object.keys(handlers).sort()).toEqual(declaredJobs().sort());
  });

  it('refuses to start when a declared job has no handler, naming it', () => {
    const { 'mail.send': _dropped, ...missing } = realHandlers();
    expect(() => checkHandlers(missing)).toThrow(HandlerRegistryError);
    expect(() => checkHandlers(missing)).toThrow('no handler for mail.send');
  });

  it('refuses a handler for a job that contracts.ts does not declare', () => {
    expect(() => checkHandlers({ ...realHandlers(), 'mail.sned': noop })).toThrow(
      'handlers for jobs not declared in contracts.ts: mail.sned',
    );
  });

  it('refuses an entry that is not a function', () => {
    expect(() => checkHandlers({ 'mail.send': 'deliverMail' })).toThrow('no handler for mail.send');
  });
});

describe('queue processor', () => {
  const received: unknown[] = [];
  const handlers = {
    'mail.send': async (payload) => received.push(payload),
    'pdf.review_copy': noop,
  } satisfies JobHandlers;
  const process = createProcessor('mail', handlers);
  const job = (name: string, data: unknown) => ({ name, data }) as Job;

  it('passes the parsed payload to the handler named by the job', async () => {
    const emailMessageId = crypto.randomUUID();
    await process(job('mail.send', { emailMessageId, extra: 'dropped by the schema' }));
    expect(received).toEqual([{ emailMessageId }]);
  });

  it('fails without retries on a payload the contract rejects, or a job it does not know', async () => {
    await expect(process(job('mail.send', { emailMessageId: 'not-a-uuid' }))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    await expect(process(job('mail.unknown', {}))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(process(job('toString', {}))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
