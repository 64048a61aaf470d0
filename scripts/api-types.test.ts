// The web app's API types must match what the server declares today.
import { expect, it } from 'vitest';
import { generateApiTypes, readApiTypes } from './api-types.ts';

it('web/src/lib/api/generated/schema.d.ts matches the routes’ schemas (else run `npm run api:types`)', async () => {
  const fresh = await generateApiTypes();
  const committed = await readApiTypes();
  expect(committed, 'The generated API types are stale: run `npm run api:types` and commit the result.').toBe(fresh);
});
