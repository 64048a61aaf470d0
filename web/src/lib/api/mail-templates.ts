// A venue's e-mails as its editors reword them (server: mail-templates/mail-template.routes.ts).
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

type Detail = Answer<'/api/venues/{venueId}/mail-templates/{key}', 'get'>;
export type MailKindDetail = Detail;
export type MailKindList = Answer<'/api/venues/{venueId}/mail-templates', 'get'>;
export type MailTemplateInput = RequestBody<'/api/venues/{venueId}/mail-templates/{key}', 'put'>;
export type MailPreview = Answer<'/api/venues/{venueId}/mail-templates/{key}/preview', 'post'>;

const listPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/mail-templates`;
const kindPath = (venueId: string, key: string) => `${listPath(venueId)}/${encodeURIComponent(key)}`;

export const listMailKinds = (venueId: string, fetch?: typeof globalThis.fetch) =>
  api.get<MailKindList>(listPath(venueId), undefined, { fetch });

export const getMailKind = (venueId: string, key: string, fetch?: typeof globalThis.fetch) =>
  api.get<Detail>(kindPath(venueId, key), undefined, { fetch });

export const saveMailTemplate = (venueId: string, key: string, body: MailTemplateInput) =>
  api.put<Detail>(kindPath(venueId, key), body);

export const restoreDefaultMail = (venueId: string, key: string) => api.delete<Detail>(kindPath(venueId, key));

export const previewMailTemplate = (venueId: string, key: string, body: MailTemplateInput) =>
  api.post<MailPreview>(`${kindPath(venueId, key)}/preview`, body);
