// The reviewer's (or judge's) review of one assignment.

import { api } from './client.ts';
import type { components } from './generated/schema.d.ts';
import type { RequestBody } from './types.ts';

export type ReviewPage = components['schemas']['ReviewPage'];
export type ReviewDraft = components['schemas']['ReviewDraft'];
export type ReviewPatch = RequestBody<'/api/assignments/{assignmentId}/review', 'put'>;
export type Recommendation = components['schemas']['Recommendation'];
export type ReviewCriterion = components['schemas']['RubricCriterion'];

const reviewPath = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}/review`;

export const getReview = (assignmentId: string, fetch?: typeof globalThis.fetch) =>
  api.get<ReviewPage>(reviewPath(assignmentId), undefined, { fetch });

export const saveReview = (assignmentId: string, patch: ReviewPatch) =>
  api.put<ReviewDraft>(reviewPath(assignmentId), patch);

export const submitReview = (assignmentId: string) => api.post<ReviewDraft>(`${reviewPath(assignmentId)}/submit`);

/** The text form, filled in offline, read from the chosen file (UTF-8). */
export const uploadReviewForm = (assignmentId: string, text: string) =>
  api.post<ReviewDraft>(`${reviewPath(assignmentId)}/form`, { text });

/** The text form's address: a plain link downloads it with its neutral name. */
export const reviewFormHref = (assignmentId: string) => `${reviewPath(assignmentId)}/form`;

/** The reviewer's copy (with its trace code), to read in the page or download. */
export const reviewCopyHref = (assignmentId: string, inline = false) =>
  `/api/assignments/${encodeURIComponent(assignmentId)}/review-copy/file${inline ? '?inline=1' : ''}`;
