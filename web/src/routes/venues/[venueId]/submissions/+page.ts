import { listVenueCalls } from '#lib/api/calls.ts';
import { listVenueSubmissions } from '#lib/api/submissions.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import { readQuery } from '#lib/navigation/query.ts';
import type { PageLoad } from './$types';

const queueKeys = ['status', 'callId', 'categoryId', 'q', 'sort', 'order'] as const;

// The filters live in the address, so this runs again when they change (and on
// invalidate('app:queue') after a change to a submission); "Load more" fetches further pages.
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:queue');
  await requireVenueEditor(url, params.venueId);
  const raw = readQuery(url, queueKeys);
  const query = { ...raw, sort: raw.sort || 'submitted', order: raw.order || 'desc' };
  const [calls, first] = await Promise.allSettled([
    listVenueCalls(params.venueId, fetch),
    listVenueSubmissions(params.venueId, { ...query, after: null }, fetch),
  ]);
  return {
    venueId: params.venueId,
    raw,
    query,
    calls: calls.status === 'fulfilled' ? calls.value.calls : [],
    callsProblem: calls.status === 'rejected' ? asApiError(calls.reason) : null,
    first: first.status === 'fulfilled' ? first.value : { items: [], nextCursor: null, counts: {} },
    problem: first.status === 'rejected' ? asApiError(first.reason) : null,
  };
};
