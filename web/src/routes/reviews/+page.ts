import { getReviewerHome } from '#lib/api/reviewer-home.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// Answering an invitation calls invalidate('app:reviewer-home'), so the lists show where it now stands.
export const load: PageLoad = async ({ url, fetch, depends }) => {
  depends('app:reviewer-home');
  await requireSignIn(url);
  try {
    return { home: await getReviewerHome(fetch), problem: null };
  } catch (problem) {
    return { home: null, problem: asApiError(problem) };
  }
};

// Drawn in the browser: this page is about the signed-in person, so it has nothing to gain from
// the server and nothing of it may sit in a cache.
export const ssr = false;
