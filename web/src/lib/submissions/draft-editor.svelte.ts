// The author's draft while they fill it in: what they typed, and the autosave that sends it.
//
// Nothing typed is ever lost: every change is kept on this device (draft-kept.ts) until the API
// has it, so a failed save, a reload, or a session that ends mid-sentence all come back to the
// same words. A session that ends never takes the author away from the page: they keep typing,
// sign in again in place (kept-typing/sign-in-again.svelte.ts), and everything is then saved.
import { ApiError, networkError } from '../api/errors.ts';
import { saveDraft } from '../api/submissions.ts';
import type { AuthorView, Call, DraftPatch, WizardStep } from '../api/types.ts';
import { FormState } from '../forms/form-state.svelte.ts';
import { type Owner, signInAgain } from '../kept-typing/sign-in-again.svelte.ts';
import { AutosaveTimers } from './draft-autosave.ts';
import { baseLabels, draftLabels, findErrors, heldBy, sentenceOf } from './draft-checks.ts';
import { type AuthorRow, type FieldGroup, keptValue, patchValue } from './draft-fields.ts';
import { type KeptValues, keepDraft, readKept } from './draft-kept.ts';

export type { AuthorRow, FieldGroup } from './draft-fields.ts';
export { draftForm, forgetKept } from './draft-kept.ts';

export type SaveState = 'idle' | 'waiting' | 'saving' | 'saved' | 'retrying' | 'refused' | 'held' | 'signed-out';

export class DraftEditor {
  readonly id: string;
  readonly call: Call | null;

  categoryId = $state<string | null>(null);
  title = $state('');
  abstract = $state('');
  keywords = $state('');
  authors = $state<AuthorRow[]>([]);
  confirmed = $state<string[]>([]);
  wordCount = $state('');
  applicationForm = $state<Record<string, string>>({});

  /** The API's latest view of the draft: what is missing, the uploaded versions. */
  submission = $state() as AuthorView;
  state = $state<SaveState>('idle');
  savedAt = $state<Date | null>(null);
  problem = $state<ApiError | null>(null);
  /** Problems with single fields (checked when a field is left) and the step's error summary. */
  readonly form: FormState;
  /** Who is typing: what is kept on this device is theirs, and is saved only into their account. */
  readonly owner: Owner | null;

  #dirty = new Set<FieldGroup>();
  #step: WizardStep | null = null;
  #timers = new AutosaveTimers(() => void this.save());
  #inFlight: Promise<void> | null = null;
  #again = false;
  #nextKey = 1;
  #destroyed = false;

  constructor(view: AuthorView, call: Call | null, owner: Owner | null) {
    this.id = view.id;
    this.call = call;
    this.owner = owner;
    this.submission = view;
    this.form = new FormState({ id: 'draft', labels: baseLabels() });
    this.categoryId = view.category?.id ?? null;
    this.title = view.title;
    this.abstract = view.abstract;
    this.keywords = view.keywords.join(', ');
    this.authors = view.authors.map((author) => ({
      key: this.#nextKey++,
      name: author.name,
      email: author.email,
      affiliation: author.affiliation ?? '',
      orcid: author.orcid ?? '',
      isYou: author.isCorresponding,
    }));
    this.confirmed = [...view.declarations.confirmed];
    this.wordCount = view.declarations.wordCount === null ? '' : String(view.declarations.wordCount);
    this.applicationForm = { ...view.applicationForm };
    this.savedAt = new Date(view.updatedAt);
    this.#labelAuthors();
  }

  get hasUnsaved(): boolean {
    return this.#dirty.size > 0 || this.#step !== null || this.state === 'saving';
  }

  // ——— what the step components call ———

  /** A keystroke: keep it, and save once typing pauses (or every few seconds while it goes on). */
  changed(group: FieldGroup) {
    this.#markDirty(group);
    if (this.state === 'signed-out') return;
    if (this.state !== 'saving') this.state = 'waiting';
    this.#timers.typed();
  }

