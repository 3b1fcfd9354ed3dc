import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { xlsxStream } from '../server/ledger/xlsx.ts';
import { DEMO, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * The catalogue import in the browser: an admin uploads a workbook of posts, sees the one bad row named by
 * row and column, uploads the corrected file, imports it and finds the new post in the list. Also the page in
 * English, the navigation a holder sees, and the ledger export links carrying the list's filters.
 */
// Importing adds posts: the working database, so the demo centre as seeded keeps its 233.
const app = browserApp({ working: true });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POST_HEADER = ['岗位编码', '岗位名称', '岗位类型', '所在单位编码'];

/** A workbook of one sheet named 岗位, built the way the server writes its own. */
async function postsWorkbook(rows: string[][]): Promise<Buffer> {
  const stream = xlsxStream([
    {
      name: '岗位',
      columns: POST_HEADER.map((header) => ({ header, type: 'text' as const })),
      rows: (async function* () {
        yield rows;
      })(),
    },
  ]);
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/**
 * Signed in as the admin, reading Chinese whatever language an earlier test left the account in (the choice is
 * remembered per person).
 */
async function adminInChinese(): Promise<Page> {
  const page = await app.signIn(DEMO.admin);
  const res = await page.request.patch(`${app.url}/api/me`, { data: { locale: 'zh-CN' } });
  expect(res.status()).toBe(200);
  await page.reload();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return page;
}

async function anyUnitCode(page: Page): Promise<string> {
  const res = await page.request.get(`${app.url}/api/units?limit=1`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { code: string }[] }).items[0]?.code ?? '';
}

async function check(page: Page, name: string, bytes: Buffer) {
  await page.getByLabel(/文件（\.xlsx 或 \.csv）|File \(\.xlsx or \.csv\)/).setInputFiles({
    name,
    mimeType: XLSX_TYPE,
    buffer: bytes,
  });
  await page.getByRole('button', { name: /^(检查文件|Check file)$/ }).click();
  const heading = page.getByRole('heading', {
    name: new RegExp(`(检查结果|Check of).*${name.replace('.', '\\.')}`),
  });
  await heading.waitFor();
  // The reader is taken to the report.
  await expect
    .poll(() => heading.evaluate((h) => h === (h.getRootNode() as ShadowRoot).activeElement))
    .toBe(true);
  return page.getByTestId('report');
}

describe('the catalogue import in Chromium', () => {
  it('an admin checks a workbook, sees its bad row, imports the corrected one and finds the post', async () => {
    const page = await adminInChinese();
    await page.locator('nav a[href="/catalogue/import"]').click();
    await page.getByRole('heading', { name: /^导入导出目录$/ }).waitFor();
    // Templates come per kind; the whole catalogue exports as one workbook.
    expect(await page.getByTestId('exports').locator('a').getAttribute('href')).toMatch(
      /^\/api\/catalogue\/export\?format=xlsx/,
    );
    await page.getByLabel('目录类别').selectOption('posts');
    expect(await page.getByTestId('templates').locator('a[data-format="csv"]').getAttribute('href')).toBe(
      '/api/catalogue/template?kind=posts&format=csv&lang=zh-CN',
    );

    const unit = await anyUnitCode(page);
    const good = uniqueCode('LB1');
    const other = uniqueCode('LB2');
    const bad = await postsWorkbook([
      [good, '浏览器导入测试岗位一', '窗口岗位', unit],
      [other, '浏览器导入测试岗位二', '窗口岗位', 'NO-SUCH-UNIT'],
    ]);
    const importButton = page.getByRole('button', { name: /^导入/ });
    let report = await check(page, 'posts-bad.xlsx', bad);
    expect(await report.getAttribute('data-ok')).toBe('false');
    await report.getByText(/发现 1 处问题/).waitFor();
    // The problem is named by row 3, column D, under the heading the file gave that column.
    const problem = report.locator('tr[data-row="3"][data-column="D"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('所在单位编码');
    expect(await problem.textContent()).toContain('NO-SUCH-UNIT');
    expect(await problem.textContent()).toMatch(/单位“NO-SUCH-UNIT”不存在/);
    expect(await importButton.isDisabled()).toBe(true);

    const fixed = await postsWorkbook([
      [good, '浏览器导入测试岗位一', '窗口岗位', unit],
      [other, '浏览器导入测试岗位二', '科室岗位', unit],
    ]);
    report = await check(page, 'posts-fixed.xlsx', fixed);
    expect(await report.getAttribute('data-ok')).toBe('true');
    expect(await report.locator('tr[data-kind="posts"] td[data-count="created"]').textContent()).toBe('2');
    expect(await importButton.isEnabled()).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await importButton.click();
    const done = page.getByRole('heading', { name: /导入结果：posts-fixed\.xlsx/ });
    await done.waitFor();
    expect(await page.getByTestId('report').locator('.verdict').getAttribute('data-written')).toBe('2');
    await page.getByTestId('report').getByRole('link', { name: '查看岗位' }).click();
    await page.waitForURL(/\/posts$/);

    await page.goto(`${app.url}/posts?q=${encodeURIComponent(good)}`);
    await page.getByRole('link', { name: '浏览器导入测试岗位一' }).or(page.getByText(good)).first().waitFor();
  });

  it('shows the page in English, refuses a CSV without its kind, and keeps holders out', async () => {
    const page = await adminInChinese();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    try {
      await page.locator('nav a[href="/catalogue/import"]', { hasText: 'Import & export' }).click();
      await page.getByRole('heading', { name: 'Import & export the catalogue' }).waitFor();
      await page.getByRole('heading', { name: 'Templates and current data' }).waitFor();
      expect(await page.getByTestId('exports').textContent()).toContain('exports as an XLSX workbook only');
      await page.getByLabel('File (.xlsx or .csv)').setInputFiles({
        name: 'posts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${POST_HEADER.join(',')}\r\n`),
      });
      await page.getByRole('button', { name: 'Check file' }).click();
      await page.getByRole('alert').filter({ hasText: 'A CSV file holds one kind' }).waitFor();
    } finally {
      await page.getByRole('button', { name: '切换到中文' }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
    }

    const holder = await app.signIn(DEMO.holder);
    await holder.locator('nav a[href="/posts"]').waitFor();
    expect(await holder.locator('nav a[href="/catalogue/import"]').count()).toBe(0);
    await holder.goto(`${app.url}/catalogue/import`);
    await holder.getByRole('alert').filter({ hasText: '只有系统管理员' }).waitFor();
  });

  it('exports the forms list with the filters it shows', async () => {
    const page = await adminInChinese();
    await page.goto(`${app.url}/forms?status=closed`);
    await page.getByRole('heading', { name: '改进记录' }).waitFor();
    const href = await page.locator('a[data-format="xlsx"]').getAttribute('href');
    expect(href).toContain('/api/forms/export?');
    expect(href).toContain('status=closed');
    expect(href).toContain('format=xlsx');
    expect(await page.locator('a[data-format="csv"]').getAttribute('download')).not.toBeNull();
    // The link follows a filter changed on the page.
    await page.getByLabel('风险等级').selectOption('A');
    await expect.poll(() => page.locator('a[data-format="csv"]').getAttribute('href')).toContain('grade=A');

    // The risk register prints with its filters on a page of its own.
    await page.goto(`${app.url}/risk-points?grade=A`);
    await page.getByRole('link', { name: /打印登记表/ }).click();
    await page.waitForURL(/\/risk-points\/print\?grade=A$/);
    await page.getByRole('heading', { name: '审批风险防控点登记表' }).waitFor();
    await page.getByTestId('count').waitFor();
    expect(await page.getByTestId('count').textContent()).toMatch(/A 级 (\d[\d,]*)，B 级 0，C 级 0/);
    expect(await page.locator('nav').count()).toBe(0);
    expect(await page.locator('tr[data-grade="B"]').count()).toBe(0);
  });
});
