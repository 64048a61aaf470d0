// The safety net under the autosave: the typed values of a draft's groups not yet saved, kept in
// this tab's sessionStorage until the API has them. A failed save, a reload, or a session that
// ends mid-sentence (401: the page sends the author to sign in and back) all come back to them.
import type { FieldGroup } from './draft-fields.ts';

export type KeptValues = Partial<Record<FieldGroup, unknown>>;

/** What sessionStorage keeps for a draft: the typed values of the groups not yet saved. */
interface Kept {
  at: number;
  values: KeptValues;
}

const KEPT_FOR_MS = 14 * 24 * 3600_000;

export const storageKey = (submissionId: string) => `gaps:draft:${submissionId}`;

/** Keeps these values for the draft, in place of any kept before; none left forgets the draft. */
export function keep(submissionId: string, values: KeptValues) {
  try {
    if (Object.keys(values).length === 0) {
      sessionStorage.removeItem(storageKey(submissionId));
      return;
    }
    sessionStorage.setItem(storageKey(submissionId), JSON.stringify({ at: Date.now(), values } satisfies Kept));
  } catch {
    // Storage full or switched off: the autosave still runs; only the safety net is missing.
  }
}

export function readKept(submissionId: string): Kept | null {
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
