import { listOpenCalls } from '#lib/api/calls.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// Rendered on the server with the calls in it: no "Loading…", nothing that jumps when they arrive.
export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:calls');
  try {
    return { calls: await listOpenCalls(fetch), problem: null };
  } catch (error) {
    // Said on the page, with "Try again", rather than as an error page: the rest of it still helps.
    return { calls: [], problem: asApiError(error) };
  }
};
