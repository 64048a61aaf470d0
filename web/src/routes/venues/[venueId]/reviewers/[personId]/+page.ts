import { error } from '@sveltejs/kit';
import { getReviewerPool } from '#lib/api/venues.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

// One reviewer's details, read from the pool (the pool is one small list per venue).
// Saving calls invalidate('app:reviewer-pool').
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:reviewer-pool');
  await requireVenueEditor(url, params.venueId);
  let pool: Awaited<ReturnType<typeof getReviewerPool>>;
  try {
    pool = await getReviewerPool(params.venueId, fetch);
  } catch (problem) {
    failLoad(problem);
  }
  const reviewer = pool.reviewers.find((r) => r.personId === params.personId);
  if (!reviewer)
    error(404, 'We could not find that page. Check the address, or go back and try again.', { code: 'not_found' });
  return { venue: pool.venue, reviewer };
};
