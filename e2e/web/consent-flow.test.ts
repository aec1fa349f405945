import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verificationTokenFor } from '../setup/mail';
import { launchBrowser, screenshot, signedInContext, type WatchedPage, watchPage } from './browser';
import { unlabelledControls } from './page-checks';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
const CLINICIAN = 'clinician@demo.holovitals.local';

let browser: Browser;

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

/** A new verified patient with an (empty) record, made through the API: the browser part starts signed in. */
async function newPatient(): Promise<{ email: string; password: string; patientId: string }> {
  const email = `sharing-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'web consent password 7';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
    i: { email, password, displayName: 'Sam Sharer' },
  });
  const token = await verificationTokenFor(stack.mailUrl, email);
  await gql('mutation V($t: String!) { verifyEmail(token: $t) { id } }', { t: token });
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  const { createMyPatient } = await gql<{ createMyPatient: { id: string } }>(
    'mutation { createMyPatient { id } }',
    {},
    login.accessToken,
  );
  return { email, password, patientId: createMyPatient.id };
}

/**
 * Repeats `action` until `done` (a text, or a locator that only needs to be in the page, such as an `<option>`)
 * appears, up to a deadline: compliance learns records, grants and accesses from events.
 */
async function retryUntil(
  page: Page,
  action: () => Promise<void>,
  done: string | Locator,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await action();
    try {
      if (typeof done === 'string') await page.getByText(done).first().waitFor({ timeout: 2_000 });
      else await done.first().waitFor({ state: 'attached', timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('web app: sharing a record in a real browser', () => {
  it('patient grants → clinician reads → patient sees the read → patient revokes → clinician denied', async () => {
    const patient = await newPatient();
    const patientTab: WatchedPage = await watchPage(
      await signedInContext(browser, webUrl, patient.email, patient.password),
    );
    const clinicianTab: WatchedPage = await watchPage(
      await signedInContext(browser, webUrl, CLINICIAN, stack.demoPassword),
    );
    const { page } = patientTab;

    await page.goto(`${webUrl}/sharing`);
    expect(await page.title()).toBe('Sharing · HoloVitals');
    await page.getByLabel('Email address of the person').fill(CLINICIAN);
    await page.getByLabel('Read my record').check();
    await page.getByLabel('Purpose').selectOption('TREATMENT');
    expect(await unlabelledControls(page)).toEqual([]);
    await retryUntil(
      page,
      () => page.getByRole('button', { name: 'Grant access' }).click(),
      `Access granted to ${CLINICIAN}.`,
    );
    const grants = page.getByRole('list', { name: 'Grants' });
    await grants.getByText(`Demo Clinician (${CLINICIAN})`).waitFor();
    await grants.getByText('Active', { exact: true }).waitFor();
    await screenshot(page, 'sharing-granted');

    // The clinician switches to the shared record with the record switcher.
    const clinician = clinicianTab.page;
    await clinician.goto(`${webUrl}/dashboard`);
    const switcher = clinician.getByLabel('Record', { exact: true });
    await retryUntil(
      clinician,
      () => clinician.reload().then(() => undefined),
      switcher.locator(`option[value="/patients/${patient.patientId}"]`),
    );
    await screenshot(clinician, 'sharing-clinician-switcher');
    await switcher.selectOption(`/patients/${patient.patientId}`);
    await clinician.waitForURL(`${webUrl}/patients/${patient.patientId}`);
    await retryUntil(clinician, () => clinician.reload().then(() => undefined), 'About');
    await screenshot(clinician, 'sharing-clinician-reads');

    await page.goto(`${webUrl}/access-log`);
    expect(await page.title()).toBe('Who accessed my record · HoloVitals');
    const log = page.getByRole('table', { name: 'Access log' });
    await retryUntil(
      page,
      () => page.getByRole('button', { name: 'Refresh' }).click(),
      `Demo Clinician (${CLINICIAN})`,
    );
    const row = log
      .getByRole('row')
      .filter({ hasText: `Demo Clinician (${CLINICIAN})` })
      .first();
    expect(await row.textContent()).toMatch(/Clinician.*Read \w+.*Treatment.*Allowed/);
    // The grant was recorded by HoloVitals' own services: named as such, never by an internal actor id.
    await log.getByRole('row').filter({ hasText: 'HoloVitals (patient service)' }).first().waitFor();
    expect(await log.textContent()).not.toMatch(/system:/);
    await screenshot(page, 'sharing-access-log');

    await page.goto(`${webUrl}/sharing`);
    await page.getByRole('button', { name: `Revoke access of Demo Clinician (${CLINICIAN})` }).click();
    await page.getByText(`Access of Demo Clinician (${CLINICIAN}) revoked.`).waitFor();
    await grants.getByText('Revoked', { exact: true }).waitFor();
    await screenshot(page, 'sharing-revoked');

    await retryUntil(
      clinician,
      () => clinician.reload().then(() => undefined),
      'You may not access this patient record.',
    );
    await screenshot(clinician, 'sharing-clinician-denied');

    expect(patientTab.consoleErrors, patientTab.consoleErrors.join('\n')).toEqual([]);
    await patientTab.context.close();
    await clinicianTab.context.close();
  }, 180_000);
});
