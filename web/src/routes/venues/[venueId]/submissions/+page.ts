import { requireVenueEditor } from '#lib/auth/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params }) => {
  await requireVenueEditor(url, params.venueId);
  return { venueId: params.venueId };
};
