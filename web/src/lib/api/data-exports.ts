// A copy of a person's data (a ZIP the server prepares in the background): asked for by the person
// on their account page, or by an admin on their behalf. Downloads are plain links: the browser
// sends the session cookie and saves the attachment itself.
import { api } from './client.ts';
import type { Answer } from './types.ts';

export type DataExport = Answer<'/api/me/exports', 'post', 201>;
export type DataExportList = Answer<'/api/me/exports', 'get'>;

export const listMyExports = () => api.get<DataExportList>('/api/me/exports');
export const askForMyExport = () => api.post<DataExport>('/api/me/exports');
export const myExportHref = (exportId: string) => `/api/me/exports/${encodeURIComponent(exportId)}/download`;

const person = (personId: string) => `/api/admin/people/${encodeURIComponent(personId)}/exports`;
export const listPersonExports = (personId: string) => api.get<DataExportList>(person(personId));
export const askForPersonExport = (personId: string) => api.post<DataExport>(person(personId));
export const personExportHref = (exportId: string) => `/api/admin/exports/${encodeURIComponent(exportId)}/download`;
