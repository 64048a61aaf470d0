import { listMailKinds, venueMailBase } from '#lib/api/mail-templates.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch }) => {
  await requireVenueEditor(url, params.venueId);
  try {
    return { list: await listMailKinds(venueMailBase(params.venueId), fetch) };
  } catch (problem) {
    failLoad(problem);
  }
};
