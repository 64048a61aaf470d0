import { listMySubmissions } from '#lib/api/submissions.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The first page (20, newest change first) comes with the page; "Load more" fetches the rest.
// A change made elsewhere on the page (a draft deleted, say) calls invalidate('app:my-submissions').
export const load: PageLoad = async ({ url, fetch, depends }) => {
  depends('app:my-submissions');
  await requireSignIn(url);
  try {
    return { first: await listMySubmissions(null, fetch), problem: null };
  } catch (problem) {
    return { first: { items: [], nextCursor: null }, problem: asApiError(problem) };
  }
};
