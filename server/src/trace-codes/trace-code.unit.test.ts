import { describe, expect, it } from 'vitest';
import { newTraceCode, normaliseTraceCode } from './trace-code.ts';

describe('trace codes', () => {
  it('are 8 characters that cannot be misread (no 0/O, no 1/I)', () => {
    const codes = Array.from({ length: 500 }, newTraceCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are read however an editor types them', () => {
    expect(normaliseTraceCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(normaliseTraceCode('ABCD 2345')).toBe('ABCD2345');
    expect(normaliseTraceCode('ABCD234')).toBeNull();
    expect(normaliseTraceCode('trace ABCD2345')).toBeNull();
  });
});
