import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * The dashboard in Chromium on the demo centre: the leader opens it from the navigation, reads the tiles and
 * a chart whose data table holds the same figures as the API, opens a unit from the ranking, switches
 * language, and opens the month's A4 sheet, which prints on one page.
 */
const app = browserApp();

interface Summary {
  unitId: number | null;
  closure: { closed: number; onTime: number; rate: number | null };
  open: { total: number; overdue: number };
  bySource: { source: string; count: number }[];
  units: { unitId: number; name: string; nameEn: string }[];
  to: string;
}

/** The summary the page shows, asked for with the page's own session. */
async function summaryOf(page: Page, query = ''): Promise<Summary> {
  const res = await page.request.get(`${app.url}/api/reports/summary${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Summary;
}

const heading = (page: Page) => page.getByRole('heading', { name: /^(工作看板|Dashboard)$/ });
const digits = (text: string | null) => (text ?? '').replace(/[^\d]/g, '');
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the dashboard in Chromium', () => {
  it('a leader reads the tiles, a chart and its data table, and opens a unit from the ranking', async () => {
    const page = await app.signIn(DEMO.leader);
    await page.locator('nav a[href="/dashboard"]').click();
    await heading(page).waitFor();
    await page.getByTestId('tile-rate').waitFor();
    const s = await summaryOf(page);

    expect(digits(await page.getByTestId('tile-open').locator('.big').textContent())).toBe(
      String(s.open.total),
    );
    const rate = await page.getByTestId('tile-rate').locator('.big').getAttribute('data-rate');
    expect(rate).toBe(s.closure.rate === null ? '' : String(s.closure.rate));
    await page
      .getByTestId('tile-days')
      .getByText(/平均办结用时|Average time to close/)
      .waitFor();

    // The sources chart: an SVG picture with a bar per source, and its table with the same counts.
    const chart = page.locator('bar-chart[data-chart="source"]');
    await chart.getByRole('img', { name: /发现的问题（按来源）|Problems found, by source/ }).waitFor();
    expect(await chart.locator('svg g[data-bar]').count()).toBe(6);
    const table = chart.getByRole('table', { name: /发现的问题（按来源）|Problems found, by source/ });
    for (const { source, count } of s.bySource) {
      expect(digits(await table.locator(`tr[data-key="${source}"] td`).first().textContent())).toBe(
        String(count),
      );
    }
    // Folded away on screen (still read by screen readers) until asked for.
    const wrap = chart.getByTestId('chart-table');
    expect(await wrap.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    await chart.getByRole('button', { name: /显示数据表|Show the data table/ }).click();
    expect(await wrap.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(50);
    await page.locator('trend-chart').getByRole('img').waitFor();

    // The ranking opens a unit's own dashboard, at the same range.
    const first = s.units[0];
    if (!first) throw new Error('the demo centre has no units to rank');
    await page.getByTestId('ranking').locator(`tr[data-unit="${first.unitId}"] a`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unitId')).toBe(String(first.unitId));
    await page
      .getByText(new RegExp(`(范围：|Scope: )(${literally(first.name)}|${literally(first.nameEn)})`))
      .waitFor();
    const narrowed = await summaryOf(page, `?unitId=${first.unitId}`);
    await expect
      .poll(async () => digits(await page.getByTestId('tile-open').locator('.big').textContent()))
      .toBe(String(narrowed.open.total));
    await page.context().close();
  }, 90_000);

  it('speaks both languages, and prints a unit’s month on one A4 page', async () => {
    const page = await app.signIn(DEMO.leader);
    await page.goto(`${app.url}/dashboard`);
    await page.getByTestId('tile-rate').waitFor();
    const before = await page.evaluate(() => document.documentElement.lang);
    for (const lang of before === 'en' ? ['zh-CN', 'en'] : ['en', 'zh-CN']) {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
      await saved;
      const en = lang === 'en';
      await page.getByRole('heading', { name: en ? 'Dashboard' : '工作看板', exact: true }).waitFor();
      await page.getByText(en ? 'On-time closure rate' : '按期办结率', { exact: true }).waitFor();
      await page
        .locator('bar-chart[data-chart="cause"]')
        .getByRole('columnheader', { name: en ? 'Root cause' : '原因类别', exact: true })
        .waitFor();
      await page.getByRole('heading', { name: en ? 'Ranking of units' : '单位排名' }).waitFor();
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(before);

    // The dashboard itself prints without the app's navigation or its filters.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav#nav').isVisible()).toBe(false);
    expect(await page.getByRole('search').isVisible()).toBe(false);
    // Back to no emulation: the PDF below is then printed with print styles.
    await page.emulateMedia({ media: null });

    const s = await summaryOf(page);
    await page.getByRole('link', { name: /月度报表（A4）|Monthly sheet \(A4\)/ }).click();
    await page.waitForURL(/\/dashboard\/print\?(unitId=\d+&)?month=\d{4}-\d{2}$/);
    expect(new URL(page.url()).searchParams.get('month')).toBe(s.to.slice(0, 7));
    await page.getByRole('heading', { name: /持续改进月度报表|monthly figures/ }).waitFor();
    await page.getByTestId('key-figures').waitFor();
    // Shown on its own: no header, no navigation.
    expect(await page.getByRole('button', { name: /退出登录|Sign out/ }).count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    await page.context().close();
  }, 90_000);

  it('loads nothing from another host', () => {
    const origin = new URL(app.url).origin;
    expect(app.requested.length).toBeGreaterThan(0);
    expect(app.requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
