import { getAwardRanking } from '#lib/api/awards.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The judges' ranking of an award call and the chair's steps: read once per visit; each step
// answers the new ranking, which the page shows at once.
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:award-ranking');
  await requireVenueEditor(url, params.venueId);
  const ids = { venueId: params.venueId, callId: params.callId };
  try {
    return { ...ids, ranking: await getAwardRanking(params.callId, fetch), problem: null };
  } catch (problem) {
    return { ...ids, ranking: null, problem: asApiError(problem) };
  }
};
