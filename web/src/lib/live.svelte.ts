// A page drawn on the server shows its buttons before the browser has run its script. A press in
// that moment would do nothing (or send a form the plain way, with nothing to answer it), so
// buttons that need the script stay disabled until the component is live in the browser.
import { onMount } from 'svelte';

/** Call while a component starts; `current` turns true once it is live in the browser. */
export function liveInBrowser(): { readonly current: boolean } {
  let live = $state(false);
  onMount(() => {
    live = true;
  });
  return {
    get current() {
      return live;
    },
  };
}
