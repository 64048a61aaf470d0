// The draft's safety net under the autosave: the typed values of the groups not yet saved, kept
// on this device (kept-typing/store.ts: per person, per tab, in localStorage) until the API has
// them. A failed save, a reload, or a session that ends mid-sentence all come back to them.
import { kept } from '../kept-typing/store.ts';
import type { FieldGroup } from './draft-fields.ts';

export type KeptValues = Partial<Record<FieldGroup, unknown>>;

export const draftForm = (submissionId: string) => `draft:${submissionId}`;

/** Keeps these values for the draft, in place of any kept before; none left forgets them. */
export function keepDraft(personId: string, submissionId: string, values: KeptValues) {
  kept.keep(personId, draftForm(submissionId), values);
}

export function readKept(personId: string, submissionId: string): { at: number; values: KeptValues } | null {
  return kept.read(personId, draftForm(submissionId));
}

/** The draft was sent (or is no longer a draft): whatever any tab kept for it is of no use now. */
export function forgetKept(submissionId: string) {
  kept.forgetForm(draftForm(submissionId));
}
