import { requireAdmin } from '#lib/auth/guards.ts';
import type { LayoutLoad } from './$types';

// Drawn in the browser: the office's pages are about people, and nothing of them may sit in a cache.
export const ssr = false;

export const load: LayoutLoad = async ({ url }) => {
  await requireAdmin(url);
  return {};
};
