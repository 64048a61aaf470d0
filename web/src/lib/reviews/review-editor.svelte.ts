// The reviewer's review while they write it: the scores, recommendation and comments, saved to the
// server as they go. As with the author's draft (submissions/draft-editor.svelte.ts), nothing typed
// is lost: every change is kept on this device (kept-typing/store.ts) until the server has it, so a
// dropped connection retries, a reload puts the words back, and a session that ends mid-sentence
// shows the in-place "Sign in again" banner and saves everything once the same person is back.
import { ApiError, networkError } from '../api/errors.ts';
import { type Recommendation, type ReviewDraft, type ReviewPatch, saveReview } from '../api/reviews.ts';
import { type Owner, signInAgain } from '../kept-typing/sign-in-again.svelte.ts';
import { kept } from '../kept-typing/store.ts';
import { AutosaveTimers } from '../submissions/draft-autosave.ts';
import type { SaveState } from '../submissions/draft-editor.svelte.ts';

type Field = 'scores' | 'recommendation' | 'commentsToAuthor' | 'commentsToEditor';
const fields: readonly Field[] = ['scores', 'recommendation', 'commentsToAuthor', 'commentsToEditor'];

export const reviewForm = (assignmentId: string) => `review:${assignmentId}`;

export class ReviewEditor {
  readonly assignmentId: string;
  readonly owner: Owner | null;

  scores = $state<Record<string, number>>({});
  recommendation = $state<Recommendation | null>(null);
  commentsToAuthor = $state('');
  commentsToEditor = $state('');
  /** The server's latest word on the review (its state above all: submitted means read-only). */
  review = $state() as ReviewDraft;
  state = $state<SaveState>('idle');
  savedAt = $state<Date | null>(null);
  problem = $state<ApiError | null>(null);

  #dirty = new Set<Field>();
  #timers = new AutosaveTimers(() => void this.save());
  #inFlight: Promise<void> | null = null;
  #again = false;
  #destroyed = false;

  constructor(assignmentId: string, review: ReviewDraft, owner: Owner | null) {
    this.assignmentId = assignmentId;
    this.owner = owner;
    this.#take(review);
  }

  get locked(): boolean {
    return this.review.state === 'submitted';
  }

  get hasUnsaved(): boolean {
    return this.#dirty.size > 0 || this.state === 'saving';
  }

  /** A keystroke in a comment box: keep it, save once typing pauses. */
  changed(field: Field) {
    this.#mark(field);
    if (this.state === 'signed-out') return;
    if (this.state !== 'saving') this.state = 'waiting';
    this.#timers.typed();
  }

  /** A choice made (a score, the recommendation) or a box left: save now. */
  commit(field?: Field) {
    if (field) this.#mark(field);
    void this.save();
  }

  /** The server's answer to an uploaded form (or a submit) replaces what is on the page. */
  replaceWith(review: ReviewDraft) {
    this.#dirty.clear();
    this.#keep();
    this.#take(review);
    this.savedAt = review.updatedAt ? new Date(review.updatedAt) : this.savedAt;
    this.state = 'saved';
  }

  /** Puts back what was kept on this device but never reached the server; answers whether there was any. */
  restoreKept(): boolean {
    if (!this.owner || this.locked) return false;
    const values = kept.read(this.owner.id, reviewForm(this.assignmentId))?.values;
    if (!values) return false;
    if (values.scores && typeof values.scores === 'object')
      this.scores = { ...(values.scores as Record<string, number>) };
    if ('recommendation' in values) this.recommendation = (values.recommendation as Recommendation | null) ?? null;
    if (typeof values.commentsToAuthor === 'string') this.commentsToAuthor = values.commentsToAuthor;
    if (typeof values.commentsToEditor === 'string') this.commentsToEditor = values.commentsToEditor;
    for (const field of fields) if (field in values) this.#dirty.add(field);
    return this.#dirty.size > 0;
  }

  /** Saves everything now and waits (before submitting, or signing out). */
  async flush(): Promise<void> {
    for (let round = 0; round < 3 && (this.#dirty.size > 0 || this.#inFlight); round++) {
      await this.save();
      if (this.state !== 'saved' && this.state !== 'idle') return;
    }
  }

  /** Signed in again: send what was kept meanwhile. Answers whether it all went. */
  async resume(): Promise<boolean> {
    if (this.#destroyed) return true;
    if (this.state === 'signed-out') this.state = 'waiting';
    await this.flush();
    return this.#dirty.size === 0 && this.state !== 'refused' && this.state !== 'retrying';
  }

  destroy() {
    this.#destroyed = true;
    this.#timers.clear();
    if (this.#dirty.size > 0 && this.state !== 'signed-out' && signInAgain.maySend(this.owner)) void this.#send();
  }

  save(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (!signInAgain.maySend(this.owner)) {
      this.#timers.clear();
      this.state = 'signed-out';
      return Promise.resolve();
    }
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#timers.clear();
    this.#inFlight = this.#send().finally(() => {
      this.#inFlight = null;
      const more = this.#again && this.#dirty.size > 0;
      this.#again = false;
      if (more && this.state === 'saved') void this.save();
    });
    return this.#inFlight;
  }

  async #send(): Promise<void> {
    if (this.#dirty.size === 0) {
      if (this.state === 'waiting') this.state = this.savedAt ? 'saved' : 'idle';
      return;
    }
    const sent = new Map<Field, string>();
    const patch: Record<string, unknown> = {};
    for (const field of this.#dirty) {
      patch[field] = this.#value(field);
      sent.set(field, JSON.stringify(this.#value(field)));
    }
    this.state = 'saving';
    try {
      const answer = await saveReview(this.assignmentId, patch as ReviewPatch);
      this.review = answer;
      // Typed again while this save was on its way: that newer text still needs saving.
      for (const [field, snapshot] of sent)
        if (JSON.stringify(this.#value(field)) === snapshot) this.#dirty.delete(field);
      this.#keep();
      this.savedAt = new Date();
      this.problem = null;
      this.#timers.succeeded();
      this.state = 'saved';
    } catch (error) {
      const apiError = error instanceof ApiError ? error : networkError();
      this.problem = apiError;
      if (apiError.status === 401) {
        this.state = 'signed-out';
        this.#keep();
        if (this.owner) signInAgain.sessionEnded(this.owner);
      } else if (apiError.status === 0 || apiError.status >= 500 || apiError.status === 429) {
        this.state = 'retrying';
        this.#timers.retryLater();
      } else {
        // Refused (a review submitted meanwhile, a score off the scale): trying again would not help.
        this.state = 'refused';
      }
    }
  }

  #value(field: Field): unknown {
    if (field === 'scores') return { ...this.scores };
    return this[field];
  }

  #mark(field: Field) {
    this.#dirty.add(field);
    this.#keep();
  }

  #keep() {
    if (!this.owner) return;
    const values: Record<string, unknown> = {};
    for (const field of this.#dirty) values[field] = this.#value(field);
    kept.keep(this.owner.id, reviewForm(this.assignmentId), values);
  }

  #take(review: ReviewDraft) {
    this.review = review;
    this.scores = { ...review.scores };
    this.recommendation = review.recommendation;
    this.commentsToAuthor = review.commentsToAuthor;
    this.commentsToEditor = review.commentsToEditor;
    this.savedAt = review.updatedAt ? new Date(review.updatedAt) : null;
  }
}
