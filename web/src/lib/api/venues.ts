// Venues (the journal, the award, the website) and each venue's reviewer pool.
import { api } from './client.ts';
import type { Answer, PublicVenue, RequestBody } from './types.ts';

export async function listVenues(fetch?: typeof globalThis.fetch): Promise<PublicVenue[]> {
  return (await api.get<Answer<'/api/venues', 'get'>>('/api/venues', undefined, { fetch })).venues;
}

/** Sets the address authors and entrants write to about this venue (its editors only). */
export const setVenueContact = (venueId: string, contactEmail: string) =>
  api.put<Answer<'/api/venues/{venueId}/contact', 'put'>>(`/api/venues/${encodeURIComponent(venueId)}/contact`, {
    contactEmail,
  });

const poolPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/reviewer-pool`;

export const getReviewerPool = (venueId: string, fetch?: typeof globalThis.fetch) =>
  api.get<Answer<'/api/venues/{venueId}/reviewer-pool', 'get'>>(poolPath(venueId), undefined, { fetch });

export const addReviewer = (venueId: string, body: RequestBody<'/api/venues/{venueId}/reviewer-pool', 'post'>) =>
  api.post<Answer<'/api/venues/{venueId}/reviewer-pool', 'post', 201>>(poolPath(venueId), body);

export const removeReviewer = (venueId: string, personId: string) =>
  api.delete(`${poolPath(venueId)}/${encodeURIComponent(personId)}`);

/** Changes what the pool records about one reviewer; send only what changed. */
export const updateReviewer = (
  venueId: string,
  personId: string,
  body: RequestBody<'/api/venues/{venueId}/reviewer-pool/{personId}', 'patch'>,
) =>
  api.patch<Answer<'/api/venues/{venueId}/reviewer-pool/{personId}', 'patch'>>(
    `${poolPath(venueId)}/${encodeURIComponent(personId)}`,
    body,
  );
