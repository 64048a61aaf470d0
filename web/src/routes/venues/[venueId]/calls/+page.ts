import { listVenueCalls } from '#lib/api/calls.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:venue-calls');
  await requireVenueEditor(url, params.venueId);
  try {
    return { venueId: params.venueId, calls: (await listVenueCalls(params.venueId, fetch)).calls, problem: null };
  } catch (problem) {
    return { venueId: params.venueId, calls: null, problem: asApiError(problem) };
  }
};
