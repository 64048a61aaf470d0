// What every page that saves as people type does for as long as it is open: saves once more when
// the person signs in again in place, flushes before an intended sign-out, saves when the tab is
// hidden, and asks before the page is left with words the server does not have yet.
import { session } from '../session.svelte.ts';
import { signInAgain } from './sign-in-again.svelte.ts';

/** The part of an autosaving editor (a draft, a review) the page's lifetime drives. */
export interface AutosavingEditor {
  readonly hasUnsaved: boolean;
  save(): Promise<void>;
  flush(): Promise<void>;
  resume(): Promise<boolean>;
  destroy(): void;
}

/** Call from `onMount`; answers the clean-up to return from it. */
export function keepSaving(editor: AutosavingEditor): () => void {
  const stopWaiting = signInAgain.onResume(() => editor.resume());
  const stopFlushing = session.onSignOut(() => editor.flush());
  const warn = (event: BeforeUnloadEvent) => {
    if (editor.hasUnsaved) event.preventDefault();
  };
  const hidden = () => {
    if (document.visibilityState === 'hidden') void editor.save();
  };
  addEventListener('beforeunload', warn);
  document.addEventListener('visibilitychange', hidden);
  return () => {
    removeEventListener('beforeunload', warn);
    document.removeEventListener('visibilitychange', hidden);
    stopWaiting();
    stopFlushing();
    editor.destroy();
  };
}
