import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { graphqlRequest } from '@holovitals/testing';
import { randomInt } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
const ADMIN = 'admin@demo.holovitals.local';

let browser: Browser;
let admin: BrowserContext;
let adminToken: string;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  const login = await graphqlRequest<{ login: { accessToken: string } }>(
    stack.gatewayUrl,
    `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
    { email: ADMIN, password: stack.demoPassword },
  );
  adminToken = login.body.data!.login.accessToken;
  browser = await launchBrowser();
  admin = await signedInContext(browser, webUrl, ADMIN, stack.demoPassword);
});

afterAll(async () => {
  await browser?.close();
});

describe('web app: monitoring page for ADMIN', () => {
  it('shows every service and worker UP, live, last-hour charts, and the errors the web app reports', async () => {
    const { page, consoleErrors } = await watchPage(admin);
    const sentFrames: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => sentFrames.push(String(frame.payload))),
    );
    await page.goto(`${webUrl}/dashboard`);
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.waitForURL(`${webUrl}/admin/monitoring`);
    await expect.poll(() => page.title()).toBe('Monitoring · HoloVitals');
    const table = page.getByRole('table', { name: 'Service health' });
    for (const entry of SERVICE_REGISTRY)
      await table.locator(`tr[data-service="${entry.name}"][data-status="UP"]`).waitFor({ timeout: 30_000 });
    // Scraped every 15 s and shown in 15 s windows: identity's sign-ins appear within about 30 s.
    await page
      .getByRole('table', { name: 'Latency per operation' })
      .locator('th', { hasText: 'identity' })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByRole('list', { name: 'Queues' }).waitFor({ timeout: 60_000 });
    // The last hour's p95 line of identity has a point for the sign-ins, with its value as text beside it.
    const identityLatency = page
      .getByRole('table', { name: 'p95 latency' })
      .locator('tr[data-service="identity"]');
    await identityLatency.locator('svg[role="img"]:not([data-points="0"])').waitFor({ timeout: 60_000 });
    expect(await identityLatency.getByRole('img').getAttribute('aria-label')).toMatch(
      /^p95 latency, identity, last hour: .*\d ms/,
    );
    expect(await identityLatency.locator('td').last().textContent()).toMatch(/\d ms$/);
    await page.getByRole('table', { name: 'Error rate' }).locator('tr[data-service="identity"]').waitFor();
    // Health comes from one subscription to every process (no serviceId), not from a fast poll.
    await expect
      .poll(() =>
        sentFrames.some((frame) => /"subscribe"/.test(frame) && /serviceHealthChanged\s*\{/.test(frame)),
      )
      .toBe(true);
    expect(await page.locator('[data-health-updates]').getAttribute('data-health-updates')).toBe('live');
    await screenshot(page, 'admin-monitoring');
    expect(consoleErrors).toEqual([]);

    const marker = `browser test failure ${randomInt(1_000_000)}`;
    await page.evaluate((message) => {
      setTimeout(() => {
        throw new Error(message);
      });
    }, marker);
    let templates: string[] = [];
    for (
      let attempt = 0;
      attempt < 60 && !templates.some((text) => text.startsWith('browser test failure'));
      attempt++
    ) {
      await new Promise((wake) => setTimeout(wake, 500));
      const errors = await graphqlRequest<{ errors: { nodes: Array<{ template: string }> } }>(
        stack.gatewayUrl,
        `{ errors(filter: { service: "web", origin: CLIENT }) { nodes { template } } }`,
        {},
        { token: adminToken },
      );
      templates = errors.body.data?.errors.nodes.map((node) => node.template) ?? [];
    }
    expect(templates).toContain('browser test failure <n>');
    await page.close();
  });
});
