// Revision rounds: the author's response to reviewers (autosaved), the editor's re-invitation of
// the previous round's reviewers, and what a reviewer of a new round reads beside the new copy.

import { api } from './client.ts';
import type { components } from './generated/schema.d.ts';
import type { Answer } from './types.ts';

type Schemas = components['schemas'];
export type AuthorRevision = Schemas['AuthorRevision'];
export type EarlierReview = Schemas['EarlierReview'];
export type ReviewerRevisionResponse = Schemas['ReviewerRevisionResponse'];
export type ReinviteResult = Schemas['ReinviteResult'];

const submission = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;
const assignment = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}`;

export const saveRevisionResponse = (submissionId: string, text: string) =>
  api.put<Answer<'/api/submissions/{submissionId}/revision-response', 'put'>>(
    `${submission(submissionId)}/revision-response`,
    { text },
  );

export const reinvitePreviousReviewers = (submissionId: string) =>
  api.post<ReinviteResult>(`${submission(submissionId)}/reinvite-previous-reviewers`);

export const getEarlierReview = (assignmentId: string, fetch?: typeof globalThis.fetch) =>
  api.get<EarlierReview>(`${assignment(assignmentId)}/earlier-review`, undefined, { fetch });

export const getRevisionResponse = (assignmentId: string, fetch?: typeof globalThis.fetch) =>
  api.get<ReviewerRevisionResponse>(`${assignment(assignmentId)}/revision-response`, undefined, { fetch });
