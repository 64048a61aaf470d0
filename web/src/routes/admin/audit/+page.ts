import { listAuditEvents } from '#lib/api/admin.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import { readQuery } from '#lib/navigation/query.ts';
import type { PageLoad } from './$types';

const keys = ['person', 'code', 'action', 'objectType', 'objectId'] as const;

// The filters live in the address, so this runs again when they change; "Load more" fetches older events.
export const load: PageLoad = async ({ url, fetch, depends, parent }) => {
  depends('app:audit');
  await parent(); // the office's layout has checked this is an admin
  const filter = readQuery(url, keys);
  try {
    return { filter, first: await listAuditEvents({ ...filter, before: null }, fetch), problem: null };
  } catch (problem) {
    return { filter, first: { items: [], nextCursor: null }, problem: asApiError(problem) };
  }
};
