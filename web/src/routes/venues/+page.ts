import { error } from '@sveltejs/kit';
import { requireSignIn } from '#lib/auth/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  const person = await requireSignIn(url);
  if (!person.isAdmin && person.editorOf.length === 0) {
    error(403, 'This page is for editors. If you edit one of the venues, ask an admin to give you the editor role.', {
      code: 'not_editor',
    });
  }
  return {};
};
