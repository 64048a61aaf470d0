import { describe, expect, test } from 'vitest';
import { KEPT_FOR_MS, KeptStore } from './store.ts';

/** localStorage as a Map, shared by the "tabs" of one browser. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe('KeptStore', () => {
  const storage = memoryStorage();
  let now = 1_000_000;
  const tab = (id: string) => new KeptStore({ storage: () => storage, tab: () => id, now: () => now });

  test('keeps per person: another person at the same computer finds nothing', () => {
    storage.clear();
    tab('a').keep('ann', 'draft:1', { title: 'Ann’s words' });
    expect(tab('a').read('ann', 'draft:1')?.values).toEqual({ title: 'Ann’s words' });
    expect(tab('a').read('bob', 'draft:1')).toBeNull();
  });

  test('a tab clears only its own words: another tab’s unsent words stay', () => {
    storage.clear();
    tab('a').keep('ann', 'draft:1', { title: 'from tab a' });
    now += 1;
    tab('b').keep('ann', 'draft:1', { abstract: 'from tab b' });
    tab('a').forget('ann', 'draft:1');
    expect(tab('b').read('ann', 'draft:1')?.values).toEqual({ abstract: 'from tab b' });
  });

  test('a reload takes its own slot; a new tab takes over the newest, once', () => {
    storage.clear();
    tab('a').keep('ann', 'call:1', { form: 'older' });
    now += 1;
    tab('b').keep('ann', 'call:1', { form: 'newer' });
    expect(tab('a').read('ann', 'call:1')?.values).toEqual({ form: 'older' });
    expect(tab('c').read('ann', 'call:1')?.values).toEqual({ form: 'newer' });
    // Tab c now holds it in its own slot; tab b's slot went with it, so the words are not held twice.
    const entry = JSON.parse(storage.getItem(KeptStore.key('ann', 'call:1'))!);
    expect(Object.keys(entry).sort()).toEqual(['a', 'c']);
  });

  test('forgets a sent form for everyone, and a person who signed out on purpose', () => {
    storage.clear();
    tab('a').keep('ann', 'draft:1', { title: 'x' });
    tab('a').keep('bob', 'draft:1', { title: 'y' });
    tab('a').keep('ann', 'draft:2', { title: 'z' });
    tab('a').forgetForm('draft:1');
    expect(tab('a').read('ann', 'draft:1')).toBeNull();
    expect(tab('a').read('bob', 'draft:1')).toBeNull();
    tab('a').forgetPerson('ann');
    expect(tab('a').read('ann', 'draft:2')).toBeNull();
    expect(storage.length).toBe(0);
  });

  test('words older than the keeping time are dropped', () => {
    storage.clear();
    tab('a').keep('ann', 'draft:1', { title: 'old' });
    now += KEPT_FOR_MS + 1;
    expect(tab('a').read('ann', 'draft:1')).toBeNull();
  });

  test('storage that refuses (full, or switched off) is not an error', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as Storage;
    const store = new KeptStore({ storage: () => full, tab: () => 'a' });
    expect(() => store.keep('ann', 'draft:1', { title: 'x' })).not.toThrow();
    const none = new KeptStore({ storage: () => null, tab: () => 'a' });
    none.keep('ann', 'draft:1', { title: 'x' });
    expect(none.read('ann', 'draft:1')).toBeNull();
  });
});
