// The reviewer's (or judge's) home, answering an invitation from it, their copy of the
// submission to review, and the editors' look-up of a trace code found on a copy.
import { api } from './client.ts';
import type { components } from './generated/schema.d.ts';
import type { Answer, RequestBody } from './types.ts';

export type ReviewerHome = components['schemas']['ReviewerHome'];
export type ReviewerHomeItem = components['schemas']['ReviewerHomeItem'];
export type TraceCodeLookup = components['schemas']['TraceCodeLookup'];
export type InvitationAnswer = RequestBody<'/api/assignments/{assignmentId}/respond', 'post'>;

export const getReviewerHome = (fetch?: typeof globalThis.fetch) =>
  api.get<Answer<'/api/me/reviews', 'get'>>('/api/me/reviews', undefined, { fetch });

export const answerInvitation = (assignmentId: string, answer: InvitationAnswer) =>
  api.post<Answer<'/api/assignments/{assignmentId}/respond', 'post'>>(
    `/api/assignments/${encodeURIComponent(assignmentId)}/respond`,
    answer,
  );

/** The reviewer's copy, with their trace code in the footer; `inline` opens it in the browser. */
export const reviewCopyHref = (assignmentId: string, inline = false) =>
  `/api/assignments/${encodeURIComponent(assignmentId)}/review-copy/file${inline ? '?inline=1' : ''}`;

export const lookUpTraceCode = (venueId: string, code: string) =>
  api.get<Answer<'/api/venues/{venueId}/trace-codes/{code}', 'get'>>(
    `/api/venues/${encodeURIComponent(venueId)}/trace-codes/${encodeURIComponent(code)}`,
  );
