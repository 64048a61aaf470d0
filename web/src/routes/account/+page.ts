import { getProfile } from '#lib/api/accounts.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The profile comes with the page; a change saved on it calls invalidate('app:profile').
export const load: PageLoad = async ({ url, fetch, depends }) => {
  depends('app:profile');
  await requireSignIn(url);
  try {
    return { profile: await getProfile(fetch), problem: null };
  } catch (problem) {
    return { profile: null, problem: asApiError(problem) };
  }
};
