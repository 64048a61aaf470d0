import { ApiClient, ApiError } from '#lib/api/client.ts';
import type { SessionState } from '#lib/session.svelte.ts';
import type { LayoutServerLoad } from './$types';

// Who is signed in, looked up once per page load on the server, so the header is drawn right the
// first time (no jump when it would change from "Sign in" to someone's name).
//
// Keeping personal data off shared caches: only this look-up carries the visitor's cookies
// (hooks.server.ts); the pages' public data (open calls, a call) is fetched without them, so it
// is the same for everyone. A page rendered for someone signed in names them in the header, so
// it is `private, no-store`: no proxy or shared computer's cache keeps it. A page rendered for
// nobody holds nothing personal; `no-cache` still makes a cache ask again, as the visitor may
// have signed in since.
export const load: LayoutServerLoad = async ({ fetch, setHeaders, locals }) => {
  locals.rendered = true;
  const session = await lookUp(fetch);
  setHeaders({ 'cache-control': session.person ? 'private, no-store' : 'no-cache' });
  return { session };
};

async function lookUp(fetch: typeof globalThis.fetch): Promise<SessionState> {
  try {
    // A client of its own: the browser's one keeps the CSRF token, which must not be shared here.
    const answer = await new ApiClient().session({ fetch });
    return { person: answer.person, assignmentScope: answer.assignmentScope, problem: null };
  } catch (error) {
    const problem =
      error instanceof ApiError ? error : new ApiError({ status: 503, code: 'network', message: String(error) });
    return {
      person: null,
      problem: { status: problem.status, code: problem.code, message: problem.message, requestId: problem.requestId },
    };
  }
}
