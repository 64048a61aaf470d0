import type { ApiErrorBody } from './types.ts';

/** One problem with one field, as the API names it (`path` is the body's key, e.g. `orcid`). */
export type FieldProblem = NonNullable<ApiErrorBody['error']['fields']>[number];

/**
 * What went wrong with a call, in the API's own words. `message` is written for the person
 * using the page, so pages show it as it is.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  readonly requestId: string | null;
  /** Seconds to wait, from Retry-After on 429 answers. */
  readonly retryAfter: number | null;
  /**
   * Anything else the error names beside code, message and fields, as sent: e.g. the `conflicts`
   * of a 409 conflict_needs_override, for the page to list before asking for a reason.
   */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldProblem[];
    requestId?: string | null;
    retryAfter?: number | null;
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.details = init.details ?? {};
  }
}

const unreachable =
  'We could not reach the GAPS Submissions server. Check your internet connection and try again in a moment.';

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network', message: unreachable });
}

/** Turns any error answer into an ApiError, even when the body is not the API's JSON (a proxy's page, say). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall through to a message chosen by status.
  }
  if (isErrorBody(body)) {
    const { code: _code, message: _message, fields: _fields, ...details } = body.error as Record<string, unknown>;
    return new ApiError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      fields: Array.isArray(body.error.fields) ? body.error.fields : [],
      requestId: body.requestId ?? requestId,
      retryAfter,
      details,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'server_error' : 'unexpected_answer',
    message:
      response.status >= 500 || response.status === 404 ? unreachable : 'Something went wrong. Please try again.',
    requestId,
    retryAfter,
  });
}

/** What the API answers on every error; a proxy in between may send something else. */
type ErrorBody = Omit<ApiErrorBody, 'requestId'> & { requestId?: string };

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.round((when - Date.now()) / 1000));
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
