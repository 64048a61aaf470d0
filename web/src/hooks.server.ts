import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit/hooks';
import { pageError } from '#lib/loading/page-error.ts';

// The one /api answer a page's server-side render may see with the visitor's cookies: who is
// signed in (routes/+layout.server.ts explains how that keeps personal data off shared caches).
// Everything else a page loads on the server is public and fetched as nobody.
const withCookies = new Set(['/api/session']);

// `npm run dev` runs the API as a process of its own (scripts/dev.ts); built, it is this process.
const devApiOrigin = `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;

export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);
  const headers = new Headers(request.headers);
  headers.delete('cookie');
  const cookie = event.request.headers.get('cookie');
  if (cookie && withCookies.has(url.pathname)) headers.set('cookie', cookie);
  const inProcess = event.platform?.req?.gapsApi;
  if (inProcess) return inProcess(new Request(request, { headers }));
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return globalThis.fetch(`${devApiOrigin}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
  });
};

// The plain "Loading…" in app.html stands in for a page drawn by the browser; a page drawn here
// is already there, and must not say it is loading (nor read so to someone without JavaScript).
const bootLoading = /<p id="boot-loading"[^>]*>[^<]*<\/p>/;

// Each public page says what it is in its own <svelte:head>; a page that does not (yet) still
// gets a sentence, so a search result or a shared link is never blank.
const fallbackDescription =
  '<meta name="description" content="GAPS Submissions: send a paper to the Journal of Social Work Practice or enter the Clare Winnicott Essay Awards, and follow what happens to it." />';

function finish(html: string): string {
  const page = html.replace(bootLoading, '');
  return /<meta name="description"/.test(page) ? page : page.replace('</head>', `${fallbackDescription}</head>`);
}

// The headers the API client reads from an answer (errors.ts); a server-side load's answers are
// replayed in the browser, which sees only the headers listed here.
const replayedHeaders = new Set(['content-type', 'x-request-id', 'retry-after']);

export const handle: Handle = async ({ event, resolve }) =>
  resolve(event, {
    transformPageChunk: ({ html }) => (event.locals.rendered ? finish(html) : html),
    filterSerializedResponseHeaders: (name) => replayedHeaders.has(name),
  });

// As hooks.client.ts: the API's words and reference when there are some, never a stack trace.
export const handleError: HandleServerError = ({ error, kind }) => pageError(error, kind);
