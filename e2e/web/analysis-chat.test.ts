import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext, watchPage } from './browser';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';

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

describe('web app: chat over the record in a real browser', () => {
  it('asks a question, reads a cited answer from the local AI model, rates it and opens a cited record', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    await page.goto(`${webUrl}/analysis`);
    await page.getByRole('link', { name: 'Ask a quick question' }).click();
    await page.waitForURL(`${webUrl}/analysis/chat`);
    // A client-side navigation changes the URL before the new page's title is rendered.
    await expect.poll(() => page.title()).toBe('Ask about your record · HoloVitals');

    const question = `What conditions are on my record? (${Date.now()})`;
    await page.getByLabel('Your question').fill(question);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();

    const answer = page.locator('li[data-turn="answer"]').first();
    await answer.waitFor({ timeout: 60_000 });
    expect(await page.locator('li[data-turn="question"]').first().textContent()).toContain(question);
    // Every statement carries its sources; the model cited the patient's own conditions.
    const diagnosis = answer.getByRole('link', { name: 'diagnosis' }).first();
    await diagnosis.waitFor();
    const conversations = page.getByRole('list', { name: 'Conversations' });
    expect(await conversations.textContent()).toContain(question.slice(0, 40));
    await screenshot(page, 'analysis-chat-answer');

    const five = answer.getByRole('button', { name: 'Rate 5 of 5' });
    await five.click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('li[data-turn="answer"] button[aria-label="Rate 5 of 5"]')
          ?.getAttribute('aria-pressed') === 'true',
    );

    const recordId = await diagnosis.getAttribute('data-citation');
    await diagnosis.click();
    await page.waitForURL(`${webUrl}/timeline#Condition-${recordId}`);
    await page.locator(`li[id="Condition-${recordId}"]`).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
