import { listVenueCalls } from '#lib/api/calls.ts';
import { listVenues } from '#lib/api/venues.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The rubrics to choose from and the venue (for its name and kind) come with the page.
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:new-call');
  const person = await requireVenueEditor(url, params.venueId);
  const venueId = params.venueId;
  try {
    const [{ rubrics }, venues] = await Promise.all([
      listVenueCalls(venueId, fetch),
      person.editorOf.some((v) => v.id === venueId) ? person.editorOf : listVenues(fetch),
    ]);
    return { venueId, rubrics, venue: venues.find((v) => v.id === venueId) ?? null, problem: null };
  } catch (problem) {
    return { venueId, rubrics: [], venue: null, problem: asApiError(problem) };
  }
};
