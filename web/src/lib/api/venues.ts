// Venues (the journal, the award, the website) and each venue's reviewer pool.
import { api } from './client.ts';
import type { Reviewer, ReviewerPool, Venue } from './types.ts';

export async function listVenues(): Promise<Venue[]> {
  return (await api.get<{ venues: Venue[] }>('/api/venues')).venues;
}

const poolPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/reviewer-pool`;

export const getReviewerPool = (venueId: string) => api.get<ReviewerPool>(poolPath(venueId));

export const addReviewer = (venueId: string, body: { email: string; expertise: string[] }) =>
  api.post<Reviewer>(poolPath(venueId), body);

export const removeReviewer = (venueId: string, personId: string) =>
  api.delete(`${poolPath(venueId)}/${encodeURIComponent(personId)}`);
