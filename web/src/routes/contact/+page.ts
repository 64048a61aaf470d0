import { listVenues } from '#lib/api/venues.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

// The addresses come with the page, so it never shows "Loading…" and then jumps.
export const load: PageLoad = async ({ fetch }) => {
  try {
    return { venues: await listVenues(fetch) };
  } catch (problem) {
    failLoad(problem);
  }
};
