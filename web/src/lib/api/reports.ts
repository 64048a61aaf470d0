// A venue's reports (its editors only): the figures for the page, and each table's CSV address,
// which the page links to so the browser downloads the file itself.
import { api } from './client.ts';
import type { Answer } from './types.ts';

export type Report = Answer<'/api/venues/{venueId}/reports', 'get'>;
export type ReportFigures = Report['total'];
export type ReportTable = 'calls' | 'outcomes' | 'months';
export interface ReportQuery {
  callId: string;
  from: string;
  to: string;
}

const reportsPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/reports`;

export const getReport = (venueId: string, query: ReportQuery, fetch?: typeof globalThis.fetch) =>
  api.get<Report>(reportsPath(venueId), { ...query }, { fetch });

/** The CSV of one table, with the same filters as the page (empty ones left out). */
export function reportCsvHref(venueId: string, table: ReportTable, query: ReportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return `${reportsPath(venueId)}/${table}.csv${search ? `?${search}` : ''}`;
}
