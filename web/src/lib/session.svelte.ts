// Who is signed in, for every page. Loaded once from GET /api/session; updated when someone
// signs in, signs out or changes their profile, so the header and guards never go stale.
//
// On the server this one object is shared by every visitor being rendered at the same moment,
// so there it keeps nothing: it reads the person from the page being rendered (the root
// layout's server load puts it in `page.data`), which SvelteKit keeps per request.
import { browser } from '$app/env';
import { page } from '$app/state';
import * as accounts from './api/accounts.ts';
import { api } from './api/client.ts';
import { ApiError } from './api/errors.ts';
import type { Person } from './api/types.ts';
import { kept } from './kept-typing/store.ts';
import { deviceTimeZone } from './time.ts';

type Status = 'loading' | 'ready' | 'unavailable';

/** What the root layout's server load found (plain data: it travels in the page). */
export interface SessionState {
  person: Person | null;
  /** Set when the session came from an invitation link: it reaches this one assignment only. */
  assignmentScope?: string | null;
  problem: { status: number; code: string; message: string; requestId: string | null } | null;
}

/** The session of the page being rendered on the server. */
function rendered(): SessionState {
  return (page.data as { session?: SessionState }).session ?? { person: null, problem: null };
}

class Session {
  #person = $state<Person | null>(null);
  #assignmentScope = $state<string | null>(null);
  #status = $state<Status>('loading');
  #problem = $state<ApiError | null>(null);
  #loading: Promise<void> | null = null;
  #beforeSignOut = new Set<() => Promise<unknown>>();
  #afterSignIn = new Set<(person: Person) => unknown>();

  get person(): Person | null {
    return browser ? this.#person : rendered().person;
  }
  set person(person: Person | null) {
    this.#person = person;
    // A sign-in, a sign-out or an ended session: whatever comes next is not the link's session.
    if (!person) this.#assignmentScope = null;
  }
  /**
   * The one assignment an invitation-link session reaches (null for a full session): pages hide
   * what such a session cannot open (the account, My submissions).
   */
  get assignmentScope(): string | null {
    return browser ? this.#assignmentScope : (rendered().assignmentScope ?? null);
  }
  get status(): Status {
    if (browser) return this.#status;
    return rendered().problem ? 'unavailable' : 'ready';
  }
  set status(status: Status) {
    this.#status = status;
  }
  /** Why the session could not be loaded (the server is away, say). */
  get problem(): ApiError | null {
    if (browser) return this.#problem;
    const problem = rendered().problem;
    return problem ? new ApiError(problem) : null;
  }
  set problem(problem: ApiError | null) {
    this.#problem = problem;
  }

  /** In the browser: takes what the server found, so the page starts as it was rendered. */
  adopt(state: SessionState) {
    this.#person = state.person;
    this.#assignmentScope = state.assignmentScope ?? null;
    this.#status = state.problem ? 'unavailable' : 'ready';
    this.#problem = state.problem ? new ApiError(state.problem) : null;
    // A failure is not remembered: the next page asks again.
    this.#loading = state.problem ? null : Promise.resolve();
  }

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
      this.#assignmentScope = answer.assignmentScope;
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
    this.#assignmentScope = null;
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
