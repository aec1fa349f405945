import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';

let browser: Browser;
let demoPatient: BrowserContext;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
  demoPatient = await signedInContext(browser, webUrl, 'patient@demo.holovitals.local', stack.demoPassword);
});

afterAll(async () => {
  await browser?.close();
});

describe('web app: analysis in a real browser', () => {
  it('shows care gaps on the dashboard, runs a CARE_GAPS analysis by the local AI model, and opens a cited record', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/dashboard`);
    const gaps = page.getByTestId('care-gaps');
    await gaps.waitFor({ timeout: 30_000 });
    expect(await gaps.textContent()).toMatch(/Pneumococcal vaccine is recommended/);
    await screenshot(page, 'dashboard-care-gaps');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Analysis', exact: true })
      .click();
    await page.waitForURL(`${webUrl}/analysis`);
    expect(await page.title()).toBe('Analysis · HoloVitals');
    // The stack gives every process the local model server, so the model analyzer takes the analysis.
    await page.getByText('Estimated cost: 0 credits (AI model).').waitFor();
    await page.getByRole('button', { name: 'Request analysis' }).click();

    const task = page.locator('li[data-task]').first();
    await task.locator('[data-testid="analyzer-label"]').waitFor({ timeout: 60_000 });
    expect(await task.getAttribute('data-status')).toBe('SUCCEEDED');
    expect(await task.getByTestId('analyzer-label').textContent()).toBe(
      'AI model (given your de-identified record)',
    );
    expect(await task.textContent()).toMatch(/AI language model from your de-identified record/);
    await screenshot(page, 'analysis-result');

    const vaccination = task.getByRole('link', { name: 'vaccination' }).first();
    const recordId = await vaccination.getAttribute('data-citation');
    await vaccination.click();
    await page.waitForURL(`${webUrl}/timeline#Immunization-${recordId}`);
    await page.locator(`li[id="Immunization-${recordId}"]`).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
