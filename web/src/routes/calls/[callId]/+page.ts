import { error } from '@sveltejs/kit';
import { getCall } from '#lib/api/calls.ts';
import { ApiError } from '#lib/api/errors.ts';
import type { PageLoad } from './$types';

// A call's own page, the address to share: rendered on the server from the public call (fetched
// as nobody, so a closed call is "not found" here for everyone, editors included).
export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:calls');
  try {
    return { call: await getCall(params.callId, fetch) };
  } catch (problem) {
    if (problem instanceof ApiError && (problem.status === 404 || problem.status === 400)) {
      error(
        404,
        'This call is closed, or the address is not quite right. The open calls page lists every call you can enter now.',
        {
          code: 'not_found',
        },
      );
    }
    throw problem;
  }
};
