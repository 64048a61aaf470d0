import { getMailKind } from '#lib/api/mail-templates.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, fetch }) => {
  await requireVenueEditor(url, params.venueId);
  try {
    return { kind: await getMailKind(params.venueId, params.key, fetch) };
  } catch (problem) {
    failLoad(problem);
  }
};
