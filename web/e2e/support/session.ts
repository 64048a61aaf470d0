import type { Page } from 'playwright-core';

/** Signs in through the sign-in page, as a person would, and waits to land on `landing`. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, landing = '/') {
  if (!page.url().includes('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === landing);
}

/** Presses "Sign out" in the header, opening the header's menu first on a phone. */
export async function signOut(page: Page) {
  const header = page.getByRole('banner');
  const menu = header.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
  await header.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}
