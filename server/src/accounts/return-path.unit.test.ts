import { expect, it } from 'vitest';
import { returnPath } from './account.schemas.ts';

it('takes paths on this site and refuses anything that could lead elsewhere', () => {
  for (const path of ['/', '/calls?start=0b5f3a7e-0000-4000-8000-000000000000', '/submissions/x?step=details'])
    expect(returnPath.safeParse(path).success, path).toBe(true);
  for (const path of [
    'https://evil.example.org',
    '//evil.example.org',
    '/\\evil.example.org',
    '/\t/evil.example.org',
    '/a b',
    `/${'x'.repeat(500)}`,
    'calls',
    '',
  ])
    expect(returnPath.safeParse(path).success, JSON.stringify(path)).toBe(false);
});
