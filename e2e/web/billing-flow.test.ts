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
  it('the demo patient upgrades to Plus through the hosted checkout page, sees the plan active, then switches to Family', async () => {
    await page.goto(`${webUrl}/billing`);
    await expect.poll(() => page.getByTestId('current-plan').textContent()).toBe('Free');
    // Credits, the unit of the analysis page's estimates, with the dollars they are worth where money is paid.
    expect(await page.getByRole('list', { name: 'Plans' }).textContent()).toContain(
      '$9.00 / month · includes 500 credits ($5.00) for AI analyses',
    );
    expect(await page.getByTestId('remaining-credits').textContent()).toBe('0 credits ($0.00)');
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
    await expect.poll(() => page.getByTestId('remaining-credits').textContent()).toBe('500 credits ($5.00)');
    await expect.poll(() => page.getByRole('table', { name: 'Invoices' }).textContent()).toMatch(/9\.00/);
    await screenshot(page, 'billing-plus-active');

    // Plus → Family at once: the rest of the period is charged now (19.00 less the unused 9.00) and the credit
    // is topped up to Family's 15.00 when that invoice's webhook lands.
    await page.getByRole('button', { name: 'Switch to Family' }).click();
    await expect
      .poll(() => page.getByTestId('current-plan').textContent(), { timeout: 20_000 })
      .toBe('Family');
    await expect
      .poll(() => page.getByTestId('remaining-credits').textContent(), { timeout: 20_000 })
      .toBe('1,500 credits ($15.00)');
    // The credit and the invoice come from the same webhook: once the credit shows, the invoice is there.
    await page.reload();
    await expect.poll(() => page.getByRole('table', { name: 'Invoices' }).textContent()).toMatch(/10\.00/);
    await screenshot(page, 'billing-family-switched');

    await page.getByRole('button', { name: 'Manage payment methods' }).click();
    await page.waitForURL(`${stack.stripeServerUrl}/portal/**`);
    expect(await page.getByText('•••• 4242').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Return to HoloVitals' }).click();
    await page.waitForURL(`${webUrl}/billing`);
    expect(consoleErrors).toEqual([]);
  });
});
