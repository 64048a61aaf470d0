import { session } from '#lib/session.svelte.ts';
import { browser } from '$app/env';
import type { LayoutLoad } from './$types';

// Pages are rendered on the server (the public ones are read by people who have never been here,
// often on a phone); pages behind a sign-in opt out with `ssr = false` in their own folders.
// In the browser the session starts as the server found it: no second look-up, no jump.
export const load: LayoutLoad = ({ data }) => {
  if (browser) session.adopt(data.session);
  return data;
};
