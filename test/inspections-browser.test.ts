import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * Inspections in the browser: a supervisor opens the month's due checks, narrows them to one unit, draws that
 * unit's sample and records a passed and a failed check on sampled points; the failed one opens a form that is
 * already filled from the risk point. The tests share the demo database, whose seeded history has checked most
 * points already, so the unit is one with checks still outstanding this month that no other test samples, and
 * the points checked are picked from what the page shows.
 */
const app = browserApp();
const problem = `浏览器测试 ${uniqueCode('IB')}：抽查案卷，受理材料清单与办事指南不一致`;
/** The unit this file narrows to and samples: chosen once, then opened by its address. */
let unit: { id: number; name: string } | null = null;

// A 1×1 PNG: evidence is checked by content, not by name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The day before a YYYY-MM-DD date. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A GET as the page's signed-in person (the page's cookies). */
async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${app.url}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

type Rate = { due: number; checked: number };
interface Coverage {
  units: (Rate & { unit: { id: number; name: string } })[];
}

/**
 * A small unit with at least three checks outstanding this month and a name no other unit has (so the picker
 * finds it by name): its sample of five then holds at least two points to check.
 */
async function unitToSample(page: Page) {
  const { units } = await api<Coverage>(page, '/api/reports/coverage');
  const candidates = units.filter((u) => u.due - u.checked >= 3).sort((a, b) => a.due - b.due);
  for (const { unit: u } of candidates) {
    const found = await api<{ items: { id: number; name: string }[] }>(
      page,
      `/api/units?q=${encodeURIComponent(u.name)}&limit=50`,
    );
    if (found.items.filter((x) => x.name === u.name).length === 1) return u;
  }
  throw new Error('no unit with three checks outstanding this month');
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sampled = (page: Page) => page.getByTestId('sample').locator('tbody tr[data-point]');

/** Opens Inspections narrowed to the unit (by the unit picker the first time, by the address after). */
async function openInspections(page: Page) {
  if (unit) {
    await page.goto(`${app.url}/inspections?unitId=${unit.id}`);
  } else {
    const chosen = await unitToSample(page);
    await page.locator('nav a[href="/inspections"]').click();
    await page.getByRole('heading', { name: /^(督查抽查|Inspections)$/ }).waitFor();
    await page.getByRole('combobox', { name: /^(单位|Unit)$/ }).fill(chosen.name);
    await page
      .getByRole('option')
      .filter({ hasText: new RegExp(`${literally(chosen.name)}\\s*$`) })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unitId')).toBe(String(chosen.id));
    unit = chosen;
  }
  await page.getByRole('heading', { name: /^(督查抽查|Inspections)$/ }).waitFor();
  await page.locator('section.grade').first().waitFor();
}

/** The first sampled point not yet checked this month: its id, after making sure there is one. */
async function uncheckedSampled(page: Page): Promise<string> {
  const row = sampled(page).and(page.locator('[data-checked="false"]')).first();
  await row.waitFor();
  const id = await row.getAttribute('data-point');
  if (!id) throw new Error('a sampled row without its point');
  return id;
}

describe('inspections in Chromium', () => {
  it('a supervisor draws the month’s sample for one unit and records a passing check with evidence', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await openInspections(page);
    const sample = page.getByTestId('sample');
    await sample.getByRole('heading', { name: /抽样|Sample for/ }).waitFor();
    // The page says how much is due by grade, in sections A, B and C.
    for (const g of ['A', 'B', 'C']) await page.locator(`section.grade[data-grade="${g}"] h2`).waitFor();

    const draw = sample.getByRole('button', { name: /^(抽取样本|Draw a sample)$/ });
    await Promise.race([draw.waitFor(), sampled(page).first().waitFor()]);
    if (await draw.isVisible()) {
      await sample.getByLabel(/抽取数量|How many to draw/).fill('5');
      await draw.click();
    }
    await sampled(page).first().waitFor();
    // The stored sample says who drew it and the seed it came from.
    expect(await page.getByTestId('seed').textContent()).toMatch(/^[0-9a-f]{32}$/);
    expect(await sample.textContent()).toMatch(/刘慧敏|Liu Huimin/);
    const point = await uncheckedSampled(page);
    // The due list marks the sampled points.
    await page.locator(`section.grade tr[data-point="${point}"] .chip.sampled`).waitFor();

    await sampled(page)
      .and(page.locator(`[data-point="${point}"]`))
      .getByRole('link', { name: /记录对 .* 的检查|Record a check of/ })
      .click();
    await page.waitForURL(/\/inspections\/new\?riskPointId=\d+$/);
    await page.getByRole('heading', { name: /^(记录检查|Record a check)$/ }).waitFor();
    await page.getByRole('radio', { name: /^(电话回访|Phone callback)$/ }).check();
    await page.getByLabel(/抽查案卷|Sampled case/).fill('5106002026000123');
    await page.getByRole('radio', { name: /^(通过|Pass)$/ }).check();
    await page
      .getByRole('textbox', { name: /^(检查情况|Notes)/ })
      .fill('电话回访申请人，一次性告知到位，按承诺时限办结。');
    await page
      .getByLabel(/佐证材料|Evidence/)
      .setInputFiles({ name: '回访记录.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: /^(保存检查记录|Save the check)$/ }).click();

    await page.waitForURL(/\/inspections\/\d+\?recorded/);
    await page.locator('h1 .chip.result-pass').waitFor();
    await page.getByRole('link', { name: /回访记录\.png/ }).waitFor();

    // Back on the list, the sampled point is checked this month.
    await openInspections(page);
    await sampled(page)
      .and(page.locator(`[data-point="${point}"][data-checked="true"]`))
      .waitFor();
    await page.context().close();
  }, 90_000);

  it('a failed check, with its errors shown at the fields first, opens a form filled from the risk point', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await openInspections(page);
    const point = await uncheckedSampled(page);
    const code = (
      await sampled(page)
        .and(page.locator(`[data-point="${point}"]`))
        .locator('a.code')
        .textContent()
    )?.trim();
    await page.goto(`${app.url}/inspections/new?riskPointId=${point}`);
    await page.getByRole('heading', { name: /^(记录检查|Record a check)$/ }).waitFor();

    // Nothing chosen: the fields say what is missing before anything is sent.
    await page.getByRole('button', { name: /^(保存检查记录|Save the check)$/ }).click();
    await page.locator('#err-method').waitFor();
    await page.locator('#err-result').waitFor();
    await page.locator('#err-notes').waitFor();
    expect(page.url()).toContain('/inspections/new');

    await page.getByRole('radio', { name: /^(案卷评查|Case file review)$/ }).check();
    await page.getByRole('radio', { name: /^(未通过|Fail)$/ }).check();
    await page
      .getByRole('textbox', { name: /^(检查情况|Notes)/ })
      .fill('抽查3件案卷，1件受理材料清单与办事指南不一致。');
    await page.getByRole('textbox', { name: /^(问题描述|The problem)/ }).fill(problem);
    // The server's objections come back at their fields too: a problem cannot happen after the check.
    const checkedOn = page.getByLabel(/^(检查日期|Checked on)/);
    const today = await checkedOn.inputValue();
    await checkedOn.fill(dayBefore(today));
    await page.getByLabel(/^(问题发生日期|Day it happened)/).fill(today);
    await page.getByRole('button', { name: /^(保存检查记录|Save the check)$/ }).click();
    await page.locator('#err-occurredOn').waitFor();
    expect(page.url()).toContain('/inspections/new');
    await page.getByLabel(/^(问题发生日期|Day it happened)/).fill('');
    await checkedOn.fill(today);
    await page.getByRole('button', { name: /^(保存检查记录|Save the check)$/ }).click();

    // The new form opens at once: from a spot check, linked to the risk point, with the check that opened it.
    await page.waitForURL(/\/forms\/\d+$/);
    await page.locator('h1 .chip', { hasText: /已登记|Open/ }).waitFor();
    await page.getByText(problem).first().waitFor();
    const facts = page.locator('form-page section[aria-labelledby="s-problem"]');
    await facts.getByText(/^(督查抽查|Supervisor spot check)$/).waitFor();
    await facts.locator(`a[href="/risk-points/${point}"]`, { hasText: code ?? '' }).waitFor();
    await page.getByTestId('opened-by').getByRole('link').waitFor();
    await page.context().close();
  }, 90_000);

  it('speaks English and Chinese when the locale is switched', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await openInspections(page);
    const before = await page.evaluate(() => document.documentElement.lang);
    const label = (zh: string, en: string, lang: string) => (lang === 'en' ? en : zh);
    for (const lang of before === 'en' ? ['zh-CN', 'en'] : ['en', 'zh-CN']) {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
      await saved;
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await page
        .getByRole('heading', { name: label('督查抽查', 'Inspections', lang), exact: true })
        .waitFor();
      const tabs = page.getByRole('navigation', { name: label('督查抽查栏目', 'Inspection pages', lang) });
      await tabs
        .getByRole('link', { name: label('本月应查', 'Due this month', lang), exact: true })
        .waitFor();
      await tabs.getByRole('link', { name: label('覆盖率', 'Coverage', lang), exact: true }).waitFor();
      await page
        .getByRole('columnheader', { name: label('风险防控点', 'Risk control point', lang), exact: true })
        .first()
        .waitFor();
      await page
        .getByRole('link', { name: new RegExp(label('^记录对 .* 的检查$', '^Record a check of ', lang)) })
        .first()
        .waitFor();
      await page
        .getByText(label('应查日期', 'Due by', lang), { exact: true })
        .first()
        .waitFor();
    }
    // Back to where it started; the person's language is remembered on the server.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(before);

    await page.getByRole('link', { name: /^(覆盖率|Coverage)$/ }).click();
    await page.getByTestId('overall').waitFor();
    expect(await page.getByTestId('overall').textContent()).toMatch(/\d+(\.\d)?%/);
    await page.context().close();
  }, 60_000);

  it('a holder gets no Inspections entry, and the API refuses the due list', async () => {
    const page = await app.signIn(DEMO.holder);
    await page.getByRole('heading', { name: /我的工作台|My work/ }).waitFor();
    expect(await page.locator('nav a[href="/forms"]').count()).toBe(1);
    expect(await page.locator('nav a[href="/inspections"]').count()).toBe(0);
    expect((await page.request.get(`${app.url}/api/inspections/due`)).status()).toBe(403);
    await page.context().close();
  });

  it('loads nothing from another host', () => {
    const origin = new URL(app.url).origin;
    expect(app.requested.length).toBeGreaterThan(0);
    expect(app.requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
