// The editor's work on a submission's reviewers: the panel and the call's progress, the
// suggestions, and the invitation, alternate and assignment actions; every shape comes from the
// generated schema, so a change to a route shows in svelte-check.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

const submission = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;
const assignment = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}`;

export type ReviewPanel = Answer<'/api/submissions/{submissionId}/reviews', 'get'>;
export type ReviewPanelRound = ReviewPanel['rounds'][number];
export type PanelAssignment = ReviewPanelRound['assignments'][number];
export type PanelReview = ReviewPanelRound['reviews'][number];
export type PanelAlternate = ReviewPanelRound['alternates'][number];
export type PanelRubric = NonNullable<ReviewPanel['rubric']>;
export type AssignmentState = PanelAssignment['status'];
export type Recommendation = NonNullable<PanelReview['recommendation']>;
export type ReviewProgress = Answer<'/api/calls/{callId}/review-progress', 'get'>;

export const getReviewPanel = (submissionId: string, fetch?: typeof globalThis.fetch) =>
  api.get<ReviewPanel>(`${submission(submissionId)}/reviews`, undefined, { fetch });

export const getReviewProgress = (callId: string, fetch?: typeof globalThis.fetch) =>
  api.get<ReviewProgress>(`/api/calls/${encodeURIComponent(callId)}/review-progress`, undefined, { fetch });

export type ReviewerSuggestion = Answer<
  '/api/submissions/{submissionId}/reviewer-suggestions',
  'get'
>['suggestions'][number];
/** A conflict as the suggestions list it, or as a refused invitation's 409 names it. */
export type Conflict = Pick<ReviewerSuggestion['conflicts'][number], 'reason' | 'detail'>;
export type ConflictNeedsOverride = Answer<'/api/submissions/{submissionId}/assignments', 'post', 409>;

export const getReviewerSuggestions = (submissionId: string) =>
  api.get<Answer<'/api/submissions/{submissionId}/reviewer-suggestions', 'get'>>(
    `${submission(submissionId)}/reviewer-suggestions`,
  );

/**
 * Someone in the pool by personId, or someone new by e-mail and name (they get an account on
 * accepting). A person with a conflict needs overrideReason, which the audit log keeps.
 */
export type InviteInput = RequestBody<'/api/submissions/{submissionId}/assignments', 'post'>;

/** `created` is false when an open invitation for that person already existed (made by someone else). */
export async function inviteReviewer(submissionId: string, input: InviteInput) {
  const answer = await api.postWithStatus<Answer<'/api/submissions/{submissionId}/assignments', 'post', 201>>(
    `${submission(submissionId)}/assignments`,
    input,
  );
  return { assignmentId: answer.body.assignmentId, created: answer.status === 201 };
}

export const addAlternate = (
  submissionId: string,
  input: RequestBody<'/api/submissions/{submissionId}/alternates', 'post'>,
) =>
  api.post<Answer<'/api/submissions/{submissionId}/alternates', 'post'>>(
    `${submission(submissionId)}/alternates`,
    input,
  );

export const removeAlternate = (submissionId: string, personId: string) =>
  api.delete<Answer<'/api/submissions/{submissionId}/alternates/{personId}', 'delete'>>(
    `${submission(submissionId)}/alternates/${encodeURIComponent(personId)}`,
  );

export const cancelAssignment = (assignmentId: string, reason: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/cancel', 'post'>>(`${assignment(assignmentId)}/cancel`, { reason });

export const extendDueDate = (assignmentId: string, dueAt: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/due-date', 'post'>>(`${assignment(assignmentId)}/due-date`, {
    dueAt,
  });

export const reopenReview = (assignmentId: string) =>
  api.post<Answer<'/api/assignments/{assignmentId}/review/reopen', 'post'>>(
    `${assignment(assignmentId)}/review/reopen`,
  );
