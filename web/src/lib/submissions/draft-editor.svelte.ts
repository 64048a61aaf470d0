// The author's draft while they fill it in: what they typed, and the autosave that sends it.
//
// Nothing typed is ever lost: every change is kept in this tab's sessionStorage until the API
// has it, so a failed save, a reload, or a session that ends mid-sentence (401: the page sends
// the author to sign in and back) all come back to the same words, which are then saved.
import { ApiError, networkError } from '../api/errors.ts';
import { saveDraft } from '../api/submissions.ts';
import type { AuthorView, Call, DraftPatch, WizardStep } from '../api/types.ts';
import { FormState } from '../forms/form-state.svelte.ts';
import { ORCID_EXAMPLE, splitList } from '../forms/validate.ts';

export type FieldGroup =
  | 'categoryId'
  | 'title'
  | 'abstract'
  | 'keywords'
  | 'authors'
  | 'declarations'
  | 'applicationForm';

export interface AuthorRow {
  /** Stable across edits, for keyed lists. */
  key: number;
  name: string;
  email: string;
  affiliation: string;
  orcid: string;
  /** The person submitting: always an author, always written to. */
  isYou: boolean;
}

export type SaveState = 'idle' | 'waiting' | 'saving' | 'saved' | 'retrying' | 'refused' | 'held' | 'signed-out';

/** What sessionStorage keeps for a draft: the typed values of the groups not yet saved. */
interface Kept {
  at: number;
  values: Partial<Record<FieldGroup, unknown>>;
}

const TYPING_PAUSE_MS = 1500;
/** While someone types without pausing, save at least this often. */
const TYPING_MAX_WAIT_MS = 5000;
const RETRY_MS = [3000, 6000, 15000, 30000, 60000];
const KEPT_FOR_MS = 14 * 24 * 3600_000;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const orcidPattern = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;

