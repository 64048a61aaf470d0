// For forms sent with a button (the return-to-author message, a call's settings): what is typed is
// kept on this device until the server has it, put back after a reload, and a press of the button
// that finds the session gone opens the sign-in dialog instead of an error; once the same person is
// back, the form is sent again by itself.
import type { FieldErrors, FormState } from '../forms/form-state.svelte.ts';
import { type Owner, signInAgain } from './sign-in-again.svelte.ts';
import { kept } from './store.ts';

export class KeptForm<V> {
  readonly #form: string;
  readonly #owner: Owner | null;
  #baseline: string;
  #waiting = false;
  readonly #unregister: () => void;
  /** What the form does to send itself again after signing in; answers whether it went through. */
  resend: (() => Promise<boolean>) | null = null;

  /** `form` names the form and its object (e.g. `return:<submission id>`); `start` is what it holds unchanged. */
  constructor(form: string, owner: Owner | null, start: V) {
    this.#form = form;
    this.#owner = owner;
    this.#baseline = JSON.stringify(start);
    this.#unregister = signInAgain.onResume(async () => {
      if (!this.#waiting || !this.resend) return true;
      this.#waiting = false;
      return this.resend();
    });
  }

  /** The values kept from before (a reload, a closed tab), if any differ from the start. */
  restore(): V | null {
    if (!this.#owner) return null;
    const slot = kept.read(this.#owner.id, this.#form);
    const values = slot?.values.form as V | undefined;
    if (values === undefined || JSON.stringify(values) === this.#baseline) return null;
    return values;
  }

  /** Called on every change: keeps the values unless they are back to what the server has. */
  track(values: V) {
    if (!this.#owner) return;
    const json = JSON.stringify(values);
    if (json === this.#baseline) kept.forget(this.#owner.id, this.#form);
    else kept.keep(this.#owner.id, this.#form, { form: JSON.parse(json) });
  }

  /**
   * FormState.submit, except that a session found gone (or someone else signed in) keeps
   * everything, asks to sign in in place, and sends again afterwards. Saved values become the
   * new start and are no longer kept.
   */
  async submit<T>(
    state: FormState,
    values: () => V,
    action: () => Promise<T>,
    validate?: () => FieldErrors,
  ): Promise<T | undefined> {
    if (this.#owner && !signInAgain.maySend(this.#owner)) {
      this.#waitForSignIn();
      return undefined;
    }
    const result = await state.submit(action, validate);
    if (result === undefined) {
      if (state.problem?.status === 401 && this.#owner) {
        // Not an error to read: the dialog opens instead, and nothing typed is touched.
        state.problem = null;
        state.failures = 0;
        this.#waitForSignIn();
      }
      return undefined;
    }
    this.saved(values());
    return result;
  }

  /** The server has these values: they are the new start, and nothing is kept. */
  saved(values: V) {
    this.#baseline = JSON.stringify(values);
    if (this.#owner) kept.forget(this.#owner.id, this.#form);
  }

  destroy() {
    this.#unregister();
  }

  #waitForSignIn() {
    this.#waiting = true;
    if (this.#owner) signInAgain.sessionEnded(this.#owner, { ask: true });
  }
}
