// A headless Chromium for the browser tests, with the checks every page visit gets: no
// accessibility violations of serious or critical impact (axe-core), no CSP violations, no
// uncaught errors; and a screenshot under test-results/ for people to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from './chromium.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const resultsDir = path.resolve(import.meta.dirname, '../../../test-results/web-e2e');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors seen so far (CSP violations land here). */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  options: { mobile?: boolean; timezoneId?: string } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/London',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  watchRequests(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Expected API refusals (401, 403, 400…) are logged by the browser as failed loads; they are not faults of the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { page, context, problems };
}

// The page's own reads still under way, per watched page. Playwright's 'networkidle' also
// waits for the review copy's frame, where Chromium's PDF viewer loads some forty chrome://
// scripts of its own; under CI load that kept a reviewer's page "busy" past 30 s. The tests
// only care that the page itself has its data. Reads only: an upload or a save in progress is
// something the page shows, and a test may well look at the page while it goes on.
const pending = new WeakMap<Page, Set<Request>>();

function watchRequests(page: Page): void {
  const underWay = new Set<Request>();
  pending.set(page, underWay);
  const ours = (request: Request) => request.frame() === page.mainFrame() && request.method() === 'GET';
  page.on('request', (request) => {
    if (ours(request)) underWay.add(request);
  });
  const done = (request: Request) => underWay.delete(request);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/** Quiet for half a second: no read of the page's own under way. */
async function quiet(page: Page): Promise<void> {
  const underWay = pending.get(page);
  if (!underWay) return page.waitForLoadState('networkidle');
  await page.waitForLoadState('load');
  let quietSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() - quietSince < 500) {
    if (underWay.size > 0) quietSince = Date.now();
    if (Date.now() > deadline) {
      const urls = [...underWay].map((request) => request.url()).join(', ');
      throw new Error(`the page still had requests under way after 30 s: ${urls}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the page has finished loading its data ("Loading…" gone). */
export async function settled(page: Page): Promise<void> {
  await quiet(page);
  await expect.poll(() => page.locator('.loading, #boot-loading').count(), { timeout: 10_000 }).toBe(0);
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations.
 * axe is evaluated rather than added with page.addScriptTag: the pages' CSP (script-src 'self'
 * plus hashes) rightly refuses that inline <script>, and the tests keep the real CSP switched on.
 */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  await settled(page);
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document);
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }));
  });
  expect(violations, `accessibility problems on ${name} (${page.url()})`).toEqual([]);
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: string[] }>;
  }>;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/** Screenshot plus accessibility check: what every visited page gets. */
export async function visited(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, name);
  await screenshot(page, name);
}

export function expectNoProblems(watched: WatchedPage): void {
  expect(watched.problems, 'errors in the browser console').toEqual([]);
}

/** Fails when the page is wider than the screen (a phone user would have to scroll sideways). */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `sideways overflow on ${name}`).toBeLessThanOrEqual(0);
}
