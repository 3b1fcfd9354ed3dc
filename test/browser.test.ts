import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from './helpers/app.ts';
import { launchChromium } from './helpers/browser.ts';
import { startServer } from './helpers/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const requested: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('request', (r) => requested.push(r.url()));
  return page;
}

async function signIn(page: Page, email: string) {
  await page.goto(server.url);
  await page.getByLabel(/电子邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill('rectify-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('button', { name: /退出登录|Sign out/ }).waitFor();
}

describe('in Chromium', () => {
  it('shows the sign-in page in Chinese, switches to English, and signs in', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByLabel('Email').fill(DEMO.admin);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();

    await page.getByLabel('Password').fill('rectify-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page.close();
  });

  it('filters the risk register to grade A and sees 158', async () => {
    const page = await newPage();
    await signIn(page, DEMO.admin);
    await page.goto(`${server.url}/risk-points`);
    const chipA = page.locator('button[data-grade="A"]');
    await chipA.filter({ hasText: '158' }).waitFor();
    await chipA.click();
    await page.getByText(/共 158 条|of 158/).waitFor();
    expect(new URL(page.url()).searchParams.get('grade')).toBe('A');
    const grades = await page.locator('tbody .chip').allTextContents();
    expect(grades.length).toBeGreaterThan(0);
    expect(new Set(grades.map((g) => g.trim()))).toEqual(new Set(['A']));

    // Open one point: its control measures and grade history are there.
    await page.locator('tbody a').first().click();
    await page.getByRole('heading', { name: /防控措施|Control measures/ }).waitFor();
    await page.getByRole('heading', { name: /等级评定记录|Grade history/ }).waitFor();
    await page.close();
  });

  it('remembers the language a person chose', async () => {
    const page = await newPage();
    await signIn(page, DEMO.leader);
    const before = await page.evaluate(() => document.documentElement.lang);
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
    expect((await saved).status()).toBe(200);
    const lang = await page.evaluate(() => document.documentElement.lang);
    expect(lang).not.toBe(before);
    // A fresh browser (no local storage) signs in and gets the remembered language.
    const other = await newPage();
    await signIn(other, DEMO.leader);
    expect(await other.evaluate(() => document.documentElement.lang)).toBe(lang);
    // Switch back, so the next run starts from the same place.
    const restored = other.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await other.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
    await restored;
    await page.close();
    await other.close();
  });

  it('serves the page with strict headers, and not the Workers headers file', async () => {
    const page = await fetch(`${server.url}/forms`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const headersFile = await fetch(`${server.url}/_headers`);
    expect(await headersFile.text()).not.toContain('Content-Security-Policy');
    // A chunk the build does not have (an old one after a redeploy) is a 404, while a page path is the app.
    expect((await fetch(`${server.url}/assets/units-page-gone.js`)).status).toBe(404);
    const deepLink = await fetch(`${server.url}/forms/1`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<rectify-app>');
  });

  it("fetches a page's own chunk when it is first shown, under the strict CSP", async () => {
    const page = await newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    await signIn(page, DEMO.admin);
    const chunk = page.waitForResponse((r) => /\/assets\/standards-page-[\w-]+\.js$/.test(r.url()));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^(标准体系|Standards)$/ })
      .click();
    const response = await chunk;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/javascript/);
    await page.getByRole('heading', { name: /^(标准体系|Standards)$/ }).waitFor();
    expect(refused).toEqual([]);
    await page.close();
  });

  it('offers a reload, in the reader’s language, when a page’s chunk cannot be fetched', async () => {
    const page = await newPage();
    await signIn(page, DEMO.admin);
    // As after a redeploy: the chunk this build names is no longer there.
    const missing = /\/assets\/units-page-[\w-]+\.js$/;
    await page.route(missing, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^(单位|Units)$/ })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: /页面未能加载|could not be loaded/ });
    await alert.waitFor();
    // The shell is still there around the message.
    await page.getByRole('button', { name: /退出登录|Sign out/ }).waitFor();
    await page.unroute(missing);
    await alert.getByRole('button', { name: /^(重新加载|Reload)$/ }).click();
    await page.getByRole('heading', { name: /^(单位|Units)$/ }).waitFor();
    await page.close();
  });

  it('loads nothing from another host', () => {
    const origin = new URL(server.url).origin;
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
