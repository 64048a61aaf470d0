// An award entry after the announcement: the certificate, the entrant's offer of the essay to the
// journal, and the editors' move of it into the journal.
import { api } from './client.ts';
import type { Answer } from './types.ts';

const path = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;
type One = '/api/submissions/{submissionId}';

export const certificateHref = (submissionId: string) => `${path(submissionId)}/certificate`;

export const offerToJournal = (submissionId: string) =>
  api.put<Answer<`${One}/journal-consent`, 'put'>>(`${path(submissionId)}/journal-consent`);

export const withdrawOffer = (submissionId: string) =>
  api.delete<Answer<`${One}/journal-consent`, 'delete'>>(`${path(submissionId)}/journal-consent`);

export const listJournalCalls = (submissionId: string) =>
  api.get<Answer<`${One}/journal-calls`, 'get'>>(`${path(submissionId)}/journal-calls`);

export const moveIntoJournal = (submissionId: string, callId: string) =>
  api.post<Answer<`${One}/move-to-journal`, 'post'>>(`${path(submissionId)}/move-to-journal`, { callId });
