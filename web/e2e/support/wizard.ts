// Moving through the draft editor as an author would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Presses "Next" and waits for the next step's heading (which takes focus). */
export async function nextStep(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: /^Next/ }).click();
  await page.getByRole('heading', { name: heading, exact: true, level: 2 }).waitFor();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id), { message: `focus on the “${heading}” heading` })
    .toBe('step-heading');
}

/** Waits until the autosave says everything is saved. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.save-status').textContent(), { timeout: 10_000, message: 'the draft to be saved' })
    .toMatch(/^\s*Saved at \d{2}:\d{2}/);
}
