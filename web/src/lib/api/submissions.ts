// Submissions: the author's drafts and sent work, the manuscript upload, and the editor's
// screening decisions.
import { api, type UploadOptions } from './client.ts';
import type {
  AuthorView,
  DraftPatch,
  MySubmission,
  Page,
  QueuedSubmission,
  QueueFilter,
  SubmissionAnswer,
  SubmissionState,
  UploadedManuscript,
} from './types.ts';

const path = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;

export const startSubmission = (callId: string) => api.post<AuthorView>('/api/submissions', { callId });

export async function listMySubmissions(after: string | null = null): Promise<Page<MySubmission>> {
  const answer = await api.get<{ submissions: MySubmission[]; nextCursor: string | null }>(
    '/api/me/submissions',
    after ? { after } : undefined,
  );
  return { items: answer.submissions, nextCursor: answer.nextCursor };
}

export const getSubmission = (submissionId: string) => api.get<SubmissionAnswer>(path(submissionId));

export const saveDraft = (submissionId: string, patch: DraftPatch) =>
  api.patch<SubmissionAnswer>(path(submissionId), patch);

export function uploadManuscript(submissionId: string, file: File, options: UploadOptions = {}) {
  const body = new FormData();
  body.append('manuscript', file, file.name);
  return api.upload<UploadedManuscript>(`${path(submissionId)}/manuscript`, body, options);
}

export const manuscriptHref = (submissionId: string, versionId: string) =>
  `${path(submissionId)}/manuscripts/${encodeURIComponent(versionId)}/file`;

export const reviewCopyHref = (submissionId: string) => `${path(submissionId)}/review-copy/file`;

export const submitSubmission = (submissionId: string) => api.post<SubmissionAnswer>(`${path(submissionId)}/submit`);

export const withdrawSubmission = (submissionId: string) =>
  api.post<SubmissionAnswer>(`${path(submissionId)}/withdraw`);

export const grantExtension = (submissionId: string, until: string) =>
  api.post<{ ok: true }>(`${path(submissionId)}/extension`, { until });

export const releaseReviewCopy = (submissionId: string) =>
  api.post<{ ok: true }>(`${path(submissionId)}/review-copy/release`);

export const returnToAuthor = (submissionId: string, message: string) =>
  api.post<{ ok: true }>(`${path(submissionId)}/return-to-author`, { message });

export const moveSubmission = (
  submissionId: string,
  to: Extract<SubmissionState, 'screening' | 'in_review' | 'desk_rejected'>,
  reason?: string,
) => api.post<{ ok: true }>(`${path(submissionId)}/status`, reason ? { to, reason } : { to });

export interface QueuePage extends Page<QueuedSubmission> {
  counts: Partial<Record<SubmissionState, number>>;
}

export async function listVenueSubmissions(
  venueId: string,
  filter: QueueFilter & { after?: string | null; limit?: number },
): Promise<QueuePage> {
  const answer = await api.get<{
    submissions: QueuedSubmission[];
    counts: Partial<Record<SubmissionState, number>>;
    nextCursor: string | null;
  }>(`/api/venues/${encodeURIComponent(venueId)}/submissions`, {
    ...filter,
    after: filter.after ?? undefined,
    limit: filter.limit ? String(filter.limit) : undefined,
  });
  return { items: answer.submissions, counts: answer.counts, nextCursor: answer.nextCursor };
}
