import { getMailKind, siteMailBase } from '#lib/api/mail-templates.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    return { base: siteMailBase, kind: await getMailKind(siteMailBase, params.key, fetch) };
  } catch (problem) {
    failLoad(problem);
  }
};
