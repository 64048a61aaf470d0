// The office manager's calls: people and roles, the audit trail, the mail log.
import { api } from './client.ts';
import type { AuditEvent, AuditFilter, ListedPerson, MailMessage, MailMessageSummary, Page, Roles } from './types.ts';

export async function listPeople(query: { q?: string; after?: string | null }): Promise<Page<ListedPerson>> {
  const answer = await api.get<{ people: ListedPerson[]; nextCursor: string | null }>('/api/admin/people', {
    q: query.q,
    after: query.after,
  });
  return { items: answer.people, nextCursor: answer.nextCursor };
}

export const setRoles = (personId: string, roles: Roles) =>
  api.put<ListedPerson>(`/api/admin/people/${encodeURIComponent(personId)}/roles`, roles);

export async function listAuditEvents(filter: AuditFilter & { before?: string | null }): Promise<Page<AuditEvent>> {
  const answer = await api.get<{ events: AuditEvent[]; nextCursor: string | null }>('/api/admin/audit', { ...filter });
  return { items: answer.events, nextCursor: answer.nextCursor };
}

export async function listMail(query: { to?: string; before?: string | null }): Promise<Page<MailMessageSummary>> {
  const answer = await api.get<{ messages: MailMessageSummary[]; nextCursor: string | null }>('/api/admin/mail', {
    to: query.to,
    before: query.before,
  });
  return { items: answer.messages, nextCursor: answer.nextCursor };
}

export const getMailMessage = (messageId: string) =>
  api.get<MailMessage>(`/api/admin/mail/${encodeURIComponent(messageId)}`);
