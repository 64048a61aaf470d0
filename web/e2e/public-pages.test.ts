// The public pages are drawn on the server: a newcomer on a slow phone reads them at once, with no
// "Loading…" and nothing that jumps when the data arrives; each says what it is in a meta
// description; a page drawn for someone signed in is never kept by a shared cache.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, screenshot, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

interface PublicPage {
  name: string;
  path: string;
  /** The page's main heading, there without JavaScript. */
  heading: RegExp;
}

describe('public pages in the browser', () => {
  const env = useSystemAndBrowser();

  async function publicPages(): Promise<PublicPage[]> {
    const answer = (await (await fetch(`${env.system.baseUrl}/api/calls`)).json()) as {
      calls: Array<{ id: string; title: string }>;
    };
    const call = answer.calls[0]!;
    return [
      { name: 'home', path: '/', heading: /^Send your writing to GAPS$/ },
      { name: 'calls', path: '/calls', heading: /^Open calls$/ },
      { name: 'call', path: `/calls/${call.id}`, heading: new RegExp(`^${escapeRegExp(call.title)}$`) },
      { name: 'sign-in', path: '/sign-in', heading: /^Sign in$/ },
      { name: 'sign-up', path: '/sign-up', heading: /^Create an account$/ },
      { name: 'help', path: '/help', heading: /^How it works$/ },
      { name: 'privacy', path: '/privacy', heading: /^Privacy$/ },
      { name: 'contact', path: '/contact', heading: /^Contact the editors$/ },
      { name: 'terms', path: '/terms', heading: /^Terms of use$/ },
    ];
  }

  test('each public page is there without JavaScript, with a meta description and no "Loading…"', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      for (const publicPage of await publicPages()) {
        const response = await page.goto(`${env.system.baseUrl}${publicPage.path}`);
        expect(response?.status(), publicPage.name).toBe(200);
        await page.getByRole('heading', { level: 1, name: publicPage.heading }).waitFor({ timeout: 5_000 });
        expect(await page.getByText('Loading…').count(), `"Loading…" on ${publicPage.name}`).toBe(0);
        const description = await page.locator('meta[name="description"]').getAttribute('content');
        expect(description?.length ?? 0, `meta description of ${publicPage.name}`).toBeGreaterThan(40);
        expect(await page.locator('meta[name="description"]').count(), publicPage.name).toBe(1);
        // Signed out, the page holds nothing personal; a cache must still check back, as the visitor may sign in.
        expect(response?.headers()['cache-control'], publicPage.name).toBe('no-cache');
      }
      // The open calls are in the page itself, each linking to its own page to share.
      await page.goto(`${env.system.baseUrl}/calls`);
      const firstCall = page.locator('article.call h3 a').first();
      const href = await firstCall.getAttribute('href');
      expect(href).toMatch(/^\/calls\/[0-9a-f-]{36}$/);
      await screenshot(page, 'public-calls-no-javascript');
    } finally {
      await context.close();
    }
  }, 120_000);

  test('the pages are live and calm, at phone and desktop size: nothing jumps as they start', async () => {
    for (const mobile of [true, false]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      await page.addInitScript(recordLayoutShifts);
      for (const publicPage of await publicPages()) {
        await page.goto(`${env.system.baseUrl}${publicPage.path}`);
        await settled(page);
        await page.getByRole('heading', { level: 1, name: publicPage.heading }).waitFor();
        expect(await layoutShift(page), `layout shift on ${publicPage.name}`).toBeLessThan(0.1);
        await expectNoSidewaysScroll(page, publicPage.name);
        await visited(page, `public-${publicPage.name}-${mobile ? 'phone' : 'desktop'}`);
      }
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);

  test('a call page to share: its rules, its deadline in its own zone, and the way in', async () => {
    const watched = await openPage(env.browser, { mobile: true, timezoneId: 'Europe/London' });
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    const link = page.locator('article.call h3 a').first();
    const title = (await link.textContent())!.trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { name: 'The rules' }).waitFor();
    await page
      .getByText(/^(Closes at .*(London time|UTC)|Open all year)/)
      .first()
      .waitFor();
    const callPath = new URL(page.url()).pathname;

    // Signed out, the way in is to sign in, and back to this very call afterwards.
    await page.getByRole('link', { name: /^Sign in to start (a submission|an entry)/ }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(callPath);
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword, callPath);
    await page.getByRole('button', { name: /^Start (a submission|an entry)/ }).waitFor();
    await visited(page, 'public-call-signed-in');

    // An address that is not an open call: said plainly, with the way to the open calls.
    const missing = await page.goto(`${env.system.baseUrl}/calls/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    await page.getByText('This call is closed, or the address is not quite right').waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('signed in, a public page names the person from the start, and no shared cache keeps it', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    const person = env.system.demoPeople.find((p) => p.email === 'author2@example.org')!;

    for (const address of ['/', '/calls']) {
      // The HTML itself, before any script: the header already says who is signed in.
      const response = await page.request.get(`${env.system.baseUrl}${address}`);
      expect(response.headers()['cache-control'], address).toBe('private, no-store');
      const html = await response.text();
      expect(html, address).toContain(`Signed in as <strong>${person.name}</strong>`);
      expect(html, address).not.toContain('Sign in to start a submission');
    }

    // Nothing jumps as the page starts: the header drawn on the server is the one kept.
    await page.addInitScript(recordLayoutShifts);
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    await page.getByRole('banner').getByText(`Signed in as ${person.name}`).waitFor();
    await visited(page, 'public-calls-signed-in');

    // Signed out again, the same address is drawn for nobody.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const after = await page.request.get(`${env.system.baseUrl}/calls`);
    expect(after.headers()['cache-control']).toBe('no-cache');
    expect(await after.text()).not.toContain(person.name);
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});

/** Runs in the page before its own scripts: adds up layout shifts as Lighthouse's CLS counts them. */
function recordLayoutShifts() {
  const record = { total: 0 };
  (window as unknown as { __layoutShift: typeof record }).__layoutShift = record;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
      if (!entry.hadRecentInput) record.total += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __layoutShift: { total: number } }).__layoutShift.total);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
