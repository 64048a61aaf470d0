import { error } from '@sveltejs/kit';
import { listVenues } from '#lib/api/venues.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch }) => {
  await requireVenueEditor(url, params.venueId);
  let venues: Awaited<ReturnType<typeof listVenues>>;
  try {
    venues = await listVenues(fetch);
  } catch (problem) {
    failLoad(problem);
  }
  const venue = venues.find((v) => v.id === params.venueId);
  if (!venue)
    error(404, 'We could not find that page. Check the address, or go back and try again.', { code: 'not_found' });
  return { venue };
};
