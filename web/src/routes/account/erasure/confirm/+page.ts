import { requireSignIn } from '#lib/auth/guards.ts';
import type { PageLoad } from './$types';

// The link works only for the account it was sent to: sign in first (and come back here).
export const load: PageLoad = async ({ url }) => {
  await requireSignIn(url);
  return { token: url.searchParams.get('token') };
};
