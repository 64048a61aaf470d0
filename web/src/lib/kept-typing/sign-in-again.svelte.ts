// When a save finds that the session has ended, the page stays where it is: the words are kept
// (store.ts), a banner offers "Sign in again" (an in-place dialog), and once the same person is
// back every form that was waiting saves. Typing can go on meanwhile: the banner is not modal.
// If someone else signs in instead, nothing typed by the first person goes into their account.
import type { Person } from '../api/types.ts';
import { session } from '../session.svelte.ts';

/** Whose words a form holds: the person signed in when the page opened. */
export interface Owner {
  id: string;
  name: string;
  email: string;
}

export const ownerOf = (person: Person | null): Owner | null =>
  person ? { id: person.id, name: person.name, email: person.email } : null;

/** Called once the owner is back: saves what waited, answers whether it all went through. */
type Resume = () => Promise<boolean>;

class SignInAgain {
  /** Whose words are waiting for a sign-in; null while all is well. */
  waitingFor = $state<Owner | null>(null);
  /** Someone other than the owner signed in: the words stay on this device, unsent. */
  someoneElse = $state<Owner | null>(null);
  /** What happened after the last sign-in: everything saved, or saving found a problem (the form shows it). */
  outcome = $state<'saved' | 'problem' | null>(null);
  /** Goes up when the person pressed a button that needs the session (not mid-typing): open the dialog now. */
  asked = $state(0);
  #resumes = new Set<Resume>();
  /** Where the person was typing when the session ended, to put them back there after signing in. */
  #typingIn: HTMLElement | null = null;

  constructor() {
    // Whichever way the person signs in again (the dialog, or the sign-in page after all).
    session.onSignedIn((person) => void this.signedIn(person));
  }

  /** Registers a form that saves; answers the function that unregisters it. */
  onResume(resume: Resume): () => void {
    this.#resumes.add(resume);
    return () => this.#resumes.delete(resume);
  }

  /**
   * A save was refused because the session has gone. `ask` opens the sign-in dialog at once (the
   * person pressed "Send"); otherwise only the banner appears, so typing carries on undisturbed.
   */
  sessionEnded(owner: Owner, options: { ask?: boolean } = {}) {
    if (!this.waitingFor) {
      this.waitingFor = owner;
      this.outcome = null;
      const active = typeof document === 'undefined' ? null : document.activeElement;
      this.#typingIn = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    if (options.ask) this.asked++;
  }

  /** May words typed by the owner be sent now? Not while the session is gone, nor into someone else's account. */
  maySend(owner: Owner | null): boolean {
    if (!owner) return true;
    if (this.waitingFor?.id === owner.id) return false;
    return !session.person || session.person.id === owner.id;
  }

  /**
   * The page with the waiting forms is left: their words stay kept on this device (put back when
   * that person opens the page again), and the next page starts without a banner.
   */
  pageLeft() {
    this.waitingFor = null;
    this.someoneElse = null;
    this.outcome = null;
    this.#typingIn = null;
  }

  /** Someone signed in through the dialog (or in another tab, seen when this one is looked at again). */
  async signedIn(person: Person): Promise<void> {
    const owner = this.waitingFor;
    if (!owner) return;
    if (person.id !== owner.id) {
      this.someoneElse = ownerOf(person);
      return;
    }
    this.waitingFor = null;
    this.someoneElse = null;
    if (this.#resumes.size === 0) return;
    const results = await Promise.allSettled([...this.#resumes].map((resume) => resume()));
    this.outcome = results.every((result) => result.status === 'fulfilled' && result.value) ? 'saved' : 'problem';
    if (this.#typingIn?.isConnected) this.#typingIn.focus();
    this.#typingIn = null;
  }
}

export const signInAgain = new SignInAgain();
