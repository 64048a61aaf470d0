import { error } from '@sveltejs/kit';
import { listVenues } from '#lib/api/venues.ts';
import { requireSignIn } from '#lib/auth/guards.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, fetch, depends }) => {
  depends('app:venues');
  const person = await requireSignIn(url);
  if (!person.isAdmin && person.editorOf.length === 0) {
    error(403, 'This page is for editors. If you edit one of the venues, ask an admin to give you the editor role.', {
      code: 'not_editor',
    });
  }
  // Admins manage every venue; editors see the ones they edit, which the session already lists.
  if (!person.isAdmin) return { venues: person.editorOf, problem: null };
  try {
    return { venues: await listVenues(fetch), problem: null };
  } catch (problem) {
    return { venues: [], problem: asApiError(problem) };
  }
};
