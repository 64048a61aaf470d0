// The admin's Retention page: each venue's periods, dry runs, runs, and "run now" from a dry run.
import { api } from './client.ts';
import type { Answer, RequestBody } from './types.ts';

type Fetch = typeof globalThis.fetch;

export type RetentionOverview = Answer<'/api/admin/retention', 'get'>;
export type VenueRetention = RetentionOverview['venues'][number];
export type RetentionSettings = RequestBody<'/api/admin/retention/venues/{venueId}', 'put'>;
export type RetentionRun = Answer<'/api/admin/retention/runs/{runId}', 'get'>;

export const getRetention = (fetch?: Fetch) => api.get<RetentionOverview>('/api/admin/retention', undefined, { fetch });

export const saveRetentionSettings = (venueId: string, settings: RetentionSettings) =>
  api.put<VenueRetention>(`/api/admin/retention/venues/${encodeURIComponent(venueId)}`, settings);

export const startDryRun = () => api.post<RetentionRun>('/api/admin/retention/dry-runs');

export const runFromDryRun = (dryRunId: string) => api.post<RetentionRun>('/api/admin/retention/runs', { dryRunId });
