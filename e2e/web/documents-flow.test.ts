import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';
import { horizontalOverflow, unlabelledControls } from './page-checks';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
// The typeset lab report the documents tests and `npm run bench:ocr` read (text-layer PDF).
const LAB_PDF = resolve(__dirname, '../../subgraphs/documents/fixtures/metabolic-panel.pdf');

let browser: Browser;
let demoPatient: BrowserContext;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
  demoPatient = await signedInContext(browser, webUrl, 'patient@demo.holovitals.local', stack.demoPassword);
});

afterAll(async () => {
  await browser?.close();
});

function documentRow(page: Page, filename: string) {
  return page.getByRole('table', { name: 'Your documents' }).getByRole('row').filter({ hasText: filename });
}

/** Uploads through the file picker, as a person would, and waits for the upload to finish. */
async function chooseFile(page: Page, files: Parameters<Page['setInputFiles']>[1]): Promise<void> {
  await page.getByLabel('Or choose files').setInputFiles(files);
}

describe('documents in the browser', () => {
  it('the demo patient uploads a lab PDF, sees it processed with LOINC-coded rows, downloads it and finds it by search', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/documents`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    await chooseFile(page, LAB_PDF);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await expect
      .poll(() => uploads.getByRole('link', { name: 'Uploaded — open' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    const row = documentRow(page, 'metabolic-panel.pdf');
    // The list follows the worker without a reload.
    await expect
      .poll(() => row.getByText('Processed', { exact: true }).isVisible(), {
        timeout: 120_000,
        interval: 500,
      })
      .toBe(true);
    await screenshot(page, 'documents-list-processed');

    await row.getByRole('link', { name: 'metabolic-panel.pdf' }).click();
    await page.waitForURL(`${webUrl}/documents/**`);
    const labs = page.getByRole('table', { name: 'Lab results found' });
    const glucose = labs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Glucose' }) });
    await expect.poll(() => glucose.getByText('2345-7').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await glucose.textContent()).toContain('98');
    expect(await labs.getByRole('row').count()).toBeGreaterThan(4);
    expect(await page.getByLabel('Text of page 1').textContent()).toContain('Comprehensive Metabolic Panel');
    // The page as rendered by the worker, decrypted and streamed through the access-checked /files route.
    const pageImage = page.getByRole('img', { name: 'Page 1 as an image' });
    await expect
      .poll(() => pageImage.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(500);
    await glucose.getByRole('button', { name: 'Show Glucose on page 1' }).click();
    const highlight = page.getByTestId('source-highlight');
    const imageBox = await pageImage.boundingBox();
    const rowBox = await highlight.boundingBox();
    expect(imageBox).not.toBeNull();
    expect(rowBox).not.toBeNull();
    if (imageBox && rowBox) {
      // The Glucose row sits in the upper part of the page, inside the image.
      expect(rowBox.x).toBeGreaterThanOrEqual(imageBox.x);
      expect(rowBox.y).toBeGreaterThan(imageBox.y);
      expect(rowBox.y + rowBox.height).toBeLessThan(imageBox.y + imageBox.height / 2);
      expect(rowBox.width).toBeGreaterThan(imageBox.width / 3);
    }
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'document-detail');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    const saved = await download.path();
    expect(statSync(saved).size).toBe(statSync(LAB_PDF).size);

    await page.getByRole('link', { name: 'All documents' }).click();
    await page.waitForURL(`${webUrl}/documents`);
    await page.getByLabel('Words to find').fill('sodium');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('list', { name: 'Search results' });
    await expect
      .poll(() => results.getByRole('link', { name: 'metabolic-panel.pdf' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect((await results.locator('mark').first().textContent())?.toLowerCase()).toBe('sodium');
    await screenshot(page, 'documents-search');
    expect(consoleErrors).toEqual([]);
  }, 240_000);

  it('says clearly why a file is refused, before upload (type, empty) and after (content), and deletes it', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/documents`);
    await chooseFile(page, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect
      .poll(
        () => page.getByText('notes.txt is not a PDF, PNG, JPEG or TIFF file.', { exact: false }).isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await chooseFile(page, { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await expect
      .poll(() => page.getByText('empty.pdf is empty.').isVisible(), { timeout: 15_000 })
      .toBe(true);

    // An executable renamed .pdf: the name passes, the content does not.
    const renamed = `setup-${randomBytes(3).toString('hex')}.pdf`;
    await chooseFile(page, {
      name: renamed,
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2048)]),
    });
    const row = documentRow(page, renamed);
    await expect
      .poll(() => row.getByText('Rejected', { exact: true }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    const reason = await row.locator('.field__error').textContent();
    expect(reason?.length).toBeGreaterThan(10);
    await screenshot(page, 'documents-refused');

    await row.getByRole('link', { name: renamed }).click();
    await page.waitForURL(`${webUrl}/documents/**`);
    expect(await page.getByRole('alert').filter({ hasText: 'Rejected.' }).textContent()).toContain(reason);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete document' }).click();
    await page.waitForURL(`${webUrl}/documents`);
    await expect.poll(() => documentRow(page, renamed).count(), { timeout: 15_000 }).toBe(0);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('a new patient confirms the extracted results and follows them into their labs', async () => {
    const email = `documents-web-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'e2e password 123';
    await graphqlRequest(stack.gatewayUrl, 'mutation R($i: RegisterInput!) { register(input: $i) { id } }', {
      i: { email, password },
    });
    const login = await graphqlRequest<{ login: { accessToken: string } }>(
      stack.gatewayUrl,
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: password },
    );
    await graphqlRequest(
      stack.gatewayUrl,
      'mutation { createMyPatient { id } }',
      {},
      {
        token: login.body.data?.login.accessToken ?? '',
      },
    );
    const context = await signedInContext(browser, webUrl, email, password);
    const { page, consoleErrors } = await watchPage(context);
    await page.goto(`${webUrl}/documents`);
    // documents learns of the new record through patient.created; until then the upload is refused.
    const started = Date.now();
    for (;;) {
      await chooseFile(page, {
        name: 'labs.pdf',
        mimeType: 'application/pdf',
        buffer: readFileSync(LAB_PDF),
      });
      const outcome = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').first();
      await expect
        .poll(
          async () => (await outcome.getByRole('link').count()) + (await outcome.getByRole('alert').count()),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      if ((await outcome.getByRole('link', { name: 'Uploaded — open' }).count()) > 0) break;
      expect(Date.now() - started).toBeLessThan(30_000);
      await page.waitForTimeout(1000);
    }
    const row = documentRow(page, 'labs.pdf');
    await expect
      .poll(() => row.getByText('Processed', { exact: true }).isVisible(), {
        timeout: 120_000,
        interval: 500,
      })
      .toBe(true);
    await row.getByRole('link', { name: 'labs.pdf' }).click();
    const labs = page.getByRole('table', { name: 'Lab results found' });
    await labs.waitFor();
    await page.getByRole('button', { name: /^Confirm all \d+$/ }).click();
    const glucose = labs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Glucose' }) });
    await expect
      .poll(() => glucose.getByRole('link', { name: 'In your record' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    // Confirm all goes row by row; each row turns into its link as its confirmation returns.
    await expect
      .poll(() => labs.getByRole('button', { name: /^Confirm / }).count(), { timeout: 30_000 })
      .toBe(0);
    expect(await labs.getByRole('link', { name: 'In your record' }).count()).toBeGreaterThan(4);
    await screenshot(page, 'document-confirmed');

    await glucose.getByRole('link', { name: 'In your record' }).click();
    await page.waitForURL(`${webUrl}/labs/**`);
    // The patient subgraph imports the confirmed results from document.processed.
    await expect
      .poll(
        async () => {
          const latest = page.getByRole('region', { name: 'Latest result' });
          if ((await latest.count()) > 0) return latest.textContent();
          await page.reload();
          return '';
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toMatch(/98 .*2345-7/s);
    await screenshot(page, 'document-lab-in-record');
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
