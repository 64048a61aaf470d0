// The office manager's calls: people and roles, the audit trail, the mail log.
import { api } from './client.ts';
import type {
  Answer,
  AuditEvent,
  AuditFilter,
  ListedPerson,
  MailMessageSummary,
  Page,
  QueryOf,
  Roles,
} from './types.ts';

type Fetch = typeof globalThis.fetch;

export async function listPeople(
  query: { q?: string; after?: string | null },
  fetch?: Fetch,
): Promise<Page<ListedPerson>> {
  const answer = await api.get<Answer<'/api/admin/people', 'get'>>(
    '/api/admin/people',
    { q: query.q, after: query.after },
    { fetch },
  );
  return { items: answer.people, nextCursor: answer.nextCursor };
}

export const setRoles = (personId: string, roles: Roles) =>
  api.put<Answer<'/api/admin/people/{personId}/roles', 'put'>>(
    `/api/admin/people/${encodeURIComponent(personId)}/roles`,
    roles,
  );

export async function listAuditEvents(
  filter: AuditFilter & { before?: string | null },
  fetch?: Fetch,
): Promise<Page<AuditEvent>> {
  const answer = await api.get<Answer<'/api/admin/audit', 'get'>>('/api/admin/audit', { ...filter }, { fetch });
  return { items: answer.events, nextCursor: answer.nextCursor };
}

export async function listMail(
  // `show` stays a string: it comes from the address, and the server answers 400 to an unknown one.
  query: Pick<QueryOf<'/api/admin/mail'>, 'to' | 'code'> & { show?: string; before?: string | null },
  fetch?: Fetch,
): Promise<Page<MailMessageSummary>> {
  const answer = await api.get<Answer<'/api/admin/mail', 'get'>>(
    '/api/admin/mail',
    { to: query.to, code: query.code, show: query.show, before: query.before },
    { fetch },
  );
  return { items: answer.messages, nextCursor: answer.nextCursor };
}

export const getMailMessage = (messageId: string, fetch?: Fetch) =>
  api.get<Answer<'/api/admin/mail/{messageId}', 'get'>>(`/api/admin/mail/${encodeURIComponent(messageId)}`, undefined, {
    fetch,
  });
