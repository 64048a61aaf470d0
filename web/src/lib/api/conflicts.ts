// Choosing reviewers for a submission (editors only): the venue's pool ranked for it, each person
// with their conflicts, and conflicts an editor records by hand.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

const submissionPath = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;

export const getReviewerSuggestions = (submissionId: string, fetch?: typeof globalThis.fetch) =>
  api.get<Answer<'/api/submissions/{submissionId}/reviewer-suggestions', 'get'>>(
    `${submissionPath(submissionId)}/reviewer-suggestions`,
    undefined,
    { fetch },
  );

export const declareConflict = (
  submissionId: string,
  body: RequestBody<'/api/submissions/{submissionId}/conflicts', 'post'>,
) =>
  api.post<Answer<'/api/submissions/{submissionId}/conflicts', 'post', 201>>(
    `${submissionPath(submissionId)}/conflicts`,
    body,
  );
