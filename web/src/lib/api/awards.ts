// The award panel chair's ranking of a call and its steps (lock, un-blind, results, eligibility,
// announce), and an entry after the announcement (the certificate, the entrant's offer of the essay
// to the journal, the editors' move of it into the journal); every shape comes from the generated schema.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

const call = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`;

export type AwardRanking = Answer<'/api/calls/{callId}/award-ranking', 'get'>;
export type AwardCategory = AwardRanking['categories'][number];
export type AwardEntry = AwardCategory['entries'][number];
export type AwardOutcome = NonNullable<AwardEntry['result']>['outcome'];
export type AwardStepAnswer = Answer<'/api/calls/{callId}/award-announcement', 'post'>;

export const getAwardRanking = (callId: string, fetch?: typeof globalThis.fetch) =>
  api.get<AwardRanking>(`${call(callId)}/award-ranking`, undefined, { fetch });

export const lockAwardRanking = (callId: string, confirmMissing: boolean) =>
  api.post<AwardRanking>(`${call(callId)}/award-ranking/lock`, { confirmMissing });

export const unblindAwardRanking = (callId: string) =>
  api.post<AwardRanking>(`${call(callId)}/award-ranking/unblind`, { confirm: true });

export const saveAwardOutcomes = (
  callId: string,
  outcomes: RequestBody<'/api/calls/{callId}/award-results', 'put'>['outcomes'],
) => api.put<AwardRanking>(`${call(callId)}/award-results`, { outcomes });

export const checkAwardEligibility = (
  callId: string,
  submissionId: string,
  input: RequestBody<'/api/calls/{callId}/award-results/{submissionId}/eligibility', 'post'>,
) => api.post<AwardStepAnswer>(`${call(callId)}/award-results/${encodeURIComponent(submissionId)}/eligibility`, input);

export const announceAwardResults = (callId: string) =>
  api.post<AwardStepAnswer>(`${call(callId)}/award-announcement`, { confirm: true });

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
