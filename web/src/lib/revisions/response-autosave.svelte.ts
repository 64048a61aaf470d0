// The response to reviewers saves itself as the author types, like a draft: once typing pauses,
// again after a failure that may pass, and never lost meanwhile — what is not saved yet is kept on
// this device (kept-typing/store.ts), put back after a reload, and sent once the same person has
// signed in again after their session ended.
import { ApiError, networkError } from '../api/errors.ts';
import { saveRevisionResponse } from '../api/revisions.ts';
import type { SubmissionAnswer } from '../api/types.ts';
import { type Owner, signInAgain } from '../kept-typing/sign-in-again.svelte.ts';
import { kept } from '../kept-typing/store.ts';
import { AutosaveTimers } from '../submissions/draft-autosave.ts';

export type ResponseSaveState = 'saved' | 'saving' | 'retrying' | 'refused' | 'signed-out';

export class ResponseAutosave {
  text = $state('');
  state = $state<ResponseSaveState>('saved');
  savedAt = $state<Date | null>(null);
  problem = $state<string | null>(null);
  /** True when the text was put back from this device (typed before a reload, not yet saved). */
  restored = false;
  readonly #submissionId: string;
  readonly #owner: Owner | null;
  readonly #form: string;
  readonly #timers: AutosaveTimers;
  readonly #unregister: () => void;
  readonly #onsaved: (answer: SubmissionAnswer) => void;
  #serverText: string;

  constructor(
    submissionId: string,
    serverText: string,
    owner: Owner | null,
    onsaved: (answer: SubmissionAnswer) => void,
  ) {
    this.#submissionId = submissionId;
    this.#owner = owner;
    this.#form = `revision-response:${submissionId}`;
    this.#serverText = serverText;
    this.#onsaved = onsaved;
    this.#timers = new AutosaveTimers(() => void this.save());
    this.text = serverText;
    const keptText = owner ? (kept.read(owner.id, this.#form)?.values.text as string | undefined) : undefined;
    if (keptText !== undefined && keptText !== serverText) {
      this.text = keptText;
      this.restored = true;
      this.#timers.typed();
    }
    this.#unregister = signInAgain.onResume(() => this.save());
  }

  /** A keystroke: keep it on this device at once, save it to the server once typing pauses. */
  typed(text: string) {
    this.text = text;
    if (this.#owner) {
      if (text === this.#serverText) kept.forget(this.#owner.id, this.#form);
      else kept.keep(this.#owner.id, this.#form, { text });
    }
    this.#timers.typed();
  }

  /** Saves now (also before "Send"); answers whether the server has the text. */
  async save(): Promise<boolean> {
    this.#timers.clear();
    if (this.text === this.#serverText) return true;
    if (!signInAgain.maySend(this.#owner)) return false;
    const sending = this.text;
    this.state = 'saving';
    try {
      const answer = await saveRevisionResponse(this.#submissionId, sending);
      this.#serverText = sending;
      if (this.#owner && this.text === sending) kept.forget(this.#owner.id, this.#form);
      this.savedAt = new Date();
      this.problem = null;
      this.#timers.succeeded();
      this.state = 'saved';
      this.#onsaved(answer);
      // Typed again while this save was on its way: that newer text still needs saving.
      if (this.text !== sending) this.#timers.typed();
      return true;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : networkError();
      this.problem = apiError.message;
      if (apiError.status === 401) {
        this.state = 'signed-out';
        if (this.#owner) signInAgain.sessionEnded(this.#owner);
      } else if (apiError.status === 0 || apiError.status >= 500 || apiError.status === 429) {
        this.state = 'retrying';
        this.#timers.retryLater();
      } else {
        this.state = 'refused';
      }
      return false;
    }
  }

  destroy() {
    this.#timers.clear();
    this.#unregister();
  }
}
