import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signLink } from '../server/mail/tokens.ts';
import { DEMO, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * Email in the browser. An admin finds the message a form just filed queued in the outbox, reads it in the
 * built-in viewer (the HTML in a sandboxed frame, the plain text beside it), sends a failed one again, sees
 * every template in both languages and queues a month's digest (a second run queues nothing new). The
 * holder, signed out, confirms that digest from its link, and a leader sees it confirmed; signed out again,
 * the holder turns an optional message off from a preferences link. The outbox is shared by every test, so
 * each check picks this file's own records: its form, its month, its recipient.
 */
const app = browserApp();
const problem = `邮件浏览器测试 ${uniqueCode('MB')}：窗口未一次性告知补正材料`;
/** A month no other test sends a digest for. */
const MONTH = '2026-06';
const MONTH_WORDS = /2026年6月|June 2026/;

interface Message {
  id: number;
  dedupeKey: string;
  template: string;
  to: string;
  subject: string;
  status: string;
  text: string;
  html: string;
}

/** A call as the page's signed-in person (the page's cookies), expecting `status`. */
async function call<T>(
  page: Page,
  method: string,
  path: string,
  options: { body?: unknown; status?: number; headers?: Record<string, string> } = {},
): Promise<T> {
  const { body, status = 200, headers = {} } = options;
  const res = await page.request.fetch(`${app.url}${path}`, {
    method,
    data: body,
    headers: { Origin: app.url, ...headers },
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** A date `days` before today on this machine, YYYY-MM-DD. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What the tests share: the holder (by id), the form filed first and its message to the holder. */
const shared = { holderId: 0, formNumber: '', formId: 0, messageId: 0 };

describe('email in Chromium', () => {
  it('an admin finds a new form’s message in the outbox and reads it in the viewer, HTML and text', async () => {
    // The holder files a form on their post: its message is queued in the same transaction.
    const holder = await app.signIn(DEMO.holder);
    const me = await call<{ person: { id: number } }>(holder, 'GET', '/api/session');
    shared.holderId = me.person.id;
    const [post] = (
      await call<{ items: { id: number }[] }>(holder, 'GET', `/api/posts?holderId=${me.person.id}&limit=1`)
    ).items;
    if (!post) throw new Error('the demo holder holds no post');
    const form = await call<{ id: number; number: string }>(holder, 'POST', '/api/forms', {
      body: { problem, occurredOn: daysAgo(2), source: 'self_inspection', postId: post.id, grade: 'C' },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      status: 201,
    });
    shared.formId = form.id;
    shared.formNumber = form.number;
    await holder.context().close();

    const page = await app.signIn(DEMO.admin);
    await page.locator('nav a[href="/mail"]').click();
    await page.getByRole('heading', { name: /^(邮件|Mail)$/ }).waitFor();
    // Without SMTP_URL every message stays in the built-in viewer, and the page says so.
    await page.locator('[data-delivery="viewer"]').waitFor();
    for (const status of ['pending', 'sent', 'failed'])
      await page.locator(`[data-count="${status}"]`).waitFor();

    await page.getByLabel(/^(邮件类型|Kind of message)/).selectOption('form-filed');
    await page.getByLabel(/^(收件人地址|Recipient address)/).fill(DEMO.holder);
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(DEMO.holder);
    const row = page.locator('tbody tr[data-template="form-filed"]', { hasText: form.number });
    await row.waitFor();
    await row.getByText(/^(待发送|Pending)$/).waitFor();
    expect(await row.textContent()).toContain(DEMO.holder);
    const id = Number(await row.getAttribute('data-id'));
    shared.messageId = id;

    await row.getByRole('link').click();
    await page.waitForURL(new RegExp(`/mail/messages/${id}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(form.number) }).waitFor();
    // The HTML part as the recipient sees it, in a frame that may run no script and is of no origin.
    const frame = page.locator('mail-viewer iframe');
    expect(await frame.getAttribute('sandbox')).not.toMatch(/allow-scripts|allow-same-origin/);
    await page.frameLocator('mail-viewer iframe').getByText(form.number).first().waitFor();
    await page
      .frameLocator('mail-viewer iframe')
      .getByText(problem)
      .filter({ visible: true })
      .first()
      .waitFor();
    // The plain-text part in its own tab.
    await page.getByRole('tab', { name: /^(纯文本|Plain text)$/ }).click();
    const text = page.getByTestId('mail-text');
    await text.waitFor();
    expect(await text.textContent()).toContain(form.number);
    expect(await text.textContent()).toContain(`/forms/${form.id}`);
    expect(await frame.isVisible()).toBe(false);
    await page.context().close();
  }, 90_000);

  it('a failed message is sent again from the outbox', async () => {
    expect(shared.messageId).toBeGreaterThan(0);
    // No SMTP server runs here to refuse it, so the failure is staged as the sender would record it.
    await sql`update outbox set status = 'failed', attempts = 5, last_error = '550 mailbox unavailable'
              where id = ${shared.messageId}`.execute(app.database.db);
    const page = await app.signIn(DEMO.admin);
    await page.goto(`${app.url}/mail?status=failed&to=${encodeURIComponent(DEMO.holder)}`);
    const row = page.locator(`tbody tr[data-id="${shared.messageId}"]`);
    await row.getByText('550 mailbox unavailable').waitFor();
    await row.getByRole('button', { name: /重新发送|Send .* again/ }).click();
    // Back in the queue, it leaves the list of failed ones.
    await page
      .getByRole('status')
      .filter({ hasText: /已重新排队|Queued again/ })
      .waitFor({ state: 'attached' });
    await row.waitFor({ state: 'detached' });
    const message = await call<Message>(page, 'GET', `/api/mail/outbox/${shared.messageId}`);
    expect(message.status).toBe('pending');
    await page.context().close();
  }, 60_000);

  it('Preview shows every template in Chinese and in English', async () => {
    const page = await app.signIn(DEMO.admin);
    await page.goto(`${app.url}/mail`);
    await page.getByRole('link', { name: /^(模板预览|Preview)$/ }).click();
    await page.waitForURL(/\/mail\/previews/);
    const templates = page.locator('ul.templates li[data-template]');
    await templates.first().waitFor();
    expect(await templates.count()).toBe(7);

    const shown = page.locator('section.shown');
    const digest = page.locator('li[data-template="digest"]');
    await digest.locator('button[data-locale="zh-CN"]').click();
    await shown.and(page.locator('[data-template="digest"][data-locale="zh-CN"]')).waitFor();
    await shown.getByRole('heading', { name: /月度汇总/ }).waitFor();
    await page
      .frameLocator('mail-viewer iframe')
      .getByText(/王晓芳，您好/)
      .waitFor();

    await digest.locator('button[data-locale="en"]').click();
    await shown.and(page.locator('[data-template="digest"][data-locale="en"]')).waitFor();
    await shown.getByRole('heading', { name: /Monthly digest/ }).waitFor();
    await page
      .frameLocator('mail-viewer iframe')
      .getByText(/Dear Wang Xiaofang/)
      .waitFor();
    expect(new URL(page.url()).searchParams.get('locale')).toBe('en');

    // Every template is there in both languages.
    for (const name of await templates.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-template')),
    )) {
      for (const locale of ['zh-CN', 'en']) {
        await page.locator(`li[data-template="${name}"] button[data-locale="${locale}"]`).click();
        await shown.and(page.locator(`[data-template="${name}"][data-locale="${locale}"]`)).waitFor();
      }
    }
    await page.context().close();
  }, 60_000);

  it('an admin queues a month’s digest, and running it again queues nothing new', async () => {
    const page = await app.signIn(DEMO.admin);
    await page.goto(`${app.url}/mail`);
    await page.getByRole('link', { name: /^(月度汇总|Monthly digest)$/ }).click();
    await page.getByLabel(/汇总月份|Month of the digest/).fill(MONTH);
    const queue = page.getByRole('button', { name: /发送该月汇总|Queue this month/ });
    const yes = page.getByRole('button', { name: /^(确定发送|Yes, queue it)$/ });

    await queue.click();
    await page.getByRole('alertdialog').getByText(MONTH_WORDS).waitFor();
    await yes.click();
    const done = page.locator('.done[data-queued]');
    await done.waitFor();
    expect(Number(await done.getAttribute('data-queued'))).toBeGreaterThan(0);

    await queue.click();
    await yes.click();
    await page.locator('.done[data-queued="0"]').waitFor();
    expect(await page.locator('.done').textContent()).toMatch(/没有新的邮件|Nothing new was queued/);
    await page.context().close();
  }, 60_000);

  it('the holder, signed out, confirms reading the digest from its link; a leader sees it confirmed', async () => {
    const admin = await app.signIn(DEMO.admin);
    const mine = await call<{ items: Message[] }>(
      admin,
      'GET',
      `/api/mail/outbox?template=digest&to=${encodeURIComponent(DEMO.holder)}&limit=50`,
    );
    const digest = mine.items.find((m) => m.dedupeKey.startsWith(`digest:${MONTH}:`));
    if (!digest) throw new Error(`no digest for ${MONTH} was queued to the holder`);
    const { text } = await call<Message>(admin, 'GET', `/api/mail/outbox/${digest.id}`);
    const link = /https?:\/\/\S+(\/digest\/read\?token=\S+)/.exec(text)?.[1];
    if (!link) throw new Error('the digest has no “I have read this” link');
    const unread = async () =>
      (
        await call<{ items: { person: { id: number } }[] }>(
          admin,
          'GET',
          `/api/digests/${MONTH}/receipts?unread=true&limit=500`,
        )
      ).items.some((r) => r.person.id === shared.holderId);

    // An altered link: the button is there, and the server's reason shows, in the page's language.
    const page = await app.visit(`${link}x`);
    const confirm = page.getByRole('button', { name: /^(我已阅读|I have read this)$/ });
    await confirm.click();
    await page
      .getByRole('alert')
      .getByText(/链接无效|not valid/)
      .waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await confirm.click();
    await page
      .getByRole('alert')
      .getByText(/this link is not valid/)
      .waitFor();

    // The real link: opening it confirms nothing (mail scanners open links); only the button does.
    await page.goto(`${app.url}${link}`);
    await confirm.waitFor();
    expect(await page.getByRole('button', { name: /退出登录|Sign out/ }).count()).toBe(0);
    expect(await unread()).toBe(true);
    await confirm.click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await page.getByText(MONTH_WORDS).waitFor();
    expect(await unread()).toBe(false);
    await page.context().close();
    await admin.context().close();

    const leader = await app.signIn(DEMO.leader);
    expect(await leader.locator('nav a[href="/mail"]').count()).toBe(0);
    await leader.locator('nav a[href="/digests"]').click();
    await leader.getByRole('heading', { name: /^(月度汇总回执|Digest receipts)$/ }).waitFor();
    await leader.getByLabel(/汇总月份|Month of the digest/).fill(MONTH);
    await expect.poll(() => new URL(leader.url()).searchParams.get('month')).toBe(MONTH);
    await leader.locator(`tr[data-person="${shared.holderId}"][data-read="true"]`).waitFor();
    const summary = leader.locator('.summary');
    await summary.waitFor();
    expect(Number(await summary.getAttribute('data-read'))).toBeGreaterThanOrEqual(1);
    expect(await leader.locator('tr[data-read="false"]').count()).toBeGreaterThan(0);
    // Only those who have not confirmed: the holder is no longer among them.
    await leader.getByLabel(/^(显示|Show)/).selectOption('true');
    await expect.poll(() => new URL(leader.url()).searchParams.get('unread')).toBe('true');
    await leader.locator(`tr[data-person="${shared.holderId}"]`).waitFor({ state: 'detached' });
    await leader.locator('tbody tr[data-read="false"]').first().waitFor();
    expect(await leader.locator('tbody tr[data-read="true"]').count()).toBe(0);
    expect(await leader.locator(`tr[data-person="${shared.holderId}"]`).count()).toBe(0);
    await leader.context().close();
  }, 90_000);

  it('signed out, the holder turns an optional message off from a preferences link; mandatory ones stay on', async () => {
    const token = await signLink(app.database.db, { purpose: 'preferences', personId: shared.holderId });
    // An altered link shows nobody's preferences, and says why in the server's words.
    const page = await app.visit(`/mail/preferences?token=${encodeURIComponent(token)}x`);
    await page
      .getByRole('alert')
      .getByText(/链接无效|not valid/)
      .waitFor();
    expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
    await page.goto(`${app.url}/mail/preferences?token=${encodeURIComponent(token)}`);
    await page.getByText(/王晓芳 的邮件通知|Email for Wang Xiaofang/).waitFor();
    // Mandatory by default: ticked and locked. form-status is optional.
    const filed = page.locator('li[data-template="form-filed"] input[type="checkbox"]');
    expect([await filed.isChecked(), await filed.isDisabled()]).toEqual([true, true]);
    await page
      .locator('li[data-template="form-filed"]')
      .getByText(/中心规定必收|Required by the centre/)
      .waitFor();
    const status = page.locator('li[data-template="form-status"] input[type="checkbox"]');
    expect([await status.isChecked(), await status.isDisabled()]).toEqual([true, false]);

    /** Saves the form and answers whether the server now sends the holder form-status messages. */
    const saveFormStatus = async () => {
      await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
      await page
        .getByRole('status')
        .getByText(/已保存|saved/)
        .waitFor();
      const res = await page.request.get(
        `${app.url}/api/mail/preferences?token=${encodeURIComponent(token)}`,
      );
      expect(res.status()).toBe(200);
      const prefs = (await res.json()) as { templates: { template: string; enabled: boolean }[] };
      return prefs.templates.find((x) => x.template === 'form-status')?.enabled;
    };
    await status.uncheck();
    expect(await saveFormStatus()).toBe(false);
    await page.reload();
    await status.waitFor();
    expect(await status.isChecked()).toBe(false);
    expect(await filed.isChecked()).toBe(true);

    // Turned on again, so other tests' forms still tell the holder.
    await status.check();
    expect(await saveFormStatus()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('a signed-in person opens their own mail preferences from the header; a holder gets no mail pages', async () => {
    const page = await app.signIn(DEMO.holder);
    await page.getByRole('link', { name: /邮件通知设置|Mail preferences/ }).click();
    await page.waitForURL(/\/mail\/preferences$/);
    await page.getByText(/王晓芳 的邮件通知|Email for Wang Xiaofang/).waitFor();
    expect(await page.locator('nav a[href="/mail"]').count()).toBe(0);
    expect(await page.locator('nav a[href="/digests"]').count()).toBe(0);
    await page.context().close();
  });

  it('loads nothing from another host', () => {
    const origin = new URL(app.url).origin;
    expect(app.requested.length).toBeGreaterThan(0);
    expect(
      app.requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && u !== 'about:srcdoc'),
    ).toEqual([]);
  });
});
