import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verificationTokenFor } from '../setup/mail';
import { launchBrowser, openPage, screenshot, signedInContext, signIn, watchPage } from './browser';
import { horizontalOverflow, unlabelledControls } from './page-checks';

const stack = inject('stack');
const webUrl = stack.webUrl ?? '';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let demoPatientPhone: BrowserContext;

beforeAll(async () => {
  if (!stack.webUrl)
    throw new Error('the web app is not running: build it first (npm run build -w @holovitals/web)');
  browser = await launchBrowser();
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

describe('web app: accounts and sessions in a real browser', () => {
  it('signs up, confirms the email, signs in, keeps the session across a reload and signs out', async () => {
    const { context, page, consoleErrors } = await openPage(browser);
    const email = `web-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'web e2e password 42';

    await page.goto(`${webUrl}/register`);
    expect(await page.title()).toBe('Create your account · HoloVitals');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Your name').fill('Ada Web');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const token = await verificationTokenFor(stack.mailUrl, email);
    await page.goto(`${webUrl}/verify-email?token=${token}`);
    await page.getByText('Your email address is confirmed.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByText('You can sign in now.').waitFor();

    await signIn(page, webUrl, email, password);
    await page.getByRole('heading', { name: 'Hello, Ada Web' }).waitFor();
    expect(await page.title()).toBe('Dashboard · HoloVitals');
    await screenshot(page, 'dashboard');

    const refreshCookie = (await context.cookies()).find((cookie) => cookie.name === 'hv_refresh');
    expect(refreshCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    const scriptStorage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(scriptStorage).toBe('{}');

    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Ada Web' }).waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL(`${webUrl}/account/sessions`);
    const sessions = page.getByRole('list', { name: 'Active sessions' });
    await sessions.getByText('This device').waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'account-sessions');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${webUrl}/login`);
    await page.goto(`${webUrl}/dashboard`);
    await page.waitForURL(/\/login\?next=%2Fdashboard/);
    expect((await context.cookies()).some((cookie) => cookie.name === 'hv_refresh')).toBe(false);

    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });

  it('explains a wrong password without clearing the email', async () => {
    const { context, page, consoleErrors } = await openPage(browser);
    await page.goto(`${webUrl}/login`);
    expect(await page.title()).toBe('Sign in · HoloVitals');
    await page.getByLabel('Email').fill('patient@demo.holovitals.local');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match an account' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('patient@demo.holovitals.local');
    await screenshot(page, 'login-wrong-password');
    // The failed sign-in answers 401 by design; that response is the only console error the page may show.
    expect(consoleErrors.filter((text) => !text.includes('401'))).toEqual([]);
    await context.close();
  });

  it('sends the user to sign in, saying why, when the session is ended elsewhere', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, webUrl, 'clinician@demo.holovitals.local', stack.demoPassword);

    const other = await graphqlRequest<{ login: { accessToken: string } }>(
      stack.gatewayUrl,
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: 'clinician@demo.holovitals.local', p: stack.demoPassword },
    );
    const ended = await graphqlRequest<{ logoutEverywhere: number }>(
      stack.gatewayUrl,
      'mutation { logoutEverywhere }',
      {},
      {
        token: other.body.data?.login.accessToken,
      },
    );
    expect(ended.body.data?.logoutEverywhere).toBeGreaterThanOrEqual(2);

    await page.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL(/\/login\?.*reason=expired/);
    await page.getByText('Your session ended. Sign in again').waitFor();
    await context.close();
  });

  it('explains that the service is unreachable instead of showing a blank page', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, webUrl, 'admin@demo.holovitals.local', stack.demoPassword);
    await context.route(`${stack.gatewayUrl}**`, (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    await screenshot(page, 'gateway-down');
    await context.close();
  });

  it.each(['/login', '/register', '/dashboard', '/account/sessions'])(
    '%s has a title, labelled controls and no sideways scrolling at 390 px',
    async (path) => {
      const signedIn = path !== '/login' && path !== '/register';
      const { context, page, consoleErrors } = signedIn
        ? await watchPage(demoPatientPhone)
        : await openPage(browser, PHONE);
      await page.goto(`${webUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.title()).toMatch(/· HoloVitals$/);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `phone${path.replaceAll('/', '-')}`);
      expect(consoleErrors).toEqual([]);
      await (signedIn ? page.close() : context.close());
    },
  );
});
