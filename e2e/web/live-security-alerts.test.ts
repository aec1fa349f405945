import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
const ADMIN = 'admin@demo.holovitals.local';

let browser: Browser;
beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Marks the loaded document; the mark survives client-side updates, never a reload. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMark: string }).liveMark = 'still here';
  });
}
const documentMark = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark);

describe('web app: security alerts update live', () => {
  it('shows an alert raised elsewhere on the open Security alerts page without a reload', async () => {
    // Another administrator's session, raising the alert through the gateway.
    const login = await graphqlRequest<{ login: { accessToken: string } }>(
      stack.gatewayUrl,
      `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email: ADMIN, password: stack.demoPassword },
    );
    expect(login.body.errors).toBeUndefined();
    const admin = await signedInContext(browser, webUrl, ADMIN, stack.demoPassword);
    const { page, consoleErrors } = await watchPage(admin);
    await page.goto(`${webUrl}/admin/alerts`);
    const alerts = page.getByRole('list', { name: 'Security alerts' });
    await page.getByRole('heading', { name: 'Security alerts' }).first().waitFor();
    await markDocument(page);
    // Give the lazy graphql-ws link time to connect and the gateway to register the subscription.
    await page.waitForTimeout(1_500);

    const details = `Live browser test: door badge cloned ${randomBytes(3).toString('hex')}`;
    const raised = await graphqlRequest(
      stack.gatewayUrl,
      `mutation R($input: RaiseSecurityAlertInput!) { raiseSecurityAlert(input: $input) { id } }`,
      { input: { severity: 'CRITICAL', details } },
      { token: login.body.data!.login.accessToken },
    );
    expect(raised.body.errors).toBeUndefined();
    await alerts.getByText(details).waitFor({ timeout: 20_000 });
    expect(await documentMark(page)).toBe('still here');
    await screenshot(page, 'live-security-alerts-after');

    expect(consoleErrors).toEqual([]);
    await admin.close();
  });
});
