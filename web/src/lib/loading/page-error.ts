// What +error.svelte gets for an error nobody expected, on the server and in the browser alike:
// the API's words and reference when there are some, and never a stack trace.
import { ApiError } from '../api/errors.ts';

export function pageError(error: unknown, kind: string) {
  if (error instanceof ApiError) {
    return {
      status: error.status === 0 ? 503 : error.status,
      message: error.message,
      code: error.code,
      requestId: error.requestId,
    };
  }
  if (kind === 'unknown') {
    console.error(error);
    return { status: 500, message: 'Something went wrong on this page. Please reload it and try again.' };
  }
  return undefined;
}
