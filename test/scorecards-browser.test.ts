import { describe, expect, it } from 'vitest';
import { DEMO } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * The monthly scorecards in Chromium on the demo centre: a leader opens the ranking from the navigation,
 * drills into a post's deductions and reaches the form behind one.
 */
const app = browserApp();

interface Scores {
  month: string;
  items: { postId: number; code: string; total: number; rank: number }[];
}
interface PostMonth {
  total: number;
  deductions: { kind: string; formId: number | null; formNumber: string | null; points: number }[];
}

describe('the scorecards in Chromium', () => {
  it('a leader opens the ranking, drills into a post’s deductions and reaches the form behind one', async () => {
    const page = await app.signIn(DEMO.leader);
    page.setDefaultTimeout(8000);
    await page.locator('nav a[href="/scorecards"]').click();
    await page.getByRole('heading', { name: /^(月度考评|Monthly scorecards)$/ }).waitFor();
    await page.getByTestId('month-state').waitFor();

    const res = await page.request.get(`${app.url}/api/scorecards?limit=500`);
    expect(res.status()).toBe(200);
    const scores = (await res.json()) as Scores;
    // The lowest-ranked post has lost points; its row shows its score and rank as the API has them.
    const last = scores.items.at(-1);
    if (!last || last.total >= 100)
      throw new Error('the demo centre has no post with a deduction this month');
    const row = page.locator(`tr[data-post="${last.postId}"]`);
    expect((await row.locator('td.num').first().textContent())?.trim()).toBe(String(last.rank));
    expect(await row.locator('td.num').nth(1).textContent()).toContain(String(last.total));

    await row.getByRole('link').first().click();
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toBe(`/scorecards/${scores.month}/posts/${last.postId}`);
    const detail = (await (
      await page.request.get(`${app.url}/api/scorecards/${scores.month}/posts/${last.postId}`)
    ).json()) as PostMonth;
    const withForm = detail.deductions.find((d) => d.formId !== null);
    if (!withForm) throw new Error('no deduction with a form');
    await page.locator('tr[data-kind]').first().waitFor();
    expect(await page.locator('tr[data-kind]').count()).toBe(detail.deductions.length);

    await page.locator(`a[href="/forms/${withForm.formId}"]`).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/forms/${withForm.formId}`);
    await page
      .getByText(withForm.formNumber as string)
      .first()
      .waitFor();
    await page.context().close();
  });

  it('the unit ranking prints on A4, and admins see the rules in settings', async () => {
    const page = await app.signIn(DEMO.leader);
    page.setDefaultTimeout(8000);
    await page.goto(`${app.url}/scorecards/print`);
    await page.getByTestId('post-ranking').locator('tbody tr').first().waitFor();
    expect(await page.locator('nav').count()).toBe(0);
    await page.context().close();

    const admin = await app.signIn(DEMO.admin);
    admin.setDefaultTimeout(8000);
    await admin.goto(`${app.url}/settings`);
    const rules = admin.getByTestId('scorecard-rules');
    await rules.waitFor();
    expect(await rules.locator('tbody tr').count()).toBe(6);
    expect((await admin.getByTestId('score-bands').textContent())?.replace(/\s+/g, ' ')).toMatch(
      /90.*80.*60/,
    );
    await admin.context().close();
  });
});
