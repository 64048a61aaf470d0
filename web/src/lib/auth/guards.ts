// Page guards for load functions: send people who are not signed in to the sign-in page
// (and back afterwards), and tell people without the role that the page is not for them.
import { error, redirect } from '@sveltejs/kit';
import type { Person } from '../api/types.ts';
import { session } from '../session.svelte.ts';

/** Where to come back to: a URL, or `page.url` (whose search parameters are read-only). */
type Address = Pick<URL, 'pathname' | 'search'>;

export function signInHref(next: Address | string): string {
  const target = typeof next === 'string' ? next : `${next.pathname}${next.search}`;
  return `/sign-in?next=${encodeURIComponent(target)}`;
}

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeNext(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export async function requireSignIn(url: URL): Promise<Person> {
  await session.ensureLoaded();
  if (session.status === 'unavailable') {
    const problem = session.problem;
    error(
      problem?.status && problem.status >= 500 ? problem.status : 503,
      problem?.message ?? 'We could not reach the server.',
      {
        code: problem?.code ?? 'network',
        requestId: problem?.requestId ?? null,
      },
    );
  }
  if (!session.person) redirect(307, signInHref(url));
  return session.person;
}

export async function requireAdmin(url: URL): Promise<Person> {
  const person = await requireSignIn(url);
  if (!person.isAdmin) {
    error(403, 'This page is for the GAPS office. If you need to use it, ask an admin to give you access.', {
      code: 'not_admin',
    });
  }
  return person;
}

/** Editors of the venue and admins manage its reviewer pool; for anyone else it does not exist. */
export async function requireVenueEditor(url: URL, venueId: string): Promise<Person> {
  const person = await requireSignIn(url);
  if (!person.isAdmin && !person.editorOf.some((venue) => venue.id === venueId)) {
    error(404, 'We could not find that page. Check the address, or go back and try again.', { code: 'not_found' });
  }
  return person;
}
