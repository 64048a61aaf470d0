import { getRetention } from '#lib/api/retention.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends, parent }) => {
  depends('app:retention');
  await parent(); // the office's layout has checked this is an admin
  try {
    return { overview: await getRetention(fetch), problem: null };
  } catch (problem) {
    return { overview: null, problem: asApiError(problem) };
  }
};
