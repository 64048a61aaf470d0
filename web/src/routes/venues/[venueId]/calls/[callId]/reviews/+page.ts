import { getReviewProgress } from '#lib/api/review-panel.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// Who reviews what in one call, and who is late: read once per visit ("Try again" reloads).
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:review-progress');
  await requireVenueEditor(url, params.venueId);
  const ids = { venueId: params.venueId, callId: params.callId };
  try {
    return { ...ids, progress: await getReviewProgress(params.callId, fetch), problem: null };
  } catch (problem) {
    return { ...ids, progress: null, problem: asApiError(problem) };
  }
};
