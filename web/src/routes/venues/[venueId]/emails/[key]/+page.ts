import { getMailKind, venueMailBase } from '#lib/api/mail-templates.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch }) => {
  await requireVenueEditor(url, params.venueId);
  try {
    return {
      base: venueMailBase(params.venueId),
      kind: await getMailKind(venueMailBase(params.venueId), params.key, fetch),
    };
  } catch (problem) {
    failLoad(problem);
  }
};
