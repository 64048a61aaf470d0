// What someone typed into a form that the server does not have yet, kept in this browser's
// localStorage until a save is acknowledged: a reload, a closed tab, a lost network or a session
// that ends mid-sentence all come back to the same words.
//
// Decisions, for a shared computer and for two tabs:
// - Keys name the person as well as the form (gaps:kept:<personId>:<form>), so one person's words
//   are never put back into, or saved to, another person's account.
// - Signing out on purpose forgets that person's kept words on this device (session.svelte.ts
//   asks the autosaving forms to save first), so the next person at the computer cannot read
//   them. A session that merely ends (it expired) keeps them until that person signs in again,
//   or for KEPT_FOR_MS at most.
// - Inside one key, each tab has its own slot (a tab's id lives in its sessionStorage, so it
//   outlives a reload). A tab clears only its own slot, so one tab's save never throws away
//   words another tab has not sent yet; a reload takes back its own slot, else the newest one.

export type KeptValues = Record<string, unknown>;

export interface KeptSlot {
  /** When these values were kept (ms since 1970). */
  at: number;
  values: KeptValues;
}

type Entry = Record<string, KeptSlot>;

const PREFIX = 'gaps:kept:';
const TAB_KEY = 'gaps:tab';
export const KEPT_FOR_MS = 14 * 24 * 3600_000;

export interface KeptStoreOptions {
  /** Where the words are kept; null when storage is switched off (then nothing is kept). */
  storage: () => Storage | null;
  /** This tab's id. */
  tab: () => string;
  now?: () => number;
}

export class KeptStore {
  readonly #storage: () => Storage | null;
  readonly #tab: () => string;
  readonly #now: () => number;

  constructor(options: KeptStoreOptions) {
    this.#storage = options.storage;
    this.#tab = options.tab;
    this.#now = options.now ?? Date.now;
  }

  static key(personId: string, form: string): string {
    return `${PREFIX}${personId}:${form}`;
  }

  /** Keeps this tab's unsent values for the form, in place of any it kept before; none left clears its slot. */
  keep(personId: string, form: string, values: KeptValues): void {
    this.#update(personId, form, (entry) => {
      if (Object.keys(values).length === 0) delete entry[this.#tab()];
      else entry[this.#tab()] = { at: this.#now(), values };
    });
  }

  /**
   * This tab's kept values for the form, else the newest any tab kept (which this tab then takes
   * over, so it is not put back twice).
   */
  read(personId: string, form: string): KeptSlot | null {
    let found: KeptSlot | null = null;
    this.#update(personId, form, (entry) => {
      const tab = this.#tab();
      const own = entry[tab];
      const newest = Object.values(entry).sort((a, b) => b.at - a.at)[0];
      found = own ?? newest ?? null;
      if (found && !own) {
        const other = Object.keys(entry).find((key) => entry[key] === found);
        if (other) delete entry[other];
        entry[tab] = found;
      }
    });
    return found;
  }

  /** Forgets this tab's kept values for the form (the server has them). */
  forget(personId: string, form: string): void {
    this.keep(personId, form, {});
  }

  /** Forgets the form's kept values for everyone and every tab: it cannot be changed any more (a sent draft). */
  forgetForm(form: string): void {
    this.#eachKey((key) => key.endsWith(`:${form}`));
  }

  /** Forgets everything a person kept on this device (they signed out on purpose). */
  forgetPerson(personId: string): void {
    this.#eachKey((key) => key.startsWith(`${PREFIX}${personId}:`));
  }

  #update(personId: string, form: string, change: (entry: Entry) => void): void {
    const storage = this.#storage();
    if (!storage) return;
    const key = KeptStore.key(personId, form);
    try {
      const entry = this.#fresh(parse(storage.getItem(key)));
      change(entry);
      if (Object.keys(entry).length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(entry));
    } catch {
      // Storage full or refused: saving to the server still works; only the safety net is missing.
    }
  }

  /** Drops slots older than KEPT_FOR_MS. */
  #fresh(entry: Entry): Entry {
    const now = this.#now();
    for (const [tab, slot] of Object.entries(entry)) if (now - slot.at > KEPT_FOR_MS) delete entry[tab];
    return entry;
  }

  #eachKey(matches: (key: string) => boolean): void {
    const storage = this.#storage();
    if (!storage) return;
    try {
      const keys: string[] = [];
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index);
        if (key?.startsWith(PREFIX) && matches(key)) keys.push(key);
      }
      for (const key of keys) storage.removeItem(key);
    } catch {
      // Nothing to forget.
    }
  }
}

function parse(raw: string | null): Entry {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== 'object') return {};
    const entry: Entry = {};
    for (const [tab, slot] of Object.entries(value as Record<string, unknown>)) {
      const candidate = slot as Partial<KeptSlot> | null;
      if (candidate && typeof candidate.at === 'number' && candidate.values && typeof candidate.values === 'object') {
        entry[tab] = { at: candidate.at, values: candidate.values };
      }
    }
    return entry;
  } catch {
    return {};
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** This tab's id: made once, kept in sessionStorage so a reload is still the same tab. */
function browserTab(): string {
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = crypto.randomUUID();
      sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return 'tab';
  }
}

/** The pages' store: this browser's localStorage. */
export const kept = new KeptStore({ storage: browserStorage, tab: browserTab });
