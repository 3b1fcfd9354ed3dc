import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * One form's life in the browser: the holder files it and takes it to verifying, the supervisor closes it,
 * and the print view lays it out with its sign-off boxes. The tests share the demo database, so the form is
 * this run's own (a unique problem text).
 */
const app = browserApp();
const problem = `浏览器测试 ${uniqueCode('BT')}：受理窗口未一次性告知申请人需补正的全部材料`;
let formPath = '';

// A 1×1 PNG: evidence is checked by content, not by name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const status = (page: Page, name: RegExp) => page.locator('h1 .chip', { hasText: name }).waitFor();

/** A date `days` before today on this machine, YYYY-MM-DD. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('an improvement form in Chromium', () => {
  it('the holder lands on My work and files a form, seeing the trace-back and deadline first', async () => {
    const page = await app.signIn(DEMO.holder);
    await page.getByRole('heading', { name: /我的工作台|My work/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/my-work');

    await page.locator('main a.file').click();
    await page.getByRole('heading', { name: /登记问题|File a form/ }).waitFor();
    await page.getByRole('textbox', { name: /问题描述|What happened/ }).fill(problem);
    await page.getByLabel(/发生日期|Happened on/).fill(daysAgo(3));
    await page.getByRole('radio', { name: /^(投诉|Complaint)$/ }).check();
    await page.getByRole('radio', { name: /B级|Grade B/ }).check();
    // The holder's own post is chosen for them; the responsibility traces back to them on that day.
    const trace = page.getByTestId('trace-back');
    await trace.filter({ hasText: /王晓芳|Wang Xiaofang/ }).waitFor();
    await page.getByTestId('deadline').waitFor();

    await page.getByRole('button', { name: /^(提交登记|File the form)$/ }).click();
    await page.waitForURL(/\/forms\/\d+$/);
    formPath = new URL(page.url()).pathname;
    await status(page, /已登记|Open/);
    await page.getByText(problem).first().waitFor();
    await page.context().close();
  }, 60_000);

  it('the holder records the root cause and a measure, works it, attaches evidence and asks for verification', async () => {
    expect(formPath).toMatch(/^\/forms\/\d+$/);
    const page = await app.signIn(DEMO.holder);
    await page.goto(`${app.url}${formPath}`);
    await status(page, /已登记|Open/);

    await page
      .getByRole('button', { name: /^(填写原因分析|Edit root cause)$/ })
      .first()
      .click();
    await page.getByRole('textbox', { name: /^(为什么 1|Why 1)/ }).fill('申请人多次往返补正材料');
    await page.getByRole('button', { name: /再问一个|Ask why again/ }).click();
    await page.getByRole('textbox', { name: /^(为什么 2|Why 2)/ }).fill('窗口人员按旧版材料清单收件');
    await page.getByLabel(/原因类别|Cause category/).selectOption('standard_or_guide');
    await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
    await page.locator('ol.whys').getByText('窗口人员按旧版材料清单收件').waitFor();

    await page
      .getByRole('button', { name: /^(编辑整改措施|Edit measures)$/ })
      .first()
      .click();
    await page.getByRole('textbox', { name: /措施内容|Measure/ }).fill('更新窗口收件目录并组织培训');
    await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
    await page.getByRole('cell', { name: '更新窗口收件目录并组织培训', exact: true }).waitFor();

    await page.getByRole('button', { name: /^(开始整改|Start work)$/ }).click();
    await status(page, /整改中|In progress/);

    await page.getByRole('button', { name: /标记为已完成|Mark .* done/ }).click();
    await page.locator('td .done').waitFor();

    await page
      .locator('form-evidence input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('link', { name: /现场照片\.png/ }).waitFor();

    await page.getByRole('button', { name: /^(申请验证|Request verification)$/ }).click();
    await status(page, /待验证|Verifying/);
    // The holder may not close their own form: no such button.
    expect(await page.getByRole('button', { name: /验证通过并关闭|Verify and close/ }).count()).toBe(0);
    // Every change is on the timeline, evidence with its SHA-256.
    const timeline = page.locator('form-history');
    await timeline.getByText(/SHA-256/).waitFor();
    expect(await timeline.locator('li[data-action]').count()).toBeGreaterThanOrEqual(6);
    await page.context().close();
  }, 60_000);

  it('the supervisor verifies and closes it', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await page.goto(`${app.url}${formPath}`);
    await status(page, /待验证|Verifying/);
    await page.getByRole('button', { name: /^(验证通过并关闭|Verify and close)$/ }).click();
    // Nothing chosen yet: the fields say so before anything is sent.
    await page.getByRole('button', { name: /^(确认|Confirm)$/ }).click();
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel(/验证方式|How it was verified/).selectOption('on_site');
    await page
      .getByRole('textbox', { name: /情况说明|^Notes/ })
      .first()
      .fill('现场核查收件目录已更新，抽查3件均一次性告知。');
    await page.getByLabel(/追责结果|Outcome/).selectOption('reminder_talk');
    await page.getByRole('button', { name: /^(确认|Confirm)$/ }).click();
    await status(page, /已关闭|Closed/);
    await page
      .getByText(/提醒谈话|Reminder talk/)
      .first()
      .waitFor();
    await page.context().close();
  }, 60_000);

  it('the print view lays the form out with its sign-off boxes, without the app shell', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await page.goto(`${app.url}${formPath}`);
    await page.getByRole('link', { name: /打印记录表|Print the form/ }).click();
    await page.waitForURL(/\/forms\/\d+\/print$/);
    await page.getByRole('heading', { name: /持续改进记录表|Continuous-improvement record/ }).waitFor();
    const boxes = page.locator('[data-signoff]');
    await boxes.first().waitFor();
    expect(await boxes.count()).toBe(5);
    const roles = (await boxes.locator('.role').allTextContents()).map((r) => r.trim());
    expect(roles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/填表人|Filer/),
        expect.stringMatching(/督查验证人|Verifier/),
      ]),
    );
    expect(await page.locator('article.sheet').textContent()).toContain(problem);
    // The shell's header and navigation are not part of the printed page.
    expect(await page.getByRole('button', { name: /退出登录|Sign out/ }).count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.context().close();
  }, 60_000);

  it('loads nothing from another host', () => {
    const origin = new URL(app.url).origin;
    expect(app.requested.length).toBeGreaterThan(0);
    expect(app.requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