export const storageKey = (submissionId: string) => `gaps:draft:${submissionId}`;

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
  /** Called when a save finds the session has ended; the page sends the author to sign in. */
  onSignedOut: (() => void) | null = null;

  #dirty = new Set<FieldGroup>();
  #step: WizardStep | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | null = null;
  #maxWaitTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;
  #inFlight: Promise<void> | null = null;
  #again = false;
  #nextKey = 1;
  #destroyed = false;

  constructor(view: AuthorView, call: Call | null) {
    this.id = view.id;
    this.call = call;
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
    if (this.state !== 'saving' && this.state !== 'signed-out') this.state = 'waiting';
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => void this.save(), TYPING_PAUSE_MS);
    this.#maxWaitTimer ??= setTimeout(() => void this.save(), TYPING_MAX_WAIT_MS);
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

  /** Puts back what was kept in this tab but never reached the server; answers whether there was any. */
  restoreKept(): boolean {
    const kept = readKept(this.id);
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
    this.#clearTimers();
    // Leaving the page inside the app: send what is left (it is kept in sessionStorage anyway).
    if (this.#dirty.size > 0 && this.state !== 'signed-out') void this.#send();
  }

  // ——— saving ———

  /** Sends what changed. One save at a time; changes made meanwhile go in the next one. */
  save(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#clearTimers();
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
    const errors = this.#findErrors();
    return this.#step !== null || [...this.#dirty].some((group) => !heldBy(group, errors));
  }

  async #send(): Promise<void> {
    const errors = this.#findErrors();
    // Problems put right while typing disappear at once; new ones wait until the field is left.
    const shown = this.form.fieldErrors;
    const stillWrong = Object.fromEntries(Object.entries(shown).filter(([name]) => name in errors));
    if (Object.keys(stillWrong).length !== Object.keys(shown).length) this.#showErrors(stillWrong);

    const patch: DraftPatch = {};
    const sent = new Map<FieldGroup, string>();
    for (const group of this.#dirty) {
      if (heldBy(group, errors)) continue;
      (patch as Record<string, unknown>)[group] = this.#patchValue(group);
      sent.set(group, JSON.stringify(this.#keptValue(group)));
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
        if (JSON.stringify(this.#keptValue(group)) === snapshot) this.#dirty.delete(group);
      }
      if (this.#step === step) this.#step = null;
      this.#keep();
      this.savedAt = new Date();
      this.problem = null;
      this.#retries = 0;
      this.state = [...this.#dirty].some((group) => heldBy(group, this.#findErrors())) ? 'held' : 'saved';
    } catch (error) {
      const apiError = error instanceof ApiError ? error : networkError();
      this.problem = apiError;
      if (apiError.status === 401) {
        this.state = 'signed-out';
        this.#keep();
        this.onSignedOut?.();
      } else if (apiError.status === 0 || apiError.status >= 500 || apiError.status === 429) {
        this.state = 'retrying';
        const wait = RETRY_MS[Math.min(this.#retries, RETRY_MS.length - 1)]!;
        this.#retries++;
        this.#retryTimer = setTimeout(() => void this.save(), wait);
      } else {
        // The API refused the content (a field it cannot accept): trying again would not help,
        // so wait for the author to change something.
        this.state = 'refused';
        this.#showApiFields(apiError);
      }
    }
  }

  #patchValue(group: FieldGroup): unknown {
    switch (group) {
      case 'categoryId':
        return this.categoryId;
      case 'title':
        return this.title;
      case 'abstract':
        return this.abstract;
      case 'keywords':
        return splitList(this.keywords);
      case 'authors':
        // Rows still missing a name or an e-mail address stay on the page until they are complete.
        return this.authors
          .filter((row) => row.isYou || (row.name.trim() && emailPattern.test(row.email.trim())))
          .map((row) => ({
            name: row.name.trim(),
            email: row.email.trim().toLowerCase(),
            affiliation: row.affiliation.trim() || null,
            orcid: row.orcid.trim().toUpperCase() || null,
          }));
      case 'declarations':
        return { confirmed: [...this.confirmed], wordCount: parseCount(this.wordCount) };
      case 'applicationForm': {
        const keys = new Set(this.call?.applicationFormFields.map((field) => field.key) ?? []);
        return Object.fromEntries(Object.entries(this.applicationForm).filter(([key]) => keys.has(key)));
      }
    }
  }

  /** The value as typed, which is what sessionStorage keeps and what a reload puts back. */
  #keptValue(group: FieldGroup): unknown {
    switch (group) {
      case 'keywords':
        return this.keywords;
      case 'authors':
        return this.authors.map(({ key: _key, ...row }) => ({ ...row }));
      case 'declarations':
        return { confirmed: [...this.confirmed], wordCount: this.wordCount };
      case 'applicationForm':
        return { ...this.applicationForm };
      default:
        return this.#patchValue(group);
    }
  }

  #markDirty(group: FieldGroup) {
    this.#dirty.add(group);
    this.#keep();
  }

  #keep() {
    try {
      if (this.#dirty.size === 0) {
        sessionStorage.removeItem(storageKey(this.id));
        return;
      }
      const values: Kept['values'] = {};
      for (const group of this.#dirty) values[group] = this.#keptValue(group);
      sessionStorage.setItem(storageKey(this.id), JSON.stringify({ at: Date.now(), values } satisfies Kept));
    } catch {
      // Storage full or switched off: the autosave still runs; only the safety net is missing.
    }
  }

  #clearTimers() {
    for (const timer of [this.#typingTimer, this.#maxWaitTimer, this.#retryTimer]) if (timer) clearTimeout(timer);
    this.#typingTimer = null;
    this.#maxWaitTimer = null;
    this.#retryTimer = null;
  }

  // ——— checks ———

  /** Checks every field and shows the problems next to them (when a field is left). */
  check(): Record<string, string> {
    const errors = this.#findErrors();
    this.#showErrors(errors);
    return errors;
  }

  /**
   * The problems on one step, for "Next": listed in the step's error summary, which takes focus.
   * Answers whether there were any.
   */
  stopAt(onStep: (name: string) => boolean): boolean {
    const errors = Object.fromEntries(Object.entries(this.#findErrors()).filter(([name]) => onStep(name)));
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

  /**
   * What the API would refuse. Not what is merely unfinished: a draft may be incomplete, and the
   * check-and-submit step lists what is still needed.
   */
  #findErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (this.wordCount.trim() && parseCount(this.wordCount) === null) {
      errors['declarations-wordCount'] = 'Write the number of words in digits, like 3200.';
    }
    const keywords = splitList(this.keywords);
    if (keywords.length > 12) errors.keywords = 'Use at most 12 keywords.';
    else if (keywords.some((keyword) => keyword.length > 60))
      errors.keywords = 'Keep each keyword under 60 characters.';
    if (this.title.length > 300) errors.title = 'Keep the title under 300 characters.';
    if (this.abstract.length > 5000) errors.abstract = 'Keep the abstract under 5,000 characters.';
    const seen = new Set<string>();
    this.authors.forEach((row, index) => {
      const name = `authors-${index}`;
      const email = row.email.trim().toLowerCase();
      if (row.isYou && !row.name.trim()) errors[`${name}-name`] = 'Write your name.';
      if (!row.isYou && email && !emailPattern.test(email)) {
        errors[`${name}-email`] = 'Enter an e-mail address, like name@example.org.';
      }
      if (row.orcid.trim() && !orcidPattern.test(row.orcid.trim().toUpperCase())) {
        errors[`${name}-orcid`] = `Write the ORCID iD as four groups of four digits, like ${ORCID_EXAMPLE}.`;
      }
      if (email && seen.has(email)) errors[`${name}-email`] = 'Each author needs a different e-mail address.';
      if (email) seen.add(email);
    });
    for (const field of this.call?.applicationFormFields ?? []) {
      const value = this.applicationForm[field.key] ?? '';
      const name = `applicationForm-${field.key}`;
      if (value.length > 2000) errors[name] = 'Keep this under 2,000 characters.';
      else if (field.type === 'email' && value.trim() && !emailPattern.test(value.trim())) {
        errors[name] = 'Enter an e-mail address, like name@example.org.';
      }
    }
    return errors;
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
    this.authors.forEach((row, index) => {
      const who = row.isYou ? 'You' : `Co-author ${index}`;
      this.form.labels[`authors-${index}-name`] = `${who}: name`;
      this.form.labels[`authors-${index}-email`] = `${who}: e-mail address`;
      this.form.labels[`authors-${index}-affiliation`] = `${who}: affiliation`;
      this.form.labels[`authors-${index}-orcid`] = `${who}: ORCID iD`;
    });
    for (const field of this.call?.applicationFormFields ?? []) {
      this.form.labels[`applicationForm-${field.key}`] = field.label;
    }
  }
}

function baseLabels(): Record<string, string> {
  return {
    categoryId: 'Category',
    title: 'Title',
    abstract: 'Abstract',
    keywords: 'Keywords',
    'declarations-wordCount': 'Number of words',
  };
}

/** Which group a field's problem holds back from saving. */
function heldBy(group: FieldGroup, errors: Record<string, string>): boolean {
  const names = Object.keys(errors);
  switch (group) {
    case 'authors':
      return names.some((name) => name.startsWith('authors-'));
    case 'declarations':
      return names.includes('declarations-wordCount');
    case 'applicationForm':
      return names.some((name) => name.startsWith('applicationForm-'));
    default:
      return names.includes(group);
  }
}

function parseCount(text: string): number | null {
  const digits = text.trim().replace(/[,\s]/g, '');
  if (!/^\d{1,7}$/.test(digits)) return null;
  return Number(digits);
}

function sentenceOf(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function readKept(submissionId: string): Kept | null {
  try {
    const raw = sessionStorage.getItem(storageKey(submissionId));
    if (!raw) return null;
    const kept = JSON.parse(raw) as Kept;
    if (!kept || typeof kept.values !== 'object' || Date.now() - kept.at > KEPT_FOR_MS) {
      sessionStorage.removeItem(storageKey(submissionId));
      return null;
    }
    return kept;
  } catch {
    return null;
  }
}

export function forgetKept(submissionId: string) {
  try {
    sessionStorage.removeItem(storageKey(submissionId));
  } catch {
    // Nothing to forget.
  }
}
