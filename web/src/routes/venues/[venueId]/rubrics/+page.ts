import { listRubrics } from '#lib/api/rubrics.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:venue-rubrics');
  await requireVenueEditor(url, params.venueId);
  try {
    return { venueId: params.venueId, rubrics: await listRubrics(params.venueId, fetch), problem: null };
  } catch (problem) {
    return { venueId: params.venueId, rubrics: null, problem: asApiError(problem) };
  }
};
