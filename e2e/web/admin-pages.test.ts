import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
const ADMIN = 'admin@demo.holovitals.local';
const ADMIN_LINKS = ['Audit log', 'Security alerts', 'Compliance report'];

let browser: Browser;
let admin: BrowserContext;
const alertText = `Browser test: laptop reported stolen ${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  const login = await graphqlRequest<{ login: { accessToken: string } }>(
    stack.gatewayUrl,
    `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
    { email: ADMIN, password: stack.demoPassword },
  );
  const raised = await graphqlRequest(
    stack.gatewayUrl,
    `mutation R($input: RaiseSecurityAlertInput!) { raiseSecurityAlert(input: $input) { id } }`,
    { input: { severity: 'HIGH', details: alertText } },
    { token: login.body.data!.login.accessToken },
  );
  expect(raised.body.errors).toBeUndefined();
  browser = await launchBrowser();
  admin = await signedInContext(browser, webUrl, ADMIN, stack.demoPassword);
});

afterAll(async () => {
  await browser?.close();
});

describe('web app: compliance pages for ADMIN', () => {
  it('searches the audit log', async () => {
    const { page, consoleErrors } = await watchPage(admin);
    await page.goto(`${webUrl}/dashboard`);
    for (const name of ADMIN_LINKS) await page.getByRole('link', { name }).waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(`${webUrl}/admin/audit-log`);
    // A client-side navigation changes the URL before the new page's title is rendered.
    await expect.poll(() => page.title()).toBe('Audit log · HoloVitals');
    await page.getByLabel('Action').fill('login');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('list', { name: 'Audit entries' })
      .getByText(/login Session · SUCCESS/)
      .first()
      .waitFor();
    await screenshot(page, 'admin-audit-log');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows open security alerts and acknowledges one', async () => {
    const { page, consoleErrors } = await watchPage(admin);
    await page.goto(`${webUrl}/admin/alerts`);
    expect(await page.title()).toBe('Security alerts · HoloVitals');
    const alerts = page.getByRole('list', { name: 'Security alerts' });
    await alerts.getByText(alertText).waitFor();
    await screenshot(page, 'admin-security-alerts');
    await alerts
      .getByRole('listitem')
      .filter({ hasText: alertText })
      .getByRole('button', { name: /^Acknowledge/ })
      .click();
    await alerts.getByText(alertText).waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('ACKNOWLEDGED');
    await alerts.getByRole('listitem').filter({ hasText: alertText }).getByText('acknowledged').waitFor();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('produces the compliance report and downloads it as CSV', async () => {
    const { page, consoleErrors } = await watchPage(admin);
    await page.goto(`${webUrl}/admin/report`);
    expect(await page.title()).toBe('Compliance report · HoloVitals');
    await page.getByRole('button', { name: 'Produce report' }).click();
    await page.getByText(/Audit chain intact: \d+ entries verified\./).waitFor();
    await page
      .getByRole('list', { name: 'Totals by action and role' })
      .getByText(/login by/)
      .first()
      .waitFor();
    await screenshot(page, 'admin-compliance-report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^compliance-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('section,key,detail,extra,count');
    expect(csv).toMatch(/\r\naudit_chain,valid,,,\d+\r\n$/);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the compliance pages to nobody but ADMIN', async () => {
    const patient = await signedInContext(
      browser,
      webUrl,
      'patient@demo.holovitals.local',
      stack.demoPassword,
    );
    const { page } = await watchPage(patient);
    await page.goto(`${webUrl}/dashboard`);
    await page.getByRole('link', { name: 'Account' }).waitFor();
    for (const name of ADMIN_LINKS) expect(await page.getByRole('link', { name }).count()).toBe(0);
    await patient.close();
  });
});
