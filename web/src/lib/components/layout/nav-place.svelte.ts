// Which navigation link the page on screen belongs to. Most pages say it with their address; an
// editor's view of a submission (/submissions/…) does not, so that view names its venue here.
import { page } from '$app/state';
import { session } from '../../session.svelte.ts';

export type EditorSection = 'submissions' | 'calls' | 'reviewers' | 'settings' | 'emails' | 'trace' | 'reports';

const shown = $state<{ venueId: string | null }>({ venueId: null });

/** Call while an editor's view of a submission is on screen: its venue's "Submissions" is then current. */
export function showVenueInNav(venueId: () => string | null): void {
  $effect(() => {
    shown.venueId = venueId();
    return () => {
      shown.venueId = null;
    };
  });
}

/** True while the page is a submission seen from the editor's side of the desk. */
export function onEditorsSubmission(): boolean {
  return shown.venueId !== null && /^\/submissions\/[^/]+\/?$/.test(page.url.pathname);
}

/** The editing link (venue and section) the page belongs to, if it is one of the signed-in editor's venues. */
export function editorPlace(): { venueId: string; section: EditorSection } | null {
  const edits = (venueId: string) => session.person?.editorOf.some((venue) => venue.id === venueId) ?? false;
  const match = /^\/venues\/([^/]+)\/(submissions|calls|reviewers|settings|emails|trace|reports)(?:\/|$)/.exec(
    page.url.pathname,
  );
  if (match && edits(match[1]!)) return { venueId: match[1]!, section: match[2] as EditorSection };
  if (onEditorsSubmission() && edits(shown.venueId!)) return { venueId: shown.venueId!, section: 'submissions' };
  return null;
}
