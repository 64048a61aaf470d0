import { requireAdmin } from '#lib/auth/guards.ts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ url }) => {
  await requireAdmin(url);
  return {};
};
