import { getMailMessage } from '#lib/api/admin.ts';
import { asApiError } from '#lib/loading/resource.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, depends, parent }) => {
  depends('app:mail-message');
  await parent(); // the office's layout has checked this is an admin
  try {
    return { message: await getMailMessage(params.messageId, fetch), problem: null };
  } catch (problem) {
    return { message: null, problem: asApiError(problem) };
  }
};
