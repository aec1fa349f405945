import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ARTIFACTS,
  launchBrowser,
  openPage,
  screenshot,
  signedInContext,
  signIn,
  watchPage,
} from './browser';
import { TestAuthenticator } from '../api/authenticator';
import { horizontalOverflow, unlabelledControls } from './page-checks';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
// A Synthea bundle (Apache-2.0, see the fixtures README) with active conditions and medications.
const BUNDLE = resolve(
  __dirname,
  '../../subgraphs/patient/fixtures/synthea-r4/Brent_Beer_7dc94cc0-8c2e-4835-9994-cecbe894bcbf.json',
);

const PHONE = { width: 390, height: 844 };

let browser: Browser;
let demoPatient: BrowserContext;
let demoPatientPhone: BrowserContext;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
  demoPatient = await signedInContext(browser, webUrl, 'patient@demo.holovitals.local', stack.demoPassword);
  demoPatientPhone = await signedInContext(
    browser,
    webUrl,
    'patient@demo.holovitals.local',
    stack.demoPassword,
    PHONE,
  );
});

afterAll(async () => {
  await browser?.close();
});

function mainNav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function api<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

async function register(email: string, password: string): Promise<void> {
  await api('mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
    i: { email, password, displayName: 'Rita Record' },
  });
}

