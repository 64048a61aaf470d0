import { requireSignIn } from '#lib/auth/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  await requireSignIn(url);
  return {};
};
