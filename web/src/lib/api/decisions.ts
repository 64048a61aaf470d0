// Journal decisions: the editor's record and actions, the author's letter, production status, and
// a venue's settings for how decisions are sent.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

const base = (submissionId: string) => `/api/submissions/${encodeURIComponent(submissionId)}`;

export type EditorDecisions = Answer<'/api/submissions/{submissionId}/decisions', 'get'>;
export type EditorDecision = EditorDecisions['decisions'][number];
export type DecisionOutcome = EditorDecision['outcome'];
export type LetterDraft = Answer<'/api/submissions/{submissionId}/decisions/draft', 'post'>;
export type AuthorDecision = Answer<'/api/submissions/{submissionId}/decision-letter', 'get'>;
export type DecisionSettings = Answer<'/api/venues/{venueId}/decision-settings', 'get'>;

export const getDecisions = (submissionId: string, fetch?: typeof globalThis.fetch) =>
  api.get<EditorDecisions>(`${base(submissionId)}/decisions`, undefined, { fetch });

export const draftLetter = (submissionId: string, outcome: DecisionOutcome) =>
  api.post<LetterDraft>(`${base(submissionId)}/decisions/draft`, { outcome });

export const sendDecision = (
  submissionId: string,
  body: RequestBody<'/api/submissions/{submissionId}/decisions', 'post'>,
) => api.post<EditorDecisions>(`${base(submissionId)}/decisions`, body);

export const rescindDecision = (submissionId: string, decisionId: string, reason: string) =>
  api.post<EditorDecisions>(`${base(submissionId)}/decisions/${encodeURIComponent(decisionId)}/rescind`, { reason });

export const markReadyForPublication = (submissionId: string) =>
  api.put<EditorDecisions>(`${base(submissionId)}/production`, { status: 'ready_for_publication' });

export const getAuthorDecision = (submissionId: string, fetch?: typeof globalThis.fetch) =>
  api.get<AuthorDecision>(`${base(submissionId)}/decision-letter`, undefined, { fetch });

const settingsPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/decision-settings`;

export const getDecisionSettings = (venueId: string, fetch?: typeof globalThis.fetch) =>
  api.get<DecisionSettings>(settingsPath(venueId), undefined, { fetch });

export const saveDecisionSettings = (venueId: string, settings: DecisionSettings) =>
  api.put<DecisionSettings>(settingsPath(venueId), settings);
