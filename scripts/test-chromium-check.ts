// Global set-up of the browser tests: without Chromium every browser file would fail on its own
// with playwright's long "executable doesn't exist"; say it once, with what to do, before any runs.
import { accessSync, constants } from 'node:fs';
import { chromiumPath } from '../web/e2e/support/chromium.ts';

export default function checkChromium() {
  const file = chromiumPath();
  try {
    accessSync(file, constants.X_OK);
  } catch {
    const how = process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH is ${file}, which is not an executable file: point it at Chromium's binary`
      : `install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary`;
    // One line and stop: a thrown error would come with Vitest's "No test files found" and a list
    // of projects. Nothing has started yet (this runs before the root set-up starts services).
    console.error(`Browser tests need Chromium, not found at ${file}: ${how}.`);
    process.exit(1);
  }
}
