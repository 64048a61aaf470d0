import { getReviewerPool } from '#lib/api/venues.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// Adding or removing someone calls invalidate('app:reviewer-pool').
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:reviewer-pool');
  await requireVenueEditor(url, params.venueId);
  try {
    return { venueId: params.venueId, pool: await getReviewerPool(params.venueId, fetch), problem: null };
  } catch (problem) {
    return { venueId: params.venueId, pool: null, problem: asApiError(problem) };
  }
};
