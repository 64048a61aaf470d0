import { getReview } from '#lib/api/reviews.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// Drawn in the browser: the page is one reviewer's own, and none of it may sit in a cache.
export const ssr = false;

export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:review');
  await requireSignIn(url);
  try {
    return { review: await getReview(params.assignmentId, fetch), problem: null };
  } catch (problem) {
    return { review: null, problem: asApiError(problem) };
  }
};
