import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';

let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
  const demoPatient = await watchPage(
    await signedInContext(browser, webUrl, 'patient@demo.holovitals.local', stack.demoPassword),
  );
  page = demoPatient.page;
  consoleErrors = demoPatient.consoleErrors;
});

afterAll(async () => {
  await browser?.close();
});

describe('billing in the browser', () => {
  it('the demo patient upgrades to Plus through the hosted checkout page and sees the plan active', async () => {
    await page.goto(`${webUrl}/billing`);
    await expect.poll(() => page.getByTestId('current-plan').textContent()).toBe('Free');
    await screenshot(page, 'billing-free');

    await page.getByRole('button', { name: 'Upgrade to Plus' }).click();
    await page.waitForURL(`${stack.stripeServerUrl}/checkout/**`);
    expect(await page.getByTestId('checkout-product').textContent()).toBe('HoloVitals Plus');
    await page.getByLabel('Name on card').fill('Demo Patient');
    await screenshot(page, 'billing-hosted-checkout');
    const started = Date.now();
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(`${webUrl}/billing?checkout=success**`);
    await expect.poll(() => page.getByTestId('current-plan').textContent(), { timeout: 20_000 }).toBe('Plus');
    process.stdout.write(`billing browser: Pay → Plus shown as active in ${Date.now() - started} ms\n`);
    expect(await page.getByTestId('plan-status').textContent()).toBe('Active');
    await expect.poll(() => page.getByTestId('remaining-credits').textContent()).toMatch(/5\.00/);
    await expect.poll(() => page.getByRole('table', { name: 'Invoices' }).textContent()).toMatch(/9\.00/);
    await screenshot(page, 'billing-plus-active');

    await page.getByRole('button', { name: 'Manage payment methods' }).click();
    await page.waitForURL(`${stack.stripeServerUrl}/portal/**`);
    expect(await page.getByText('•••• 4242').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Return to HoloVitals' }).click();
    await page.waitForURL(`${webUrl}/billing`);
    expect(consoleErrors).toEqual([]);
  });
});
