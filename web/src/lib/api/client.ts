// The one way the pages talk to the API: same origin, session cookie, CSRF header on every
// state-changing call, and errors turned into ApiError so pages can show the API's own words.
import { ApiError, errorFromResponse, networkError } from './errors.ts';
import type { SessionAnswer } from './types.ts';

export { ApiError } from './errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UploadOptions {
  /** Called as the body goes out: bytes sent so far, and the whole size. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}
export type Query = Record<string, string | null | undefined>;

const changesState = (method: Method) => method !== 'GET';

export class ApiClient {
  #csrfToken: string | null = null;
  #sessionRequest: Promise<SessionAnswer> | null = null;
  /** Called when the API says the session has ended (expired, or signed out elsewhere). */
  onSignedOut: (() => void) | null = null;

  /**
   * GET /api/session: who is signed in, and the CSRF token. Concurrent callers share one
   * request; `refresh` asks again (after signing in or out, or when the token was refused).
   */
  session(options: { refresh?: boolean; fetch?: typeof fetch } = {}): Promise<SessionAnswer> {
    if (!this.#sessionRequest || options.refresh) {
      const request = this.#send<SessionAnswer>('GET', '/api/session', undefined, undefined, options.fetch).then(
        (answer) => {
          this.#csrfToken = answer.csrfToken;
          return answer;
        },
      );
      // A failed look-up must not be remembered, or one bad moment would break every later save.
      request.catch(() => {
        if (this.#sessionRequest === request) this.#sessionRequest = null;
      });
      this.#sessionRequest = request;
    }
    return this.#sessionRequest;
  }

  /**
   * Signing in or out rotates the CSRF secret: the token held here is stale, so the next
   * state-changing call asks for a fresh one instead of being refused once first.
   */
  forgetCsrfToken() {
    this.#csrfToken = null;
    this.#sessionRequest = null;
  }

  /** `options.fetch`: a SvelteKit load function's own fetch (on the server it reaches the API in-process). */
  get<T>(path: string, query?: Query, options: { fetch?: typeof fetch } = {}): Promise<T> {
    return this.#send<T>('GET', withQuery(path, query), undefined, undefined, options.fetch);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Like `post`, with the status too: for a route whose 200 and 201 mean different things. */
  async postWithStatus<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.#withCsrf((token) => this.#fetch('POST', path, body, token));
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    if (!changesState(method)) return this.#send<T>(method, path, body);
    return this.#withCsrf((token) => this.#send<T>(method, path, body, token));
  }

  async #withCsrf<T>(send: (csrfToken: string) => Promise<T>): Promise<T> {
    const token = await this.#token();
    try {
      return await send(token);
    } catch (error) {
      // The token goes stale when the CSRF cookie expires or is cleared: fetch a fresh one and try once more.
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
        const fresh = await this.session({ refresh: true });
        return send(fresh.csrfToken);
      }
      throw error;
    }
  }

  /**
   * Sends a form with a file. XMLHttpRequest rather than fetch, because only XMLHttpRequest
   * reports how much of the body has gone (for the progress bar). The same rules as `request`:
   * the CSRF header, one retry with a fresh token, ApiError for any refusal.
   */
  async upload<T>(path: string, body: FormData, options: UploadOptions = {}): Promise<T> {
    const token = await this.#token();
    try {
      return await this.#sendForm<T>(path, body, token, options);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
        const fresh = await this.session({ refresh: true });
        return this.#sendForm<T>(path, body, fresh.csrfToken, options);
      }
      throw error;
    }
  }

  #sendForm<T>(path: string, body: FormData, csrfToken: string, options: UploadOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.withCredentials = false; // same origin: the cookies go anyway, and never anywhere else
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
      };
      xhr.onerror = () => reject(networkError());
      xhr.ontimeout = () => reject(networkError());
      xhr.onabort = () => reject(new ApiError({ status: 0, code: 'aborted', message: 'The upload was stopped.' }));
      xhr.onload = async () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          } catch {
            reject(networkError());
          }
          return;
        }
        const headers = new Headers();
        for (const name of ['x-request-id', 'retry-after', 'content-type']) {
          const value = xhr.getResponseHeader(name);
          if (value) headers.set(name, value);
        }
        const status = xhr.status >= 400 && xhr.status <= 599 ? xhr.status : 502;
        const error = await errorFromResponse(new Response(xhr.responseText, { status, headers }));
        if (error.status === 401 && error.code === 'sign_in_required') this.onSignedOut?.();
        reject(error);
      };
      options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  }

  async #token(): Promise<string> {
    if (this.#csrfToken) return this.#csrfToken;
    return (await this.session()).csrfToken;
  }

  async #send<T>(method: Method, path: string, body?: unknown, csrfToken?: string, fetcher?: typeof fetch): Promise<T> {
    const response = await this.#fetch(method, path, body, csrfToken, fetcher);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** `fetcher` lets a SvelteKit load function pass its own fetch (SvelteKit asks for that). */
  async #fetch(
    method: Method,
    path: string,
    body?: unknown,
    csrfToken?: string,
    fetcher: typeof fetch = fetch,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Only with a body: the API refuses an empty body labelled as JSON.
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // The API lives on the pages' own origin; cookies must never travel anywhere else.
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw networkError();
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.status === 401 && error.code === 'sign_in_required') this.onSignedOut?.();
      throw error;
    }
    return response;
  }
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The client every page uses; one per browser tab, so the CSRF token is fetched once. */
export const api = new ApiClient();
