import type { HandleClientError } from '@sveltejs/kit/hooks';
import { ApiError } from '#lib/api/errors.ts';

// Errors nobody expected reach +error.svelte through here: keep the API's words and reference
// when there are some, and never show a stack trace.
export const handleError: HandleClientError = ({ error, kind }) => {
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
};
