import { listPeople } from '#lib/api/admin.ts';
import { listVenues } from '#lib/api/venues.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The search lives in the address, so this runs again when it changes; "Load more" fetches further pages.
export const load: PageLoad = async ({ url, fetch, depends, parent }) => {
  depends('app:people');
  await parent(); // the office's layout has checked this is an admin
  const q = url.searchParams.get('q') ?? '';
  const [venues, first] = await Promise.allSettled([listVenues(fetch), listPeople({ q, after: null }, fetch)]);
  return {
    q,
    venues: venues.status === 'fulfilled' ? venues.value : [],
    venuesProblem: venues.status === 'rejected' ? asApiError(venues.reason) : null,
    first: first.status === 'fulfilled' ? first.value : { items: [], nextCursor: null },
    problem: first.status === 'rejected' ? asApiError(first.reason) : null,
  };
};
