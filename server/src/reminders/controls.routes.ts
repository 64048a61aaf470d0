// The editor's reminder controls on a submission's review panel, and the call's "reminders
// scheduled in the next 14 days". Each starts with the editor check on the submission (404 for
// anyone else, and for an editor who is an author of it), as assignment.routes.ts does.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAssignmentFacts } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { okSchema } from '../plugins/response-schemas.ts';
import { notAuthoredBy } from '../policy/own-submissions.ts';
import { authorize, can } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import {
  dismissAttention,
  markUnresponsive,
  pauseReminders,
  resumeReminders,
  sendReminderNow,
} from './assignment-controls.ts';
import {
  assignmentRemindersSchema,
  pauseBody,
  scheduledRemindersSchema,
  type sentKindSchema,
  sentNowSchema,
  unresponsiveSchema,
} from './controls.schemas.ts';
import { isPaused } from './schedule.ts';
import { callScheduledReminders, nextReminders } from './upcoming.ts';

const tags = ['reminders'];
const assignmentParams = z.object({ assignmentId: z.uuid() });
const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function reminderControlRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const controlCtx = (request: FastifyRequest) => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
    editorId: request.viewer!.personId,
  });
  // Through the submission's editor check; an unknown assignment answers exactly as a foreign one.
  const editorOfAssignment = async (request: FastifyRequest, assignmentId: string) => {
    const submissionId = (await loadAssignmentFacts(app.db, assignmentId))?.submissionId ?? null;
    if (submissionId) return requireRelation(app.db, request.viewer, submissionId, ['editor']);
    authorize(request.viewer, { kind: 'account.use' });
    throw notFound('submission');
  };

  app.get(
    '/submissions/:submissionId/reminders',
    {
      schema: {
        tags,
        description:
          'Per assignment: the pause, the attention flag, the reminders sent, the next one, a pending request.',
        params: z.object({ submissionId: z.uuid() }),
        response: { 200: assignmentRemindersSchema },
      },
    },
    async (request) => {
      const { submissionId } = request.params;
      await requireRelation(app.db, request.viewer, submissionId, ['editor']);
      const now = app.clock();
      const rows = await app.db
        .selectFrom('assignment')
        .select([
          'id',
          'round',
          'reviewer_number',
          'status',
          'reminders_paused_from',
          'reminders_paused_until',
          'attention',
          'attention_at',
        ])
        .where('submission_id', '=', submissionId)
        .orderBy('round')
        .orderBy('reviewer_number')
        .execute();
      const ids = rows.map((row) => row.id);
      const [sent, requests, next] = await Promise.all([
        ids.length
          ? app.db
              .selectFrom('reminder_sent')
              .select(['assignment_id', 'reason', 'sequence', 'sent_at', 'sent_by'])
              .where('assignment_id', 'in', ids)
              .orderBy('sent_at')
              .execute()
          : [],
        ids.length
          ? app.db
              .selectFrom('extension_request')
              .select(['id', 'assignment_id', 'requested_due_at', 'reason', 'requested_at'])
              .where('assignment_id', 'in', ids)
              .where('status', '=', 'requested')
              .execute()
          : [],
        nextReminders(app.db, ids, now, app.config.REMINDER_SWEEP_MINUTES),
      ]);
      return {
        assignments: rows.map((row) => {
          const planned = next.get(row.id);
          const request = requests.find((r) => r.assignment_id === row.id);
          return {
            assignmentId: row.id,
            round: row.round,
            reviewerNumber: row.reviewer_number,
            pausedFrom: iso(row.reminders_paused_from),
            pausedUntil: iso(row.reminders_paused_until),
            paused:
              ['invited', 'accepted'].includes(row.status) &&
              isPaused(
                { pausedFrom: row.reminders_paused_from, pausedUntil: row.reminders_paused_until } as Parameters<
                  typeof isPaused
                >[0],
                now,
              ),
            attention: row.attention,
            attentionAt: iso(row.attention_at),
            sent: sent
              .filter((s) => s.assignment_id === row.id)
              .map((s) => ({
                kind: s.reason as z.infer<typeof sentKindSchema>,
                occurrence: s.sequence,
                sentAt: s.sent_at.toISOString(),
                byHand: s.reason === 'manual',
              })),
            next: planned ? { kind: planned.kind, occurrence: planned.occurrence, at: planned.at } : null,
            extensionRequest: request
              ? {
                  id: request.id,
                  requestedDueAt: request.requested_due_at.toISOString(),
                  reason: request.reason,
                  requestedAt: request.requested_at.toISOString(),
                }
              : null,
          };
        }),
      };
    },
  );

  app.post(
    '/assignments/:assignmentId/reminders/pause',
    { schema: { tags, params: assignmentParams, body: pauseBody, response: { 200: okSchema } } },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      const until = request.body.until ? new Date(request.body.until) : null;
      await pauseReminders(controlCtx(request), request.params.assignmentId, until);
      return { ok: true };
    },
  );

  app.post(
    '/assignments/:assignmentId/reminders/resume',
    { schema: { tags, params: assignmentParams, response: { 200: okSchema } } },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      await resumeReminders(controlCtx(request), request.params.assignmentId);
      return { ok: true };
    },
  );

  app.post(
    '/assignments/:assignmentId/reminders/send',
    {
      schema: {
        tags,
        description: 'Sends a reminder now; 409 when one was sent by hand in the last hour.',
        params: assignmentParams,
        response: { 200: sentNowSchema },
      },
    },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      const { sentAt } = await sendReminderNow(controlCtx(request), request.params.assignmentId);
      return { sentAt: sentAt.toISOString() };
    },
  );

  app.post(
    '/assignments/:assignmentId/attention/dismiss',
    { schema: { tags, params: assignmentParams, response: { 200: okSchema } } },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      await dismissAttention(controlCtx(request), request.params.assignmentId);
      return { ok: true };
    },
  );

  app.post(
    '/assignments/:assignmentId/unresponsive',
    {
      schema: {
        tags,
        description: 'Cancels the assignment (unresponsive), tells the reviewer, and invites the next alternate.',
        params: assignmentParams,
        response: { 200: unresponsiveSchema },
      },
    },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      return markUnresponsive(controlCtx(request), request.params.assignmentId);
    },
  );

  app.get(
    '/calls/:callId/scheduled-reminders',
    {
      schema: {
        tags,
        description: 'What the sweep will send in the next 14 days, by the same rule (planReminders).',
        params: z.object({ callId: z.uuid() }),
        response: { 200: scheduledRemindersSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      const call = await app.db
        .selectFrom('call')
        .select(['id', 'venue_id'])
        .where('id', '=', request.params.callId)
        .executeTakeFirst();
      // One answer for "no such call" and "not your venue's call": no existence oracle.
      if (!call || !can(request.viewer, { kind: 'venue.manage', venueId: call.venue_id })) throw notFound('call');
      const now = app.clock();
      const { subjects, planned } = await callScheduledReminders(
        app.db,
        call.id,
        now,
        app.config.REMINDER_SWEEP_MINUTES,
      );
      // As the call's review progress: nothing about the reviewers of the editor's own submissions.
      const shown = subjects.length
        ? await app.db
            .selectFrom('assignment')
            .innerJoin('submission', 'submission.id', 'assignment.submission_id')
            .select([
              'assignment.id',
              'assignment.reviewer_number',
              'submission.id as submission_id',
              'submission.code',
            ])
            .where(
              'assignment.id',
              'in',
              subjects.map((subject) => subject.facts.id),
            )
            .where(notAuthoredBy(app.db, request.viewer.personId))
            .execute()
        : [];
      const byId = new Map(shown.map((row) => [row.id, row]));
      return {
        from: now.toISOString(),
        to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
        reminders: planned.flatMap((reminder) => {
          const row = byId.get(reminder.assignment);
          if (!row) return [];
          return [
            {
              at: reminder.at,
              submissionId: row.submission_id,
              submissionCode: row.code,
              reviewerNumber: row.reviewer_number,
              kind: reminder.kind,
              occurrence: reminder.occurrence,
            },
          ];
        }),
      };
    },
  );
}
