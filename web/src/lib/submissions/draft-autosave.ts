// When the draft editor saves by itself: once typing pauses, at least every few seconds while it
// goes on, and again after a failure that may pass, waiting longer each time.

const TYPING_PAUSE_MS = 1500;
/** While someone types without pausing, save at least this often. */
const TYPING_MAX_WAIT_MS = 5000;
const RETRY_MS = [3000, 6000, 15000, 30000, 60000];

export class AutosaveTimers {
  readonly #save: () => void;
  #typingTimer: ReturnType<typeof setTimeout> | null = null;
  #maxWaitTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;

  constructor(save: () => void) {
    this.#save = save;
  }

  /** A keystroke: save once typing pauses (or every few seconds while it goes on). */
  typed() {
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(this.#save, TYPING_PAUSE_MS);
    this.#maxWaitTimer ??= setTimeout(this.#save, TYPING_MAX_WAIT_MS);
  }

  /** A save failed for a reason that may pass (no network, the server busy): try again later. */
  retryLater() {
    const wait = RETRY_MS[Math.min(this.#retries, RETRY_MS.length - 1)]!;
    this.#retries++;
    this.#retryTimer = setTimeout(this.#save, wait);
  }

  /** A save went through: the next failure waits the shortest time again. */
  succeeded() {
    this.#retries = 0;
  }

  clear() {
    for (const timer of [this.#typingTimer, this.#maxWaitTimer, this.#retryTimer]) if (timer) clearTimeout(timer);
    this.#typingTimer = null;
    this.#maxWaitTimer = null;
    this.#retryTimer = null;
  }
}
