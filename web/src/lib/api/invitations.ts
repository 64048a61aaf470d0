// A review invitation's link: what it shows (reads only), accepting, declining, and keeping on
// with the link for that one assignment (a session that reaches nothing else).
import { api } from './client.ts';
import type { Answer } from './types.ts';

const at = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export const lookUpInvitation = (token: string) => api.get<Answer<'/api/invitations/{token}', 'get'>>(at(token));

export const acceptInvitation = (token: string) =>
  api.post<Answer<'/api/invitations/{token}/accept', 'post'>>(`${at(token)}/accept`);

export const declineInvitation = (token: string, answer: { reason?: string; suggestion?: string }) =>
  api.post<Answer<'/api/invitations/{token}/decline', 'post'>>(`${at(token)}/decline`, answer);

export async function openInvitation(token: string) {
  const opened = await api.post<Answer<'/api/invitations/{token}/open', 'post'>>(`${at(token)}/open`);
  // A new session rotates the CSRF secret.
  if (opened.scoped) api.forgetCsrfToken();
  return opened;
}
