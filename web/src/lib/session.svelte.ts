// Who is signed in, for every page. Loaded once from GET /api/session; updated when someone
// signs in, signs out or changes their profile, so the header and guards never go stale.
import * as accounts from './api/accounts.ts';
import { api } from './api/client.ts';
import { ApiError } from './api/errors.ts';
import type { Person } from './api/types.ts';
import { kept } from './kept-typing/store.ts';
import { deviceTimeZone } from './time.ts';

type Status = 'loading' | 'ready' | 'unavailable';

class Session {
  person = $state<Person | null>(null);
  status = $state<Status>('loading');
  /** Why the session could not be loaded (the server is away, say). */
  problem = $state<ApiError | null>(null);
  #loading: Promise<void> | null = null;
  #beforeSignOut = new Set<() => Promise<unknown>>();
  #afterSignIn = new Set<(person: Person) => unknown>();

  constructor() {
    // A session that ends while a page is open (it expired, or the password was changed on
    // another device) must not leave the header claiming the person is still signed in.
    api.onSignedOut = () => {
      this.person = null;
    };
  }

  /** Loads the session the first time; later calls wait for that same load. */
  ensureLoaded(fetcher?: typeof fetch): Promise<void> {
    this.#loading ??= this.#load(false, fetcher);
    return this.#loading;
  }

  /** Asks the server again, e.g. after a profile change that the header shows. */
  refresh(): Promise<void> {
    return this.#load(true);
  }

  async #load(fresh: boolean, fetcher?: typeof fetch): Promise<void> {
    try {
      const answer = await api.session({ refresh: fresh, fetch: fetcher });
      this.person = answer.person;
      this.status = 'ready';
      this.problem = null;
    } catch (error) {
      this.status = 'unavailable';
      this.problem = error instanceof ApiError ? error : null;
      // Let the next page try again rather than remembering the failure.
      this.#loading = null;
    }
  }

  signedIn(person: Person) {
    this.person = person;
    this.status = 'ready';
    api.forgetCsrfToken();
    for (const listener of this.#afterSignIn) listener(person);
  }

  /** Told of every sign-in on this page (the sign-in page or the in-place dialog alike). */
  onSignedIn(listener: (person: Person) => unknown): () => void {
    this.#afterSignIn.add(listener);
    return () => this.#afterSignIn.delete(listener);
  }

  /** A form that saves as people type registers here, to send what is left before signing out. */
  onSignOut(flush: () => Promise<unknown>): () => void {
    this.#beforeSignOut.add(flush);
    return () => this.#beforeSignOut.delete(flush);
  }

  /**
   * Signing out on purpose: what is still unsaved is sent first, then the words this person kept
   * on this device are forgotten, so the next person at a shared computer cannot find them.
   */
  async signOut(): Promise<void> {
    const leaving = this.person;
    await Promise.allSettled([...this.#beforeSignOut].map((flush) => flush()));
    await accounts.signOut();
    api.forgetCsrfToken();
    this.person = null;
    if (leaving) kept.forgetPerson(leaving.id);
  }

  get timeZone(): string {
    return this.person?.timeZone ?? deviceTimeZone();
  }

  get isEditor(): boolean {
    return (this.person?.editorOf.length ?? 0) > 0;
  }
}

export const session = new Session();