  /** A field was left or a choice made: check it and save now. */
  commit(group?: FieldGroup) {
    if (group) this.#markDirty(group);
    this.check();
    void this.save();
  }

  /** Remembers the step, so a draft opened again starts where the author was. */
  setStep(step: WizardStep) {
    if (step === this.submission.draftStep && this.#step === null) return;
    this.#step = step;
    void this.save();
  }

  addAuthor() {
    this.authors.push({ key: this.#nextKey++, name: '', email: '', affiliation: '', orcid: '', isYou: false });
    this.#labelAuthors();
  }

  removeAuthor(key: number) {
    this.authors = this.authors.filter((author) => author.key !== key || author.isYou);
    this.#labelAuthors();
    this.commit('authors');
  }

  /** Saves everything now and waits: before submitting, or leaving the page. */
  async flush(): Promise<void> {
    for (let round = 0; round < 3 && (this.#dirty.size > 0 || this.#step !== null || this.#inFlight); round++) {
      await this.save();
      if (this.state !== 'saved' && this.state !== 'idle') return;
    }
  }

  /** Puts back what was kept on this device but never reached the server; answers whether there was any. */
  restoreKept(): boolean {
    const kept = this.owner ? readKept(this.owner.id, this.id) : null;
    if (!kept) return false;
    const values = kept.values;
    if ('categoryId' in values) this.categoryId = (values.categoryId as string | null) ?? null;
    if (typeof values.title === 'string') this.title = values.title;
    if (typeof values.abstract === 'string') this.abstract = values.abstract;
    if (typeof values.keywords === 'string') this.keywords = values.keywords;
    if (Array.isArray(values.authors)) {
      this.authors = (values.authors as Omit<AuthorRow, 'key'>[]).map((row) => ({ ...row, key: this.#nextKey++ }));
      this.#labelAuthors();
    }
    if (values.declarations && typeof values.declarations === 'object') {
      const declarations = values.declarations as { confirmed: string[]; wordCount: string };
      this.confirmed = [...declarations.confirmed];
      this.wordCount = declarations.wordCount;
    }
    if (values.applicationForm && typeof values.applicationForm === 'object') {
      this.applicationForm = { ...(values.applicationForm as Record<string, string>) };
    }
    for (const group of Object.keys(values) as FieldGroup[]) this.#dirty.add(group);
    return this.#dirty.size > 0;
  }

  destroy() {
    this.#destroyed = true;
    this.#timers.clear();
    // Leaving the page inside the app: send what is left (it is kept on this device anyway).
    if (this.#dirty.size > 0 && this.state !== 'signed-out' && signInAgain.maySend(this.owner)) void this.#send();
  }

  /** The author is signed in again: send everything kept meanwhile. Answers whether it all went. */
  async resume(): Promise<boolean> {
    if (this.#destroyed) return true;
    if (this.state === 'signed-out') this.state = 'waiting';
    await this.flush();
    return this.#dirty.size === 0 && this.state !== 'refused' && this.state !== 'retrying';
  }

  // ——— saving ———

  /** Sends what changed. One save at a time; changes made meanwhile go in the next one. */
  save(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (!signInAgain.maySend(this.owner)) {
      // Signed out (or someone else is signed in): keep typing, it is all kept; nothing is sent.
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
      const more = this.#again || this.#sendable();
      this.#again = false;
      if (more && (this.state === 'saved' || this.state === 'held')) void this.save();
    });
    return this.#inFlight;
  }

  /** Groups that changed and could be sent now (none of their fields has a problem). */
  #sendable(): boolean {
    const errors = findErrors(this);
    return this.#step !== null || [...this.#dirty].some((group) => !heldBy(group, errors));
  }

  async #send(): Promise<void> {
    const errors = findErrors(this);
    // Problems put right while typing disappear at once; new ones wait until the field is left.
    const shown = this.form.fieldErrors;
    const stillWrong = Object.fromEntries(Object.entries(shown).filter(([name]) => name in errors));
    if (Object.keys(stillWrong).length !== Object.keys(shown).length) this.#showErrors(stillWrong);

    const patch: DraftPatch = {};
    const sent = new Map<FieldGroup, string>();
    for (const group of this.#dirty) {
      if (heldBy(group, errors)) continue;
      (patch as Record<string, unknown>)[group] = patchValue(this, group);
      sent.set(group, JSON.stringify(keptValue(this, group)));
    }
    const step = this.#step;
    if (step) patch.draftStep = step;
    const held = [...this.#dirty].some((group) => heldBy(group, errors));
    if (Object.keys(patch).length === 0) {
      this.state = held ? 'held' : this.savedAt ? 'saved' : 'idle';
      return;
    }
    this.state = 'saving';
    try {
      const answer = await saveDraft(this.id, patch);
      if (answer.relation === 'author') this.submission = answer.submission;
      for (const [group, snapshot] of sent) {
        // Typed again while this save was on its way: that newer text still needs saving.
        if (JSON.stringify(keptValue(this, group)) === snapshot) this.#dirty.delete(group);
      }
      if (this.#step === step) this.#step = null;
      this.#keep();
      this.savedAt = new Date();
      this.problem = null;
      this.#timers.succeeded();
      this.state = [...this.#dirty].some((group) => heldBy(group, findErrors(this))) ? 'held' : 'saved';
    } catch (error) {
      const apiError = error instanceof ApiError ? error : networkError();
      this.problem = apiError;
      if (apiError.status === 401) {
        // Never away from the page: the words stay here and on this device, and a banner offers
        // to sign in again in place.
        this.state = 'signed-out';
        this.#keep();
        if (this.owner) signInAgain.sessionEnded(this.owner);
      } else if (apiError.status === 0 || apiError.status >= 500 || apiError.status === 429) {
        this.state = 'retrying';
        this.#timers.retryLater();
      } else {
        // The API refused the content (a field it cannot accept): trying again would not help,
        // so wait for the author to change something.
        this.state = 'refused';
        this.#showApiFields(apiError);
      }
    }
  }

  #markDirty(group: FieldGroup) {
    this.#dirty.add(group);
    this.#keep();
  }

  #keep() {
    const values: KeptValues = {};
    for (const group of this.#dirty) values[group] = keptValue(this, group);
    if (this.owner) keepDraft(this.owner.id, this.id, values);
  }

  // ——— checks ———

  /** Checks every field and shows the problems next to them (when a field is left). */
  check(): Record<string, string> {
    const errors = findErrors(this);
    this.#showErrors(errors);
    return errors;
  }

  /**
   * The problems on one step, for "Next": listed in the step's error summary, which takes focus.
   * Answers whether there were any.
   */
  stopAt(onStep: (name: string) => boolean): boolean {
    const errors = Object.fromEntries(Object.entries(findErrors(this)).filter(([name]) => onStep(name)));
    if (Object.keys(errors).length === 0) return false;
    this.#showErrors(errors);
    this.form.failures++;
    return true;
  }

  #showErrors(errors: Record<string, string>) {
    this.form.fieldErrors = errors;
    // No problems left: the summary goes, and must not grab focus when a new one appears later.
    if (Object.keys(errors).length === 0) this.form.failures = 0;
  }

  #showApiFields(error: ApiError) {
    if (error.fields.length === 0) return;
    const fields: Record<string, string> = {};
    for (const field of error.fields) {
      const name = field.path.replaceAll('.', '-');
      fields[name] ??= sentenceOf(field.message);
      this.form.labels[name] ??= field.path;
    }
    this.#showErrors(fields);
  }

  #labelAuthors() {
    Object.assign(this.form.labels, draftLabels(this));
  }
}
