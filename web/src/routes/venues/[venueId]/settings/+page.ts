import { error } from '@sveltejs/kit';
import { type DecisionSettings, getDecisionSettings } from '#lib/api/decisions.ts';
import { listVenues } from '#lib/api/venues.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

// Saving the contact address calls invalidate('app:venue-settings'), so the page shows what is stored.
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:venue-settings');
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
  // Decisions are a journal's: other venues have no such settings to show.
  let decisionSettings: DecisionSettings | null = null;
  if (venue.kind === 'journal') {
    try {
      decisionSettings = await getDecisionSettings(venue.id, fetch);
    } catch (problem) {
      failLoad(problem);
    }
  }
  return { venue, decisionSettings };
};
