// The editor's work on a submission's reviewers: the panel and the call's progress (typed from the
// generated schema), and the invitation, alternate and assignment actions built alongside.
import { api } from './client.ts';
import type { Answer } from './types.ts';

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

// The routes below are built by the reviewer-pool and invitation work in the same issue (see the
// HTTP contract in its brief). Until their schemas are in generated/schema.d.ts these shapes are
// the contract's words; once they are, replace them with Answer<…> so drift shows in svelte-check.
// TODO(#10): swap for the generated types at merge.

export interface Conflict {
  reason: string;
  detail: string;
}

export interface ReviewerSuggestion {
  personId: string;
  name: string;
  email: string;
  affiliation: string | null;
  expertise: string[];
  matchedKeywords: string[];
  load: number;
  availability: string | null;
  conflicts: Conflict[];
}

export const getReviewerSuggestions = (submissionId: string) =>
  api.get<{ suggestions: ReviewerSuggestion[] }>(`${submission(submissionId)}/reviewer-suggestions`);

export interface InviteInput {
  personId: string;
  dueAt?: string;
  /** Needed when the person has a conflict; recorded in the audit log. */
  overrideReason?: string;
}

/** `created` is false when an open invitation for that person already existed (made by someone else). */
export async function inviteReviewer(submissionId: string, input: InviteInput) {
  const answer = await api.postWithStatus<{ assignmentId: string }>(`${submission(submissionId)}/assignments`, input);
  return { assignmentId: answer.body.assignmentId, created: answer.status === 201 };
}

export const addAlternate = (submissionId: string, input: { personId: string; overrideReason?: string }) =>
  api.post<unknown>(`${submission(submissionId)}/alternates`, input);

export const removeAlternate = (submissionId: string, personId: string) =>
  api.delete<unknown>(`${submission(submissionId)}/alternates/${encodeURIComponent(personId)}`);

export const cancelAssignment = (assignmentId: string, reason: string) =>
  api.post<unknown>(`${assignment(assignmentId)}/cancel`, { reason });

export const extendDueDate = (assignmentId: string, dueAt: string) =>
  api.post<unknown>(`${assignment(assignmentId)}/due-date`, { dueAt });

export const reopenReview = (assignmentId: string) => api.post<unknown>(`${assignment(assignmentId)}/review/reopen`);
