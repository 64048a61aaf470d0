import { listMail } from '#lib/api/admin.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import { readQuery } from '#lib/navigation/query.ts';
import type { PageLoad } from './$types';

// The search lives in the address, so this runs again when it changes; "Load more" fetches older e-mails.
export const load: PageLoad = async ({ url, fetch, depends, parent }) => {
  depends('app:mail');
  await parent(); // the office's layout has checked this is an admin
  const filter = readQuery(url, ['to', 'code', 'show'] as const);
  try {
    return { filter, first: await listMail({ ...filter, before: null }, fetch), problem: null };
  } catch (problem) {
    return { filter, first: { items: [], nextCursor: null }, problem: asApiError(problem) };
  }
};
