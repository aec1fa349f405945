import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';

let browser: Browser;
beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function api<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

/** Marks the loaded document; the mark survives client-side updates and navigation, never a reload. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMark: string }).liveMark = 'still here';
  });
}
const documentMark = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark);

describe('web app: the record updates live', () => {
  it('shows a condition and a lab result recorded elsewhere on the dashboard and the labs page without a reload', async () => {
    const email = `live-web-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'live e2e password 9';
    await api('mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
      i: { email, password, displayName: 'Lena Live' },
    });
    // Another device of the same person: its own session, changing the record through the API.
    const { login } = await api<{ login: { accessToken: string } }>(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: password },
    );
    const { createMyPatient } = await api<{ createMyPatient: { id: string } }>(
      'mutation { createMyPatient { id } }',
      {},
      login.accessToken,
    );

    const { page, context, consoleErrors } = await openPage(browser);
    await signIn(page, webUrl, email, password);
    const conditions = page.getByRole('list', { name: 'Active conditions' });
    await page.getByText('No active conditions recorded.').waitFor();
    await markDocument(page);
    // Give the lazy graphql-ws link time to connect and the gateway to register the subscription.
    await page.waitForTimeout(1_500);
    await screenshot(page, 'live-dashboard-before');

    await api(
      'mutation C($p: ID!, $i: ConditionInput!) { createCondition(patientId: $p, input: $i) { id } }',
      {
        p: createMyPatient.id,
        i: {
          display: 'Seasonal allergic rhinitis',
          clinicalStatus: 'active',
          onsetAt: '2026-11-02T00:00:00Z',
        },
      },
      login.accessToken,
    );
    await conditions.getByText('Seasonal allergic rhinitis').waitFor({ timeout: 10_000 });
    expect(await documentMark(page)).toBe('still here');
    await screenshot(page, 'live-dashboard-after');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Labs', exact: true })
      .click();
    await page.waitForURL(`${webUrl}/labs`);
    await page.getByText('No lab results yet.').waitFor();
    await page.waitForTimeout(1_500);
    await api(
      'mutation O($p: ID!, $i: ObservationInput!) { createObservation(patientId: $p, input: $i) { id } }',
      {
        p: createMyPatient.id,
        i: {
          status: 'final',
          category: 'laboratory',
          codeSystem: 'http://loinc.org',
          code: '2345-7',
          display: 'Glucose',
          value: 182,
          unit: 'mg/dL',
          effectiveAt: '2026-11-30T08:00:00Z',
        },
      },
      login.accessToken,
    );
    await page
      .getByRole('table')
      .getByText(/Glucose/)
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await documentMark(page)).toBe('still here');
    await screenshot(page, 'live-labs-after');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
