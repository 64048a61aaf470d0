import { listVenueCalls } from '#lib/api/calls.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The call comes with the page (from its venue's list, which also gives the rubrics to choose
// from); saving calls invalidate('app:call').
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:call');
  await requireVenueEditor(url, params.venueId);
  const ids = { venueId: params.venueId, callId: params.callId };
  try {
    const { calls, rubrics } = await listVenueCalls(params.venueId, fetch);
    return { ...ids, call: calls.find((c) => c.id === params.callId) ?? null, rubrics, problem: null };
  } catch (problem) {
    return { ...ids, call: null, rubrics: [], problem: asApiError(problem) };
  }
};
