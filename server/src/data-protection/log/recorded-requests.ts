// Requests that reach the charity by letter, phone or e-mail. An admin records one in the log with
// the day it arrived (the month to answer runs from receipt, not from the day it was typed in), and
// later marks it answered outside the system (a copy sent by post) or cancelled. Recording starts no
// job: exports and erasures are started from the person's admin page.
import type { Database } from '@gaps/db';
import { z } from 'zod';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import { closeRecordedRequest, createRequest } from '../requests.ts';
import { findSubjectAccessEntry, type SubjectAccessEntry } from './subject-access-log.ts';

const day = (what: string) =>
  z.iso.date({ error: `Write the date ${what} as year-month-day, for example 2026-11-03.` });
const note = (what: string) =>
  z
    .string({ error: `Write ${what}.` })
    .trim()
    .min(1, { error: `Write ${what}.` })
    .max(500, { error: 'Keep the note under 500 characters.' });

export const recordRequestInput = z.object({
  personId: z.uuid({ error: 'Choose the person the request is about from the search results.' }),
  kind: z.enum(['export', 'erasure'], {
    error: 'Say whether they asked for a copy of their data or for their account to be erased.',
  }),
  receivedOn: day('the request arrived'),
  note: z
    .string()
    .trim()
    .max(500, { error: 'Keep the note under 500 characters.' })
    .optional()
    .transform((text) => text || null),
});

export const answerRequestInput = z.object({
  answeredOn: day('it was answered'),
  note: note('how it was answered, for example “Copy sent by post”'),
});

export const cancelRequestInput = z.object({
  note: note('why the request was cancelled, for example “Withdrawn by phone on 5 Nov”'),
});

/**
 * A calendar day as a moment: noon UTC, so the same day in every time zone from London to Sydney,
 * and a request received on 3 Nov and answered on 3 Dec compares as answered on its due date.
 */
const noonOf = (date: string) => new Date(`${date}T12:00:00.000Z`);

/** Today's date where the admin is, as year-month-day. */
async function todayFor(db: Database, adminId: string, now: Date): Promise<string> {
  const admin = await db.selectFrom('person').select('time_zone').where('id', '=', adminId).executeTakeFirst();
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: admin?.time_zone ?? 'Europe/London' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  }
}

const bad = (code: string, message: string) => new HttpError(400, code, message);

export async function recordRequest(
  db: Database,
  audit: AuditContext & { actorId: string },
  input: z.infer<typeof recordRequestInput>,
  now: Date,
): Promise<SubjectAccessEntry> {
  const today = await todayFor(db, audit.actorId, now);
  if (input.receivedOn > today) {
    throw bad(
      'received_in_future',
      `The date received (${input.receivedOn}) is after today. Write the day the letter, call or e-mail arrived: the month to answer runs from then.`,
    );
  }
  const requestId = await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select(['id', 'erased_at'])
      .where('id', '=', input.personId)
      .executeTakeFirst();
    if (!person) {
      throw bad(
        'unknown_person',
        'We found no account for that person. Search for them again and choose them from the list.',
      );
    }
    if (person.erased_at) {
      throw bad('person_erased', 'That account has already been erased, so there is nothing left to send or erase.');
    }
    const id = await createRequest(trx, {
      personId: person.id,
      kind: input.kind,
      requestedBy: audit.actorId,
      onRequestOf: 'admin',
      now: noonOf(input.receivedOn),
      status: 'received',
      adminNote: input.note,
    });
    await recordAudit(trx, audit, {
      action: 'privacy.request_recorded',
      objectType: 'person',
      objectId: person.id,
      details: { requestId: id, kind: input.kind, receivedOn: input.receivedOn },
    });
    return id;
  });
  return (await findSubjectAccessEntry(db, requestId, now))!;
}

export async function closeRequest(
  db: Database,
  audit: AuditContext & { actorId: string },
  requestId: string,
  close: { answeredOn: string; note: string } | { cancelled: true; note: string },
  now: Date,
): Promise<SubjectAccessEntry> {
  const answered = 'answeredOn' in close;
  const today = answered ? await todayFor(db, audit.actorId, now) : '';
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('subject_access_request')
      .select(['id', 'person_id', 'status', 'requested_at'])
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('request');
    if (request.status !== 'received') {
      throw new HttpError(
        409,
        'not_recorded_open',
        request.status === 'done' || request.status === 'cancelled'
          ? 'This request is already closed. Reload the page to see how.'
          : 'This request is handled by the system (it was made on the site or its job has started), so it closes by itself when the job is done.',
      );
    }
    if (answered) {
      const receivedOn = request.requested_at.toISOString().slice(0, 10);
      if (close.answeredOn > today) {
        throw bad(
          'answered_in_future',
          `The date answered (${close.answeredOn}) is after today. Write the day the answer was sent.`,
        );
      }
      if (close.answeredOn < receivedOn) {
        throw bad(
          'answered_before_received',
          `The date answered (${close.answeredOn}) is before the request arrived (${receivedOn}). Check both dates.`,
        );
      }
    }
    await closeRecordedRequest(trx, requestId, {
      status: answered ? 'done' : 'cancelled',
      at: answered ? noonOf(close.answeredOn) : now,
      note: close.note,
    });
    await recordAudit(
      trx,
      audit,
      answered
        ? {
            action: 'privacy.request_answered',
            objectType: 'person',
            objectId: request.person_id,
            details: { requestId, answeredOn: close.answeredOn },
          }
        : {
            action: 'privacy.request_cancelled',
            objectType: 'person',
            objectId: request.person_id,
            details: { requestId },
          },
    );
  });
  return (await findSubjectAccessEntry(db, requestId, now))!;
}
