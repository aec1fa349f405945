import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { watchAnalysisTraffic } from './analysis-traffic';
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

describe('web app: analysis in a real browser', () => {
  it('shows care gaps on the dashboard, approves the estimate of a CARE_GAPS analysis by the local AI model, follows it live over the websocket, and opens a cited record', async () => {
    const { page, consoleErrors } = await watchPage(demoPatient);
    const traffic = watchAnalysisTraffic(page);
    await page.goto(`${webUrl}/dashboard`);
    const gaps = page.getByTestId('care-gaps');
    await gaps.waitFor({ timeout: 60_000 });
    expect(await gaps.textContent()).toMatch(/Pneumococcal vaccine is recommended/);
    await screenshot(page, 'dashboard-care-gaps');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Analysis', exact: true })
      .click();
    await page.waitForURL(`${webUrl}/analysis`);
    // A client-side navigation changes the URL before the new page's title is rendered.
    await expect.poll(() => page.title()).toBe('Analysis · HoloVitals');
    // The stack gives every process the local model server, so the model analyzer takes the analysis.
    // In credits, the unit the billing page shows the credit left in.
    const shown = page.getByText(/^Estimated cost: [\d.,]+ credits? \(AI model\)\.$/);
    await shown.waitFor();
    const figure = /([\d.,]+) credits?/.exec((await shown.textContent()) ?? '');
    const credits = Number(figure?.[1]?.replace(/,/g, ''));

    // An AI-model analysis is approved before anything is requested: its estimate and what it covers first.
    await page.getByRole('button', { name: 'Request analysis' }).click();
    const approval = page.getByRole('group', { name: 'Approve the cost' });
    await approval.waitFor();
    expect(await approval.textContent()).toContain(`Estimated cost: ${figure?.[0]}.`);
    expect(await approval.getByRole('link', { name: 'Billing' }).getAttribute('href')).toBe('/billing');
    expect(await approval.getByTestId('approval-basis').textContent()).toMatch(
      /^About \d+ tokens of record sent and at most \d+ tokens of answer/,
    );
    expect(traffic.requests).toEqual([]);
    await screenshot(page, 'analysis-cost-approval');
    // The new task by its id: the demo patient's earlier tasks (other test files share the stack) are listed too.
    const [requested] = await Promise.all([
      page.waitForResponse((response) =>
        /"operationName":"RequestAnalysis"/.test(response.request().postData() ?? ''),
      ),
      approval.getByRole('button', { name: 'Approve and request' }).click(),
    ]);
    const { data } = (await requested.json()) as { data: { requestAnalysis: { id: string } } };
    const taskId = data.requestAnalysis.id;
    const task = page.locator(`li[data-task="${taskId}"]`);
    await expect.poll(() => task.getAttribute('data-status'), { timeout: 60_000 }).toBe('SUCCEEDED');
    await task.locator('[data-testid="analyzer-label"]').waitFor();
    // The request carried the approved estimate as the most it may cost.
    expect(traffic.requests).toEqual([expect.objectContaining({ type: 'CARE_GAPS', maxCredits: credits })]);

    // Live, not polled: the list was read once, on arrival; the finished task came over the websocket, and at
    // most one catch-up read of the task was made (when its subscription stayed silent for a while).
    const frames = traffic.frames.filter((frame) => frame.taskId === taskId);
    process.stdout.write(
      `analysis browser: ${traffic.listReads} list read(s), ${traffic.taskReads} task read(s), frames ${JSON.stringify(frames)}\n`,
    );
    expect(traffic.subscribedTo).toContain(taskId);
    expect(frames.at(-1)).toEqual({ taskId, status: 'SUCCEEDED', progress: 100 });
    expect(traffic.listReads).toBe(1);
    expect(traffic.taskReads).toBeLessThanOrEqual(1);
    expect(await task.getByTestId('analyzer-label').textContent()).toBe(
      'AI model (given your de-identified record)',
    );
    expect(await task.textContent()).toMatch(/AI language model from your de-identified record/);
    await screenshot(page, 'analysis-result');

    const vaccination = task.getByRole('link', { name: 'vaccination' }).first();
    const recordId = await vaccination.getAttribute('data-citation');
    await vaccination.click();
    await page.waitForURL(`${webUrl}/timeline#Immunization-${recordId}`);
    await page.locator(`li[id="Immunization-${recordId}"]`).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
