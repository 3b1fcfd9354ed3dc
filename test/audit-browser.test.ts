import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * The audit trail in the browser: an admin reads one form's events in words, exports them and verifies the
 * chain; a supervisor re-grades a risk point and its page tells the change; a holder is not offered the trail.
 * The tests share the demo database and change no counts (the re-grading keeps the grade).
 */
const app = browserApp();

/** A GET as the page's signed-in person (the page's cookies). */
async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${app.url}${path}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

interface Filed {
  seq: number;
  entityId: string;
  after: { number: string };
}

describe('the audit trail in Chromium', () => {
  it('an admin filters the trail to one form, reads its filing in words, exports it and verifies the chain', async () => {
    const page = await app.signIn(DEMO.admin);
    const [filed] = (await api<{ items: Filed[] }>(page, '/api/audit?action=form.filed&limit=1')).items;
    if (!filed) throw new Error('the demo has no filed form');
    await page.locator('nav a[href="/audit"]').click();
    await page.getByRole('heading', { name: /^(审计留痕|Audit trail)$/ }).waitFor();

    await page.getByLabel(/对象类型|Kind of record/).selectOption('form');
    await page.getByLabel(/对象编号|Record id/).fill(filed.entityId);
    const row = page.locator(`tr[data-seq="${filed.seq}"]`);
    // The filters are in the address bar, and once the list has reloaded every row is this form's.
    await expect.poll(() => new URL(page.url()).searchParams.get('entityId')).toBe(filed.entityId);
    expect(new URL(page.url()).searchParams.get('entityType')).toBe('form');
    const rows = page.locator('tbody tr[data-seq]');
    const ofThisForm = page.locator(`tbody tr[data-seq] td.entity a[href="/forms/${filed.entityId}"]`);
    await expect
      .poll(async () => {
        const n = await rows.count();
        return n > 0 && n === (await ofThisForm.count());
      })
      .toBe(true);
    await row.waitFor();
    // The filing in words: the action, the form's number and its deadline, not a JSON dump.
    await row.getByText(/^(登记改进记录|Form filed)$/).waitFor();
    await row.locator('td.change').getByText(filed.after.number).waitFor();
    await row
      .locator('td.change')
      .getByText(/整改期限|Deadline/)
      .waitFor();
    expect(await row.locator('td.change').textContent()).not.toContain('{');

    // The export links carry the filters, and the download is this form's events.
    const href = await page.locator('a[data-format="csv"]').getAttribute('href');
    expect(href).toContain('/api/audit/export?');
    const query = new URLSearchParams((href ?? '').split('?')[1]);
    expect([query.get('entityType'), query.get('entityId'), query.get('format')]).toEqual([
      'form',
      filed.entityId,
      'csv',
    ]);
    const csv = await page.request.get(`${app.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('form.filed');
    expect(await page.locator('a[data-format="jsonl"]').getAttribute('download')).not.toBeNull();

    await page.getByRole('button', { name: /^(校验哈希链|Verify the chain)$/ }).click();
    const verdict = page.locator('[data-verdict="ok"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/哈希链完整|The chain is intact/);

    // The monthly anchors are listed with the note that they are mailed out.
    await page.getByRole('heading', { name: /月度链头|Monthly anchors/ }).waitFor();
    await page.locator('tr[data-month]').first().waitFor();
    expect(await page.locator('tr[data-month]').count()).toBeGreaterThan(0);
    await page.context().close();
  }, 90_000);

  it('a supervisor re-grades a risk point and its page shows the change in words', async () => {
    const page = await app.signIn(DEMO.supervisor);
    const me = await api<{ person: { unitId: number; name: string; nameEn: string } }>(page, '/api/session');
    const [point] = (
      await api<{ items: { id: number; likelihood: number }[] }>(
        page,
        `/api/risk-points?unitId=${me.person.unitId}&grade=B&limit=1`,
      )
    ).items;
    if (!point) throw new Error('no grade B risk point in the supervisor’s units');
    const next = point.likelihood === 3 ? 2 : point.likelihood + 1;
    const reason = `浏览器测试复核 ${uniqueCode('AB')}`;

    // Supervisors are offered the trail (their units), without the chain check.
    await page.locator('nav a[href="/audit"]').waitFor();
    await page.goto(`${app.url}/risk-points/${point.id}`);
    await page.getByRole('heading', { name: /^(变更记录|History)$/ }).waitFor();
    await page.getByRole('button', { name: /^(调整等级|Change grade)$/ }).click();
    await page.getByLabel(/发生可能性|Likelihood/).selectOption(String(next));
    await page.getByLabel(/^(原因|Reason)/).fill(reason);
    await page.getByRole('button', { name: /^(保存|Save)$/ }).click();

    const event = page.locator('change-timeline li[data-action="risk_point.grade_changed"]').last();
    await event.getByText(reason).waitFor();
    await event
      .getByText(
        new RegExp(
          `^(发生可能性由 ${point.likelihood} 改为 ${next}|Likelihood changed from ${point.likelihood} to ${next})$`,
        ),
      )
      .waitFor();
    await event
      .getByText(new RegExp(`(${me.person.name}|${me.person.nameEn}) (调整了风险等级|changed the grade)`))
      .waitFor();

    await page.goto(`${app.url}/audit`);
    await page.getByRole('heading', { name: /^(审计留痕|Audit trail)$/ }).waitFor();
    await page.locator('tbody tr[data-seq]').first().waitFor();
    expect(await page.getByRole('button', { name: /^(校验哈希链|Verify the chain)$/ }).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('a holder is not offered the audit trail, and the API refuses it', async () => {
    const page = await app.signIn(DEMO.holder);
    await page.getByRole('heading', { name: /我的工作台|My work/ }).waitFor();
    expect(await page.locator('nav a[href="/forms"]').count()).toBe(1);
    expect(await page.locator('nav a[href="/audit"]').count()).toBe(0);
    for (const path of ['/api/audit', '/api/audit/export?format=csv', '/api/audit/verify']) {
      expect((await page.request.get(`${app.url}${path}`)).status()).toBe(403);
    }
    await page.context().close();
  });

  it('loads nothing from another host', () => {
    const origin = new URL(app.url).origin;
    expect(app.requested.length).toBeGreaterThan(0);
    expect(app.requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
