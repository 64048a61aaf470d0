// E-mails as editors (a venue's) and admins (the site-wide account messages) reword them
// (server: mail-templates/mail-template.routes.ts). `base` is the scope's API path.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

type Detail = Answer<'/api/venues/{venueId}/mail-templates/{key}', 'get'>;
export type MailKindDetail = Detail;
export type MailKindList = Answer<'/api/venues/{venueId}/mail-templates', 'get'>;
export type MailTemplateInput = RequestBody<'/api/venues/{venueId}/mail-templates/{key}', 'put'>;
export type MailPreview = Answer<'/api/venues/{venueId}/mail-templates/{key}/preview', 'post'>;

export const venueMailBase = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/mail-templates`;
export const siteMailBase = '/api/admin/mail-templates';

const kindPath = (base: string, key: string) => `${base}/${encodeURIComponent(key)}`;

export const listMailKinds = (base: string, fetch?: typeof globalThis.fetch) =>
  api.get<MailKindList>(base, undefined, { fetch });

export const getMailKind = (base: string, key: string, fetch?: typeof globalThis.fetch) =>
  api.get<Detail>(kindPath(base, key), undefined, { fetch });

export const saveMailTemplate = (base: string, key: string, body: MailTemplateInput) =>
  api.put<Detail>(kindPath(base, key), body);

export const restoreDefaultMail = (base: string, key: string) => api.delete<Detail>(kindPath(base, key));

export const previewMailTemplate = (base: string, key: string, body: MailTemplateInput) =>
  api.post<MailPreview>(`${kindPath(base, key)}/preview`, body);