describe('web app: a health record in a real browser', () => {
  it('imports a Synthea bundle, shows conditions, medications, charts and labs, edits allergies, conditions and medications and exports', async () => {
    const { page, context, consoleErrors } = await openPage(browser);
    const email = `record-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'record e2e password 7';
    await register(email, password);
    await signIn(page, webUrl, email, password);
    await page.getByText('Your health record is empty.').waitFor();

    await page.getByRole('link', { name: 'Import a FHIR record' }).click();
    await page.waitForURL(`${webUrl}/import`);
    expect(await page.title()).toBe('Import a record · HoloVitals');
    await page.getByLabel('FHIR Bundle file (.json)').setInputFiles(BUNDLE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished.').waitFor({ timeout: 60_000 });
    await screenshot(page, 'import');

    await page.getByRole('link', { name: 'See your record' }).click();
    await page.waitForURL(`${webUrl}/dashboard`);
    const conditions = page.getByRole('list', { name: 'Active conditions' }).getByRole('listitem');
    const medications = page.getByRole('list', { name: 'Current medications' }).getByRole('listitem');
    await conditions.first().waitFor();
    expect(await conditions.count()).toBeGreaterThan(0);
    expect(await medications.count()).toBeGreaterThan(0);
    await screenshot(page, 'record-dashboard');

    await mainNav(page, 'Vitals').click();
    const bloodPressure = page.locator('figure[data-chart="blood-pressure"]');
    await bloodPressure.locator('.recharts-line-dot').first().waitFor();
    expect(await bloodPressure.locator('.recharts-line-dot').count()).toBeGreaterThan(1);
    await screenshot(page, 'vitals');

    // Synthea labs carry no reference range; a hand-entered glucose with one shows the flag end to end.
    const login = await api<{ login: { accessToken: string } }>(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: password },
    );
    const token = login.login.accessToken;
    const mine = await api<{ myPatient: { id: string } }>('{ myPatient { id } }', {}, token);
    await api(
      'mutation C($p: ID!, $i: ObservationInput!) { createObservation(patientId: $p, input: $i) { id } }',
      {
        p: mine.myPatient.id,
        i: {
          status: 'final',
          category: 'laboratory',
          codeSystem: 'http://loinc.org',
          code: '2339-0',
          display: 'Glucose [Mass/volume] in Blood',
          value: 10.5,
          unit: 'mmol/L',
          referenceLow: 3.9,
          referenceHigh: 5.5,
          effectiveAt: new Date().toISOString(),
        },
      },
      token,
    );

    await mainNav(page, 'Labs').click();
    // Lists show the short name; the detail page keeps the full LOINC name.
    await page.getByRole('link', { name: 'Glucose', exact: true }).click();
    await page.getByRole('heading', { name: 'Glucose [Mass/volume] in Blood', level: 1 }).waitFor();
    const standardized = page.getByTestId('standardized-value');
    await expect(standardized.textContent()).resolves.toMatch(/^[\d.]+ mg\/dL$/);
    await expect(page.getByTestId('lab-flag').textContent()).resolves.toBe('High');
    await screenshot(page, 'lab-detail');

    await mainNav(page, 'Edit record').click();
    await page.getByRole('button', { name: 'Add allergy' }).click();
    await page.getByLabel('Allergic to').fill('Peanuts');
    await page.getByLabel('Reaction').fill('Hives');
    await page.getByLabel('Category').selectOption('food');
    await page
      .getByRole('form', { name: 'Add allergy' })
      .getByRole('button', { name: 'Add allergy' })
      .click();
    await page.getByText('Saved “Peanuts”.').waitFor();
    await page.getByRole('button', { name: 'Edit Peanuts' }).click();
    await page.getByLabel('Reaction').fill('Swelling of the lips');
    await page.getByLabel('Criticality').selectOption('high');
    await page.getByRole('button', { name: 'Save allergy' }).click();
    await page.getByText('food · high criticality · Swelling of the lips · active').waitFor();

    await page.getByRole('button', { name: 'Add condition' }).click();
    const addCondition = page.getByRole('form', { name: 'Add condition' });
    await addCondition.getByLabel('Condition', { exact: true }).fill('Seasonal hay fever');
    await addCondition.getByLabel('Kind').selectOption('problem-list-item');
    await addCondition.getByRole('button', { name: 'Add condition' }).click();
    await page.getByText('Saved “Seasonal hay fever”.').waitFor();
    await page
      .getByRole('list', { name: 'Conditions', exact: true })
      .getByRole('listitem')
      .filter({ hasText: 'Seasonal hay fever' })
      .getByText('active', { exact: true })
      .waitFor();

    const editMedication = page
      .getByRole('list', { name: 'Medications', exact: true })
      .getByRole('button', { name: /^Edit / })
      .first();
    const medicationName = ((await editMedication.getAttribute('aria-label')) ?? '').replace(/^Edit /, '');
    await editMedication.click();
    const medicationForm = page.getByRole('form', { name: 'Edit medication' });
    await medicationForm.getByLabel('Dosage').fill('One tablet when needed');
    await medicationForm.getByLabel('Status').selectOption('stopped');
    await medicationForm.getByRole('button', { name: 'Save medication' }).click();
    await page.getByText(`Saved “${medicationName}”.`).waitFor();
    await page
      .getByRole('list', { name: 'Medications', exact: true })
      .getByRole('listitem')
      .filter({ hasText: medicationName })
      .getByText(/^One tablet when needed · stopped/)
      .waitFor();
    await screenshot(page, 'record-edit');

    await mainNav(page, 'Export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download FHIR Bundle (.json)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^holovitals-record-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      resourceType: string;
      entry: { resource: { resourceType: string; reaction?: { description?: string }[] } }[];
    };
    expect(exported.resourceType).toBe('Bundle');
    const allergy = exported.entry.find((entry) => entry.resource.resourceType === 'AllergyIntolerance');
    expect(JSON.stringify(allergy)).toContain('Swelling of the lips');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${webUrl}/login`);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });

  it('explains an invalid bundle file instead of importing it', async () => {
    const { page } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/import`);
    const input = page.getByLabel('FHIR Bundle file (.json)');
    await input.setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ not json'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
    await input.setInputFiles({
      name: 'patient.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"resourceType":"Patient","id":"x"}'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'not a FHIR Bundle' }).waitFor();
    await screenshot(page, 'import-invalid');
    await page.close();
  });

  it('shows the demo patient their seeded record and measures the dashboard JavaScript', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/dashboard`);
    await page.getByRole('list', { name: 'Active conditions' }).getByRole('listitem').first().waitFor();
    await page.getByRole('heading', { name: 'About' }).waitFor();

    await page.reload();
    await page.getByRole('list', { name: 'Active conditions' }).waitFor();
    const scriptPaths = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script')
        .map((entry) => new URL(entry.name).pathname),
    );
    // Sizes from the build's own files: raw, and gzip as `next start` serves them.
    const files = await Promise.all(
      scriptPaths
        .filter((path) => path.startsWith('/_next/static/'))
        .map((path) => readFile(resolve(__dirname, '../../web/.next', path.slice('/_next/'.length)))),
    );
    const kB = (bytes: number): number => Math.round(bytes / 102.4) / 10;
    const weight = {
      page: '/dashboard',
      scripts: files.length,
      rawKb: kB(files.reduce((sum, file) => sum + file.length, 0)),
      gzipKb: kB(files.reduce((sum, file) => sum + gzipSync(file).length, 0)),
    };
    await writeFile(resolve(ARTIFACTS, 'dashboard-js-weight.json'), `${JSON.stringify(weight, null, 2)}\n`);
    expect(weight.scripts).toBeGreaterThan(0);
    await screenshot(page, 'demo-dashboard');
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it('lets an admin set up an authenticator, step up, find a patient and open their record', async () => {
    const { page, context, consoleErrors } = await openPage(browser);
    await signIn(page, webUrl, 'admin@demo.holovitals.local', stack.demoPassword);
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await page.waitForURL(`${webUrl}/patients`);
    // Without an authenticator the list asks for one first.
    await page.getByRole('link', { name: 'Set one up under Security' }).click();
    await page.waitForURL(`${webUrl}/account/security`);
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const authenticator = new TestAuthenticator(
      (await page.getByLabel('Authenticator key').textContent())!.trim(),
    );
    await page.getByLabel('Code from the app').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Set up.').waitFor();
    await screenshot(page, 'admin-security-enrolled');
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await page.waitForURL(`${webUrl}/patients`);
    await page.getByLabel('Authenticator code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    const firstPatient = page.getByRole('table').getByRole('link').first();
    await firstPatient.waitFor();
    await firstPatient.click();
    await page.getByRole('heading', { name: 'Patient record', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'About' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Patient record' })
      .getByRole('link', { name: 'Labs' })
      .click();
    await page.getByRole('table').waitFor();
    await screenshot(page, 'admin-patient-labs');
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });

  it.each(['/labs', '/vitals', '/timeline', '/record', '/import', '/export'])(
    '%s has a title, labelled controls and no sideways scrolling at 390 px',
    async (path) => {
      const { page, consoleErrors } = await watchPage(demoPatientPhone);
      await page.goto(`${webUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.loading').first().waitFor({ state: 'detached' });
      expect(await page.title()).toMatch(/· HoloVitals$/);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `phone${path.replaceAll('/', '-')}`);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await page.close();
    },
  );
});
