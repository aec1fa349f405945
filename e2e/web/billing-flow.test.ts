import { graphqlRequest, pollUntil } from '@holovitals/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../setup/gateway-session';
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

    // Plus → Family at once: the rest of the period is charged now (19.00 less the unused 9.00) and the credit
    // is topped up to Family's 15.00 when that invoice's webhook lands.
    await page.getByRole('button', { name: 'Switch to Family' }).click();
    await expect
      .poll(() => page.getByTestId('current-plan').textContent(), { timeout: 20_000 })
      .toBe('Family');
    await expect
      .poll(() => page.getByTestId('remaining-credits').textContent(), { timeout: 20_000 })
      .toMatch(/15\.00/);
    // The credit and the invoice come from the same webhook: once the credit shows, the invoice is there.
    await page.reload();
    await expect.poll(() => page.getByRole('table', { name: 'Invoices' }).textContent()).toMatch(/10\.00/);
    await screenshot(page, 'billing-family-switched');

    // An AI analysis, requested through the API as the same patient (the analysis page is tested on its own),
    // is priced at the demo model's prices and debited from the credit; the billing page shows both.
    const actualCost = await requestModelAnalysis();
    expect(actualCost).toBeGreaterThan(0);
    await page.reload();
    const remaining = ((1_500 - actualCost) / 100).toFixed(2);
    await expect
      .poll(() => page.getByTestId('remaining-credits').textContent(), { timeout: 20_000 })
      .toContain(remaining);
    const costs = page.getByRole('table', { name: 'Analysis costs' });
    expect(await costs.textContent()).toContain('holovitals-local');
    expect(await costs.textContent()).toContain((actualCost / 100).toFixed(2));
    await screenshot(page, 'billing-analysis-consumed-credits');
    process.stdout.write(`billing browser: a model analysis cost ${actualCost} credits; ${remaining} left\n`);

    await page.getByRole('button', { name: 'Manage payment methods' }).click();
    await page.waitForURL(`${stack.stripeServerUrl}/portal/**`);
    expect(await page.getByText('•••• 4242').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Return to HoloVitals' }).click();
    await page.waitForURL(`${webUrl}/billing`);
    expect(consoleErrors).toEqual([]);
  });
});

/** Requests a CARE_GAPS analysis as the demo patient through the gateway and returns what it cost, in credits. */
async function requestModelAnalysis(): Promise<number> {
  const token = await signIn(stack.gatewayUrl, 'patient@demo.holovitals.local', stack.demoPassword);
  const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!;
  };
  const { myPatient } = await call<{ myPatient: { id: string } }>('{ myPatient { id } }');
  const { requestAnalysis } = await call<{ requestAnalysis: { id: string; analyzer: string } }>(
    'mutation R($i: RequestAnalysisInput!) { requestAnalysis(input: $i) { id analyzer } }',
    { i: { patientId: myPatient.id, type: 'CARE_GAPS', priority: 'URGENT' } },
  );
  expect(requestAnalysis.analyzer).toBe('MODEL');
  const { analysisTask } = await pollUntil(
    () =>
      call<{ analysisTask: { status: string; actualCost: number | null } }>(
        'query T($id: ID!) { analysisTask(id: $id) { status actualCost } }',
        { id: requestAnalysis.id },
      ),
    (data) => ['SUCCEEDED', 'FAILED', 'DEAD_LETTERED'].includes(data.analysisTask.status),
    60_000,
    250,
  );
  expect(analysisTask.status).toBe('SUCCEEDED');
  return analysisTask.actualCost ?? 0;
}
