// For `load` functions: an API refusal or an unreachable server becomes SvelteKit's error page,
// with the API's own words and the reference to quote (as the guards do).
import { error } from '@sveltejs/kit';
import { ApiError } from '../api/errors.ts';

export function failLoad(problem: unknown): never {
  const api = problem instanceof ApiError ? problem : null;
  error(api && api.status >= 400 ? api.status : 503, api?.message ?? 'We could not reach the server.', {
    code: api?.code ?? 'network',
    requestId: api?.requestId ?? null,
  });
}
