// The web app bundles ./validation.ts: everything it reaches must be pure zod, or the browser
// build would pull in server code (database, Node modules) or fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)';/gms)].map((match) => match[1]!);
}

it('the shared validation rules import only zod and each other', () => {
  const seen = new Set<string>();
  const outside: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
      else if (specifier !== 'zod') outside.push(`${path.relative(import.meta.dirname, file)} imports ${specifier}`);
    }
  };
  visit(path.join(import.meta.dirname, 'validation.ts'));
  expect(outside).toEqual([]);
  expect(seen.size).toBeGreaterThan(3);
});
