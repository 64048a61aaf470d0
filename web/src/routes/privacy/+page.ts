import { getRetentionPeriods } from '#lib/api/privacy.ts';
import type { PageLoad } from './$types';

// The periods really in force (an admin can change them per journal or award); without them the page
// still says the defaults, so it never fails to load.
export const load: PageLoad = async ({ fetch }) => {
  try {
    return { periods: (await getRetentionPeriods(fetch)).venues };
  } catch {
    return { periods: null };
  }
};
