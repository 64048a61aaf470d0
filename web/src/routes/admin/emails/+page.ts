import { listMailKinds, siteMailBase } from '#lib/api/mail-templates.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

// The admin layout has checked the viewer is an admin.
export const load: PageLoad = async ({ fetch }) => {
  try {
    return { list: await listMailKinds(siteMailBase, fetch) };
  } catch (problem) {
    failLoad(problem);
  }
};
