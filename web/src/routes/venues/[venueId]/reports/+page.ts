import { listVenueCalls } from '#lib/api/calls.ts';
import { ApiError } from '#lib/api/errors.ts';
import { getReport, type ReportQuery } from '#lib/api/reports.ts';
import { requireVenueEditor } from '#lib/auth/guards.ts';
import { failLoad } from '#lib/loading/load-error.ts';
import { readQuery } from '#lib/navigation/query.ts';
import type { PageLoad } from './$types';

const reportKeys = ['callId', 'from', 'to'] as const;

// The filters live in the address (a plain GET form), so a filtered report can be bookmarked, and
// the CSV links carry the same filters. A filter the API refuses (a day that does not exist, a
// call that is not this venue's) is shown above the form, which keeps what was typed.
export const load: PageLoad = async ({ url, params, fetch }) => {
  await requireVenueEditor(url, params.venueId);
  const query: ReportQuery = readQuery(url, reportKeys);
  try {
    return {
      venueId: params.venueId,
      query,
      report: await getReport(params.venueId, query, fetch),
      problem: null,
      calls: [],
    };
  } catch (problem) {
    const refusedFilter =
      problem instanceof ApiError && (problem.status === 400 || (problem.status === 404 && query.callId));
    if (!refusedFilter) failLoad(problem);
    let calls: Array<{ id: string; title: string }> = [];
    try {
      calls = (await listVenueCalls(params.venueId, fetch)).calls.map((call) => ({ id: call.id, title: call.title }));
    } catch (callsProblem) {
      failLoad(callsProblem);
    }
    return { venueId: params.venueId, query, report: null, problem, calls };
  }
};
