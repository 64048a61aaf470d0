// The subject-access log: requests for a copy of one's data or erasure, and whether each was answered in time.
import { api } from './client.ts';
import type { Answer } from './types.ts';

type Fetch = typeof globalThis.fetch;

export type SubjectAccessLog = Answer<'/api/admin/privacy/requests', 'get'>;
export type SubjectAccessEntry = SubjectAccessLog['entries'][number];

export const listSubjectAccessRequests = (query: { kind?: 'export' | 'erasure'; year?: string }, fetch?: Fetch) =>
  api.get<SubjectAccessLog>('/api/admin/privacy/requests', { kind: query.kind, year: query.year }, { fetch });

/** A request received by letter, phone or e-mail: recorded in the log only; no export or erasure starts. */
export const recordRequest = (body: {
  personId: string;
  kind: 'export' | 'erasure';
  receivedOn: string;
  note?: string;
}) => api.post<SubjectAccessEntry>('/api/admin/privacy/requests', body);

export const markRequestAnswered = (requestId: string, body: { answeredOn: string; note: string }) =>
  api.post<SubjectAccessEntry>(`/api/admin/privacy/requests/${encodeURIComponent(requestId)}/answered`, body);

export const cancelRecordedRequest = (requestId: string, body: { note: string }) =>
  api.post<SubjectAccessEntry>(`/api/admin/privacy/requests/${encodeURIComponent(requestId)}/cancelled`, body);

export type RetentionPeriods = Answer<'/api/privacy/retention', 'get'>;

export const getRetentionPeriods = (fetch?: Fetch) =>
  api.get<RetentionPeriods>('/api/privacy/retention', {}, { fetch });
