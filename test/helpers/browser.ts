import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { startServer } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile (Playwright's default); never a downloaded browser. Missing Chromium fails the test, it is not skipped. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (the CI script does).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The app on a real port and Chromium, for one test file: `signIn` opens a fresh browser context signed in
 * as a demo person; `requested` collects every URL the pages asked for (to prove nothing came from
 * another host).
 */
export function browserApp(options: { working?: boolean } = {}) {
  const app = {
    url: '',
    browser: undefined as unknown as Browser,
    requested: [] as string[],
    /** The database behind the app (to sign an email's link, or to stage what a test cannot click into being). */
    database: undefined as unknown as Database,
    /** A fresh browser context signed in as nobody, at `path` (a page an email links to). */
    async visit(path: string): Promise<Page> {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('request', (r) => app.requested.push(r.url()));
      await page.goto(`${app.url}${path}`);
      return page;
    },
    async signIn(email: string): Promise<Page> {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('request', (r) => app.requested.push(r.url()));
      await page.goto(app.url);
      await page.getByLabel(/电子邮箱|Email/).fill(email);
      await page.getByLabel(/密码|Password/).fill('rectify-demo');
      await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
      await page.getByRole('button', { name: /退出登录|Sign out/ }).waitFor();
      return page;
    },
  };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    app.url = server.url;
    app.database = server.harness.database;
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    await server?.close();
  });
  return app;
}
