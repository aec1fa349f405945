import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';

let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
  const email = `ehr-web-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await graphqlRequest(stack.gatewayUrl, 'mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
    i: { email, password },
  });
  const login = await graphqlRequest<{ login: { accessToken: string } }>(
    stack.gatewayUrl,
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  // The hospital is in the directory (any signed-in user may add a SMART server by its URL).
  await graphqlRequest(
    stack.gatewayUrl,
    'mutation A($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital") { id } }',
    { url: stack.demoHospitalFhirUrl },
    { token: login.body.data?.login.accessToken ?? '' },
  );
  const watched = await openPage(browser);
  page = watched.page;
  consoleErrors = watched.consoleErrors;
  await signIn(page, webUrl, email, password);
});

afterAll(async () => {
  await browser?.close();
});

describe('connecting a hospital in the browser (SMART redirect round trip)', () => {
  it('denied at the hospital: the app says so and connects nothing', async () => {
    await page.goto(`${webUrl}/connections`);
    await page.getByLabel('Find your hospital').fill('Demo');
    const hospitals = page.getByRole('list', { name: 'Hospitals you can connect' });
    await hospitals.getByRole('button', { name: 'Connect' }).first().click();
    await page.waitForURL(/\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${webUrl}/ehr/callback**`);
    await expect.poll(() => page.getByText('You declined access at the hospital.').isVisible()).toBe(true);
    await screenshot(page, 'ehr-connect-denied');
  });

  it('allowed: back on the callback page, connected, syncs on demand and shows what came in', async () => {
    await page.goto(`${webUrl}/connections`);
    await page.getByLabel('Find your hospital').fill('Demo');
    await page
      .getByRole('list', { name: 'Hospitals you can connect' })
      .getByRole('button', { name: 'Connect' })
      .first()
      .click();
    await page.waitForURL(/\/oauth\/authorize/);
    await screenshot(page, 'ehr-consent-page');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${webUrl}/ehr/callback**`);
    await expect
      .poll(() => page.getByText('Demo Hospital is connected.').isVisible(), { timeout: 30_000 })
      .toBe(true);

    await page.getByRole('link', { name: 'See your hospitals' }).click();
    const connected = page.getByRole('list', { name: 'Connected hospitals' });
    await expect.poll(() => connected.getByText('Connected', { exact: true }).isVisible()).toBe(true);
    await connected.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => connected.getByLabel('Last sync').textContent(), { timeout: 180_000, interval: 1000 })
      .toMatch(/Full sync .*: applied, \d+ fetched \(.*Condition: \d+ new/);
    // The connection's own line follows the sync live too, without a reload.
    await expect.poll(() => connected.getByText(/^Last sync /).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'ehr-connections-synced');
    // The hospital's own pages (its consent page has no favicon) are not the app's to answer for.
    expect(
      consoleErrors.filter((error) => !error.includes(new URL(stack.demoHospitalFhirUrl).origin)),
    ).toEqual([]);
  }, 300_000);
});
