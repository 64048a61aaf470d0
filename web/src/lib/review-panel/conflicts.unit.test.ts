import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../api/errors.ts';
import { conflictsOf, needsOverride } from './conflicts.ts';

const refusal = (body: unknown, status = 409) =>
  errorFromResponse(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('a refused invitation’s conflicts', () => {
  it('come through from the API’s 409 answer', async () => {
    const error = await refusal({
      error: {
        code: 'conflict_needs_override',
        message: 'This person has a conflict. Give a reason to invite them anyway.',
        conflicts: [{ reason: 'same_email_domain', detail: 'Both at essex.ac.uk' }],
      },
      requestId: 'r1',
    });
    expect(needsOverride(error)).toBe(true);
    expect(conflictsOf(error)).toEqual([{ reason: 'same_email_domain', detail: 'Both at essex.ac.uk' }]);
  });

  it('are none for any other error, and malformed entries are skipped', async () => {
    const other = await refusal({ error: { code: 'not_found', message: 'Not here.' }, requestId: 'r2' }, 404);
    expect(needsOverride(other)).toBe(false);
    expect(conflictsOf(other)).toEqual([]);
    const odd = await refusal({
      error: {
        code: 'conflict_needs_override',
        message: 'x',
        conflicts: [null, { detail: 'no reason' }, { reason: 'author' }],
      },
      requestId: 'r3',
    });
    expect(conflictsOf(odd)).toEqual([{ reason: 'author', detail: '' }]);
  });
});
