// Reading the conflicts out of a refused invitation: the API answers 409 conflict_needs_override
// with `conflicts: [{ reason, detail }]` beside its message, and the page asks for a reason then.

import { ApiError } from '../api/errors.ts';
import type { Conflict, ConflictNeedsOverride } from '../api/review-panel.ts';

const NEEDS_OVERRIDE = 'conflict_needs_override';

export function needsOverride(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === NEEDS_OVERRIDE;
}

/** The conflicts an error names (only well-formed ones; none when it names none). */
export function conflictsOf(error: unknown): Conflict[] {
  if (!(error instanceof ApiError)) return [];
  // The error's details are the 409 body's error fields beside code and message (the generated ConflictNeedsOverride).
  const listed: unknown = (error.details as Partial<ConflictNeedsOverride['error']>).conflicts;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { reason, detail } = item as { reason?: unknown; detail?: unknown };
    if (typeof reason !== 'string') return [];
    // An unknown reason still shows: words.ts falls back to saying it plainly.
    return [{ reason: reason as Conflict['reason'], detail: typeof detail === 'string' ? detail : '' }];
  });
}
