// Page guards for load functions: send people who are not signed in to the sign-in page
// (and back afterwards), and tell people without the role that the page is not for them.
import { returnPath } from '@gaps/server/validation';
import { error, redirect } from '@sveltejs/kit';
import type { Person } from '../api/types.ts';
import { session } from '../session.svelte.ts';

/** Where to come back to: a URL, or `page.url` (whose search parameters are read-only). */
type Address = Pick<URL, 'pathname' | 'search'>;

export function signInHref(next: Address | string): string {
  const target = typeof next === 'string' ? next : `${next.pathname}${next.search}`;
  return `/sign-in?next=${encodeURIComponent(target)}`;
}

/** `value` if it is a path on this site (the API's own rule), so a crafted link cannot send anyone elsewhere. */
export function validNext(value: string | null | undefined): string | undefined {
  return value && returnPath.safeParse(value).success ? value : undefined;
}

/** Where to go after signing in: only a same-site path, else the home page. */
export function safeNext(value: string | null): string {
  return validNext(value) ?? '/';
}

/**
 * A link to an account page (`/sign-up`, `/sign-in`) that carries on to `next` afterwards, when
 * there is somewhere safe to carry on to: so "Create an account" keeps the call being entered.
 */
export function carryingNext(page: string, next: string | null | undefined): string {
  const safe = validNext(next);
  return safe ? `${page}?next=${encodeURIComponent(safe)}` : page;
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
