import { describe, expect, it } from 'vitest';
import { DEMO, harness, uniqueCode } from './helpers/app.ts';
import { browserApp } from './helpers/browser.ts';

/**
 * Lessons in the browser: while the holder types a problem on the file-form page, a form like it (filed
 * earlier in other words) is suggested; the case library and the accountability register open.
 */
const app = browserApp();

describe('lessons learned in Chromium', () => {
  it('suggests a similar form while the problem is typed', async () => {
    const h = await harness({}, app.database);
    const holder = await h.signIn(DEMO.holder);
    const holderPost = async () => {
      const { person } = await (await h.call('GET', '/api/session', { cookie: holder })).json();
      const posts = await (
        await h.call('GET', `/api/posts?holderId=${person.id}&limit=1`, { cookie: holder })
      ).json();
      return posts.items[0].id as number;
    };
    const filed = await h.call('POST', '/api/forms', {
      cookie: holder,
      body: {
        problem: `窗口收件时没有一次性告知申请人需补正的全部材料，群众来回跑了三趟（${uniqueCode('LB')}）`,
        occurredOn: '2026-01-05',
        source: 'complaint',
        postId: await holderPost(),
        grade: 'B',
      },
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const form = await filed.json();

    const page = await app.signIn(DEMO.holder);
    await page.goto(`${app.url}/forms/new`);
    await page.getByRole('heading', { name: /登记问题|File a form/ }).waitFor();
    await page
      .getByRole('textbox', { name: /问题描述|What happened/ })
      .pressSequentially('受理时未能一次性告知群众补正哪些材料，来回跑了好几趟');
    const suggestion = page.locator('similar-forms [data-kind="open"] article', { hasText: form.number });
    await suggestion.waitFor({ timeout: 15_000 });
    expect(await suggestion.locator('a.number').getAttribute('href')).toBe(`/forms/${form.id}`);
    await page.context().close();
  }, 60_000);

  it('lets a supervisor mark a closed form as an exemplary case from its page', async () => {
    const h = await harness({}, app.database);
    const supervisor = await h.signIn(DEMO.supervisor);
    const search = await h.call('GET', '/api/cases/search?exemplary=false&limit=1', { cookie: supervisor });
    const form = (await search.json()).items[0];
    const page = await app.signIn(DEMO.supervisor);
    await page.goto(`${app.url}/forms/${form.id}`);
    await page
      .getByRole('textbox', { name: /推荐理由|Why it is worth learning from/ })
      .fill('整改彻底，可供借鉴');
    await page.getByRole('button', { name: /^(列为典型案例|Mark as exemplary case)$/ }).click();
    await page.getByRole('button', { name: /^(移出典型案例|Remove from the case library)$/ }).waitFor();
    const marked = await (await h.call('GET', `/api/cases/${form.id}`, { cookie: supervisor })).json();
    expect(marked.exemplary.note).toBe('整改彻底，可供借鉴');
    await page.context().close();
  }, 60_000);

  it('opens the case library and the accountability register with their export links', async () => {
    const page = await app.signIn(DEMO.supervisor);
    await page.getByRole('link', { name: /^(典型案例|Case library)$/ }).click();
    await page
      .getByRole('heading', { name: /典型案例与经验教训|Case library and lessons learned/ })
      .waitFor();
    await page.locator('ol.lessons article').first().waitFor();
    await page.getByRole('link', { name: /^(问责台账|Accountability)$/ }).click();
    await page.getByRole('heading', { name: /^(问责台账|Accountability register)$/ }).waitFor();
    await page.locator('tr[data-record]').first().waitFor();
    expect(await page.locator('a[data-format="xlsx"]').getAttribute('href')).toContain(
      '/api/accountability/export',
    );
    await page.context().close();
  }, 60_000);
});
