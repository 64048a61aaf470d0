// Submissions: the author's drafts and sent work, the manuscript upload, and the editor's
// screening decisions.
import { api, type UploadOptions } from './client.ts';
import type {
  Answer,
  DraftPatch,
  MySubmission,
  Page,
  QueuePage as Queue,
  QueuedSubmission,
  QueueFilter,
  RequestBody,
} from './types.ts';

const path = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;
type One = '/api/submissions/{submissionId}';

/** A new draft, or (`resumed`) the author's empty draft for this call, opened again. */
export async function startSubmission(callId: string) {
  const answer = await api.postWithStatus<Answer<'/api/submissions', 'post', 201>>('/api/submissions', { callId });
  return { draft: answer.body, resumed: answer.status === 200 };
}

/** Deletes a draft (the submitter's own, never sent); its files go with it. */
export const deleteDraft = (submissionId: string) => api.delete(path(submissionId));

export async function listMySubmissions(
  after: string | null = null,
  fetch?: typeof globalThis.fetch,
): Promise<Page<MySubmission>> {
  const answer = await api.get<Answer<'/api/me/submissions', 'get'>>(
    '/api/me/submissions',
    after ? { after } : undefined,
    { fetch },
  );
  return { items: answer.submissions, nextCursor: answer.nextCursor };
}

export const getSubmission = (submissionId: string, fetch?: typeof globalThis.fetch) =>
  api.get<Answer<One, 'get'>>(path(submissionId), undefined, { fetch });

export const saveDraft = (submissionId: string, patch: DraftPatch) =>
  api.patch<Answer<One, 'patch'>>(path(submissionId), patch);

export function uploadManuscript(submissionId: string, file: File, options: UploadOptions = {}) {
  const body = new FormData();
  body.append('manuscript', file, file.name);
  return api.upload<Answer<`${One}/manuscript`, 'post', 201>>(`${path(submissionId)}/manuscript`, body, options);
}

export const manuscriptHref = (submissionId: string, versionId: string) =>
  `${path(submissionId)}/manuscripts/${encodeURIComponent(versionId)}/file`;

export const reviewCopyHref = (submissionId: string) => `${path(submissionId)}/review-copy/file`;

export const submitSubmission = (submissionId: string) =>
  api.post<Answer<`${One}/submit`, 'post'>>(`${path(submissionId)}/submit`);

export const withdrawSubmission = (submissionId: string) =>
  api.post<Answer<`${One}/withdraw`, 'post'>>(`${path(submissionId)}/withdraw`);

export const grantExtension = (submissionId: string, until: string) =>
  api.post<Answer<`${One}/extension`, 'post'>>(`${path(submissionId)}/extension`, { until });

export const releaseReviewCopy = (submissionId: string) =>
  api.post<Answer<`${One}/review-copy/release`, 'post'>>(`${path(submissionId)}/review-copy/release`);

export const returnToAuthor = (submissionId: string, message: string) =>
  api.post<Answer<`${One}/return-to-author`, 'post'>>(`${path(submissionId)}/return-to-author`, { message });

/** `reinvitePreviousReviewers`: with "Send to review" of a revised submission, invite round N−1's reviewers too. */
export const moveSubmission = (
  submissionId: string,
  to: RequestBody<`${One}/status`, 'post'>['to'],
  reason?: string,
  options: { reinvitePreviousReviewers?: boolean } = {},
) =>
  api.post<Answer<`${One}/status`, 'post'>>(`${path(submissionId)}/status`, {
    to,
    ...(reason ? { reason } : {}),
    ...(options.reinvitePreviousReviewers ? { reinvitePreviousReviewers: true } : {}),
  });

export interface QueuePage extends Page<QueuedSubmission> {
  counts: Queue['counts'];
}

/**
 * The filter as the address holds it: plain strings, forwarded as they are (empty ones left out).
 * The API checks each against its own list and answers 400 for one it does not know.
 */
export type QueueRequest = { [K in keyof QueueFilter]?: string } & { after?: string | null; limit?: number };

export async function listVenueSubmissions(
  venueId: string,
  filter: QueueRequest,
  fetch?: typeof globalThis.fetch,
): Promise<QueuePage> {
  const answer = await api.get<Queue>(
    `/api/venues/${encodeURIComponent(venueId)}/submissions`,
    {
      ...filter,
      after: filter.after ?? undefined,
      limit: filter.limit ? String(filter.limit) : undefined,
    },
    { fetch },
  );
  return { items: answer.submissions, counts: answer.counts, nextCursor: answer.nextCursor };
}
