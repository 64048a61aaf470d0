import { session } from '#lib/session.svelte.ts';
import type { LayoutLoad } from './$types';

// The pages are a client-rendered app talking to /api: the server sends the same HTML shell
// for every address, so nothing personal is ever rendered on the server.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch }) => {
  // Never throws: when the server is away the layout says so and offers "Try again".
  await session.ensureLoaded(fetch);
  return {};
};
