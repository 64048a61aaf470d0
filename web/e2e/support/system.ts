// Each browser test file runs against its own whole system (fresh seeded database, API serving
// the built pages) and its own headless Chromium; this registers both for the file's lifetime.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestSystem, type TestSystem, type TestSystemOptions } from '../../../server/test/system.ts';
import { launchBrowser } from './browser.ts';

export interface BrowserTestEnvironment {
  readonly system: TestSystem;
  readonly browser: Browser;
}

/** Call inside a `describe`: starts the system and the browser before its tests, stops them after. */
export function useSystemAndBrowser(options: TestSystemOptions = {}): BrowserTestEnvironment {
  const environment = {} as { system: TestSystem; browser: Browser };
  beforeAll(async () => {
    environment.system = await startTestSystem(options);
    environment.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await environment.browser?.close();
    await environment.system?.stop();
  });
  return environment;
}
