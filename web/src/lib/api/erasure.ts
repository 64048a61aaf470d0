// Erasing an account: the person's own request (confirmed from an e-mailed link), its progress,
// and an admin's erasure on someone's request. The words of what goes and stays come from the API.
import { api } from './client.ts';
import type { Answer } from './types.ts';

export type ErasurePreview = Answer<'/api/me/erasure/preview', 'get'>;
export type ErasureStatus = Answer<'/api/erasure-requests/{requestId}', 'get'>;
export type ErasureAsked = Answer<'/api/me/erasure', 'post', 202>;

export const getMyErasurePreview = () => api.get<ErasurePreview>('/api/me/erasure/preview');

export const askToEraseMyAccount = (password: string) => api.post<ErasureAsked>('/api/me/erasure', { password });

export const confirmMyErasure = (token: string) => api.post<ErasureAsked>('/api/me/erasure/confirm', { token });

export const cancelMyErasure = () => api.delete<{ message: string }>('/api/me/erasure');

export const getErasureProgress = (requestId: string) =>
  api.get<ErasureStatus>(`/api/erasure-requests/${encodeURIComponent(requestId)}`);

export const getPersonErasurePreview = (personId: string) =>
  api.get<ErasurePreview>(`/api/admin/people/${encodeURIComponent(personId)}/erasure/preview`);

export const erasePerson = (personId: string, note: string) =>
  api.post<ErasureAsked>(`/api/admin/people/${encodeURIComponent(personId)}/erasure`, { note });
