import { getCall } from '#lib/api/calls.ts';
import type { ApiError } from '#lib/api/errors.ts';
import { getSubmission } from '#lib/api/submissions.ts';
import type { Call } from '#lib/api/types.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

// The submission comes with the page, with its call's rules when the page shows them (the
// editor's view and a draft's wizard). A change made on the page, and the page following the
// anonymised copy while it is made, call invalidate('app:submission').
export const load: PageLoad = async ({ url, params, fetch, depends }) => {
  depends('app:submission');
  await requireSignIn(url);
  const submissionId = params.submissionId;
  try {
    const answer = await getSubmission(submissionId, fetch);
    let call: Call | null = null;
    let callProblem: ApiError | null = null;
    if (answer.relation === 'editor' || answer.submission.status === 'draft') {
      try {
        call = await getCall(answer.submission.call.id, fetch);
      } catch (problem) {
        callProblem = asApiError(problem);
      }
    }
    return { submissionId, answer, call, callProblem, problem: null };
  } catch (problem) {
    return { submissionId, answer: null, call: null, callProblem: null, problem: asApiError(problem) };
  }
};
