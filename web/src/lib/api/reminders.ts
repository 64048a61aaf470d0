// The editor's reminder controls on one assignment, a call's reminder policy and schedule, and
// the reviewer's request for more time with the editor's answer. Every shape comes from the
// generated schema.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

const assignment = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}`;
const call = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`;

export type AssignmentReminders = Answer<'/api/submissions/{submissionId}/reminders', 'get'>;
export type AssignmentReminderState = AssignmentReminders['assignments'][number];
export type ReminderKind = AssignmentReminderState['sent'][number]['kind'];
export type ScheduledReminders = Answer<'/api/calls/{callId}/scheduled-reminders', 'get'>;
export type CallReminderPolicy = Answer<'/api/calls/{callId}/reminder-policy', 'get'>;
export type ReminderPolicyInput = NonNullable<RequestBody<'/api/calls/{callId}/reminder-policy', 'put'>['policy']>;
export type ReviewerExtension = Answer<'/api/assignments/{assignmentId}/extension-request', 'get'>;

export const getAssignmentReminders = (submissionId: string) =>
  api.get<AssignmentReminders>(`/api/submissions/${encodeURIComponent(submissionId)}/reminders`);

export const pauseReminders = (assignmentId: string, until: string | null) =>
  api.post<Answer<'/api/assignments/{assignmentId}/reminders/pause', 'post'>>(
    `${assignment(assignmentId)}/reminders/pause`,
    { until },
  );

export const resumeReminders = (assignmentId: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/reminders/resume', 'post'>>(
    `${assignment(assignmentId)}/reminders/resume`,
  );

export const sendReminderNow = (assignmentId: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/reminders/send', 'post'>>(
    `${assignment(assignmentId)}/reminders/send`,
  );

export const dismissAttention = (assignmentId: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/attention/dismiss', 'post'>>(
    `${assignment(assignmentId)}/attention/dismiss`,
  );

export const markUnresponsive = (assignmentId: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/unresponsive', 'post'>>(`${assignment(assignmentId)}/unresponsive`);

export const getScheduledReminders = (callId: string, fetch?: typeof globalThis.fetch) =>
  api.get<ScheduledReminders>(`${call(callId)}/scheduled-reminders`, undefined, { fetch });

export const getReminderPolicy = (callId: string) => api.get<CallReminderPolicy>(`${call(callId)}/reminder-policy`);

export const saveReminderPolicy = (callId: string, policy: ReminderPolicyInput | null) =>
  api.put<CallReminderPolicy>(`${call(callId)}/reminder-policy`, { policy });

export const getExtension = (assignmentId: string) =>
  api.get<ReviewerExtension>(`${assignment(assignmentId)}/extension-request`);

export const askForExtension = (assignmentId: string, dueAt: string, reason: string) =>
  api.post<ReviewerExtension>(`${assignment(assignmentId)}/extension-request`, { dueAt, reason });

export const grantExtension = (requestId: string, dueAt?: string) =>
  api.post<Answer<'/api/extension-requests/{requestId}/grant', 'post'>>(
    `/api/extension-requests/${encodeURIComponent(requestId)}/grant`,
    dueAt ? { dueAt } : {},
  );

export const refuseExtension = (requestId: string, note: string) =>
  api.post<Answer<'/api/extension-requests/{requestId}/refuse', 'post'>>(
    `/api/extension-requests/${encodeURIComponent(requestId)}/refuse`,
    note ? { note } : {},
  );

/** What a reminder kind says, for the editor's pages. */
export function reminderKindLabel(kind: ReminderKind, occurrence: number): string {
  switch (kind) {
    case 'invitation_reminder':
      return `Reminder to answer the invitation (${occurrence === 1 ? 'first' : occurrence === 2 ? 'second' : `no. ${occurrence}`})`;
    case 'invitation_expired':
      return 'The invitation expires (the next alternate is invited)';
    case 'due_soon':
      return `“Due soon” reminder (${occurrence === 1 ? 'first' : occurrence === 2 ? 'second' : `no. ${occurrence}`})`;
    case 'overdue':
      return `Overdue reminder no. ${occurrence}`;
    case 'escalation':
      return 'The editors are told it is overdue';
    case 'manual':
      return 'Reminder sent by hand';
  }
}
