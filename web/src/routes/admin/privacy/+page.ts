import { listSubjectAccessRequests } from '#lib/api/privacy.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import { readQuery } from '#lib/navigation/query.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, fetch, depends, parent }) => {
  depends('app:subject-access');
  await parent(); // the office's layout has checked this is an admin
  const filter = readQuery(url, ['kind', 'year'] as const);
  const query = {
    kind: filter.kind === 'export' || filter.kind === 'erasure' ? (filter.kind as 'export' | 'erasure') : undefined,
    year: /^\d{4}$/.test(filter.year) ? filter.year : undefined,
  };
  try {
    return { filter, log: await listSubjectAccessRequests(query, fetch), problem: null };
  } catch (problem) {
    return { filter, log: null, problem: asApiError(problem) };
  }
};
