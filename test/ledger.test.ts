import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from './helpers/db.ts';
import { readXlsx, type ReadSheet, xlsxStream } from '../server/ledger/xlsx.ts';
import { csvLine, parseCsv } from '../server/ledger/csv.ts';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import { fingerprint } from './helpers/fingerprint.ts';

/**
 * Ledgers out and the catalogue in: exports stream every matching row with headers in the reader's language;
 * an import is checked whole, written whole or not at all, and a second import of the same file is a no-op.
 */
let h: Harness;
let admin: string;
let holder: string;
let supervisor: string;

beforeAll(async () => {
  h = await harness();
  [admin, holder, supervisor] = await Promise.all([
    h.signIn(DEMO.admin),
    h.signIn(DEMO.holder),
    h.signIn(DEMO.supervisor),
  ]);
});

async function download(path: string, cookie: string, on: Harness = h) {
  const res = await on.call('GET', path, { cookie });
  expect(res.status, path).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function xlsxOf(sheets: { name: string; rows: (string | null)[][] }[]) {
  const stream = xlsxStream(
    sheets.map((s) => ({
      name: s.name,
      columns: (s.rows[0] ?? []).map((header) => ({ header: header ?? '', type: 'text' as const })),
      rows: (async function* () {
        yield s.rows.slice(1);
      })(),
    })),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function upload(bytes: Uint8Array, name: string, query: string, cookie = admin, on: Harness = h) {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return on.call('POST', `/api/catalogue/import?${query}`, { cookie, rawBody: form });
}

async function total(path: string, cookie = admin) {
  return (await (await h.call('GET', path, { cookie })).json()).total as number;
}

/** The risk point sheet's headers up to the control measures, as the template has them. */
const RISK_HEADER = [
  '风险点编码',
  '审批事项编码',
  '办理环节',
  '岗位编码',
  '风险描述',
  '风险类别',
  '风险等级',
  '可能性',
  '影响程度',
  '自由裁量度',
  '防控措施',
  '等级确认人（督查人员邮箱）',
];

const sheetNamed = (sheets: ReadSheet[], name: string) => sheets.find((s) => s.name === name) as ReadSheet;

describe('ledger exports', () => {
  it('streams the forms ledger with the list’s filters, Chinese headers for a Chinese reader, dates as dates', async () => {
    const all = await total('/api/forms?limit=1');
    expect(all).toBeGreaterThan(1000); // more than one batch of the stream
    const { res, bytes } = await download('/api/forms/export', admin);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Forms-ledger-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E6%94%B9/,
    );
    const [sheet] = readXlsx(bytes);
    const [header, ...rows] = sheet?.rows ?? [];
    expect(header?.slice(0, 4)).toEqual(['编号', '状态', '问题来源', '风险等级']);
    expect(rows.length).toBe(all);
    expect(new Set(rows.map((r) => r[0])).size).toBe(all);
    const filedOn = header?.indexOf('登记日期') ?? -1;
    const closedAt = header?.indexOf('关闭时间') ?? -1;
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[filedOn] ?? ''))).toBe(true);
    expect(rows.some((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[closedAt] ?? ''))).toBe(true);

    const closed = await total('/api/forms?status=closed&grade=A&limit=1');
    const filtered = readXlsx(
      (await download('/api/forms/export?status=closed&grade=A&lang=en', admin)).bytes,
    )[0];
    expect(filtered?.rows[0]?.slice(0, 4)).toEqual(['Number', 'Status', 'Source', 'Grade']);
    expect(filtered?.rows.length).toBe(closed + 1);
    expect(filtered?.rows.slice(1).every((r) => r[1] === 'Closed' && r[3] === 'A')).toBe(true);
  });

  it('writes CSV with a byte-order mark, one line per form, and only the forms the reader may see', async () => {
    const mine = await total('/api/forms?limit=1', holder);
    const { res, bytes } = await download('/api/forms/export?format=csv', holder);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the byte-order mark itself.
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]?.[0]).toBe('编号');
    expect(rows.length).toBe(mine + 1);
    expect(mine).toBeLessThan(await total('/api/forms?limit=1'));
  });

  it('exports the risk point register with its filters, codes beside names', async () => {
    const gradeA = await total('/api/risk-points?grade=A&limit=1', holder);
    const [sheet] = readXlsx((await download('/api/risk-points/export?grade=A', holder)).bytes);
    const [header, ...rows] = sheet?.rows ?? [];
    expect(header).toEqual(
      expect.arrayContaining(['风险点编码', '岗位编码', '风险等级', '责任岗位', '审批事项']),
    );
    expect(rows.length).toBe(gradeA);
    expect(rows.every((r) => r[header?.indexOf('风险等级') ?? -1] === 'A级（高）')).toBe(true);
  });

  it('exports the checks ledger with the list’s filters, in the scope of whoever asks', async () => {
    const failed = await total('/api/inspections?result=fail&limit=1', supervisor);
    const [sheet] = readXlsx(
      (await download('/api/inspections/export?result=fail&lang=en', supervisor)).bytes,
    );
    const [header, ...rows] = sheet?.rows ?? [];
    expect(header?.slice(0, 4)).toEqual(['Checked on', 'Kind', 'Method', 'Result']);
    expect(rows.length).toBe(failed);
    expect(rows.every((r) => r[3] === 'Fail' && /^\d{4}-\d{2}-\d{2}$/.test(r[0] ?? ''))).toBe(true);
    const holders = await total('/api/inspections?limit=1', holder);
    const [own] = readXlsx((await download('/api/inspections/export', holder)).bytes);
    expect(own?.rows.length).toBe(holders + 1);
    await expectProblem(
      await h.call('GET', '/api/inspections/export?result=maybe', { cookie: supervisor }),
      400,
    );
  });

  it('exports the audit trail as XLSX with the trail’s filters', async () => {
    const [sheet] = readXlsx(
      (await download('/api/audit/export?format=xlsx&action=session.signed_in&lang=en', admin)).bytes,
    );
    expect(sheet?.rows[0]?.slice(0, 4)).toEqual(['Seq', 'At', 'Actor', 'Action']);
    expect(sheet?.rows.length).toBeGreaterThan(1);
    expect(sheet?.rows.slice(1).every((r) => r[3] === 'session.signed_in')).toBe(true);
  });

  it('refuses bad parameters and strangers', async () => {
    for (const path of [
      '/api/forms/export?format=pdf',
      '/api/forms/export?limit=5',
      '/api/risk-points/export?grade=D',
    ]) {
      const p = await expectProblem(await h.call('GET', path, { cookie: admin }), 400);
      expect(JSON.stringify(p.errors)).toMatch(/format|limit|grade/);
    }
    for (const path of [
      '/api/forms/export',
      '/api/risk-points/export',
      '/api/catalogue/export',
      '/api/catalogue/template?kind=posts',
    ])
      await expectProblem(await h.call('GET', path), 401);
    await expectProblem(await h.call('GET', '/api/catalogue/export', { cookie: supervisor }), 403);
    await expectProblem(await h.call('GET', '/api/audit/export?format=xlsx', { cookie: holder }), 403);
  });
});

describe('catalogue import', () => {
  it('offers a template per kind, with a sheet explaining each column', async () => {
    const sheets = readXlsx((await download('/api/catalogue/template?kind=risk-points', holder)).bytes);
    expect(sheets.map((s) => s.name)).toEqual(['风险防控点', '填写说明']);
    expect(sheets[0]?.rows).toEqual([[...RISK_HEADER, '责任人邮箱', '分管领导邮箱', '监督方式']]);
    expect(sheets[1]?.rows.find((r) => r[0] === '风险等级')?.[2]).toContain('A级（高）（A）');
    const csv = new TextDecoder().decode(
      (await download('/api/catalogue/template?kind=posts&format=csv&lang=en', holder)).bytes,
    );
    expect(csv.split('\r\n')[0]).toBe(
      'Post code,Name,Name in English,Kind,Unit code,Window number,Responsibility standard,Department head (email),Leader in charge (email)',
    );
  });

  it('re-importing the exported catalogue changes nothing, and says so before and after', async () => {
    const { bytes } = await download('/api/catalogue/export', admin);
    const sheets = readXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual([
      '单位',
      '人员',
      '岗位',
      '在岗记录',
      '审批事项',
      '标准',
      '责任点',
      '风险防控点',
    ]);
    expect(sheetNamed(sheets, '风险防控点').rows.length).toBeGreaterThan(1051);
    const before = await fingerprint(h.database);
    const dry = await (await upload(bytes, 'catalogue.xlsx', 'mode=dry-run')).json();
    expect(dry.ok).toBe(true);
    expect(dry.errors).toEqual([]);
    for (const k of dry.kinds)
      expect({ kind: k.kind, created: k.created, updated: k.updated, unchanged: k.unchanged }).toEqual({
        kind: k.kind,
        created: 0,
        updated: 0,
        unchanged: k.rows,
      });
    const committed = await upload(bytes, 'catalogue.xlsx', 'mode=commit');
    expect(committed.status).toBe(200);
    expect((await committed.json()).written).toBe(0);
    expect(await fingerprint(h.database)).toEqual(before);
  });

  it('imports a new corner of the catalogue in one go, in dependency order, audited', async () => {
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];
    const c = (p: string) => uniqueCode(p);
    const [u1, u2, post, item, s1, s2, rp, risk] = ['IU', 'IU', 'IP', 'II', 'IS', 'IS', 'IR', 'IK'].map(
      c,
    ) as string[];
    const email = `${c('ip').toLowerCase()}@centre.example`;
    const file = await xlsxOf([
      {
        name: '单位',
        rows: [
          ['单位编码', '单位名称', '层级', '类型', '上级单位编码'],
          [u2 as string, '导入窗口科', '市级', '科室', u1 as string],
          [u1 as string, '导入测试中心', 'city', 'department', root.code],
        ],
      },
      {
        name: 'People',
        rows: [
          ['Email', 'Name', 'Unit code', 'Roles'],
          [email.toUpperCase(), '导入人员', u2 as string, '岗位责任人、督查人员'],
        ],
      },
      {
        name: '岗位',
        rows: [
          ['岗位编码', '岗位名称', '岗位类型', '所在单位编码', '科室负责人邮箱'],
          [post as string, '导入综合窗口', '窗口岗位', u2 as string, email],
        ],
      },
      {
        name: '在岗记录',
        rows: [
          ['岗位编码', '人员邮箱', '上岗日期'],
          [post as string, email, '2026/1/5'],
        ],
      },
      {
        name: '审批事项',
        rows: [
          [
            '事项编码',
            '事项名称',
            '实施单位编码',
            '法定时限（工作日）',
            '承诺时限（工作日）',
            '办理环节',
            '受理条件',
          ],
          [item as string, '导入测试许可', u2 as string, '20', '10', '受理,审查,决定', '条件一\n条件二'],
        ],
      },
      {
        name: '标准',
        rows: [
          ['标准编码', '标准名称', '级别', '上级标准编码'],
          [s2 as string, '二级', '2', s1 as string],
          [s1 as string, '一级', '1', null],
        ],
      },
      {
        name: '责任点',
        rows: [
          ['责任点编码', '审批事项编码', '办理环节', '岗位编码', '岗位职责', '追责情形 ‖ 追责依据'],
          [
            rp as string,
            item as string,
            'accept',
            post as string,
            '受理审查',
            '未一次性告知补正材料 ‖ 《行政许可法》第三十二条',
          ],
        ],
      },
      {
        name: '风险防控点',
        rows: [
          RISK_HEADER,
          [
            risk as string,
            item as string,
            '受理',
            post as string,
            '材料审查不严',
            '业务流程风险',
            'A',
            '3',
            '3',
            '2',
            '双人复核\n每日抽查',
            DEMO.supervisor,
          ],
        ],
      },
    ]);
    const dry = await (await upload(file, 'new-corner.xlsx', 'mode=dry-run')).json();
    expect(dry.errors).toEqual([]);
    expect(
      Object.fromEntries(dry.kinds.map((k: { kind: string; created: number }) => [k.kind, k.created])),
    ).toEqual({
      units: 2,
      people: 1,
      posts: 1,
      assignments: 1,
      'approval-items': 1,
      standards: 2,
      'responsibility-points': 1,
      'risk-points': 1,
    });
    const res = await upload(file, 'new-corner.xlsx', 'mode=commit');
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).written).toBe(10);

    const found = (await (await h.call('GET', `/api/posts?q=${post}`, { cookie: admin })).json()).items;
    expect(found).toHaveLength(1);
    expect(found[0].holders.map((x: { name: string }) => x.name)).toEqual(['导入人员']);
    const unit = await (await h.call('GET', `/api/units/${found[0].unitId}`, { cookie: admin })).json();
    expect(unit.code).toBe(u2);
    const points = (await (await h.call('GET', `/api/risk-points?q=${risk}`, { cookie: admin })).json())
      .items;
    expect(points[0]).toMatchObject({
      grade: 'A',
      unitId: unit.id,
      controlMeasures: ['双人复核', '每日抽查'],
    });
    const detail = await (await h.call('GET', `/api/risk-points/${points[0].id}`, { cookie: admin })).json();
    expect(detail.gradeHistory).toHaveLength(1);
    expect(detail.gradeHistory[0].reason).toContain('new-corner.xlsx');
    const trail = await (
      await h.call('GET', `/api/audit?entityType=post&entityId=${found[0].id}`, { cookie: admin })
    ).json();
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['post.imported']);
    const summary = await (
      await h.call('GET', '/api/audit?action=catalogue.imported&limit=1', { cookie: admin })
    ).json();
    expect(summary.items[0].after).toMatchObject({ file: 'new-corner.xlsx', written: 10 });

    // Exported again, the rows read as they were written (labels in the reader's language, references by code).
    const exported = readXlsx((await download('/api/catalogue/export?lang=en', admin)).bytes);
    const row = (sheet: string, key: string) => sheetNamed(exported, sheet).rows.find((r) => r[0] === key);
    expect(row('Responsibility points', rp as string)).toEqual([
      rp,
      item,
      'Accept',
      post,
      '受理审查',
      '未一次性告知补正材料 ‖ 《行政许可法》第三十二条',
    ]);
    expect(row('Approval items', item as string)).toEqual([
      item,
      '导入测试许可',
      null,
      u2,
      null,
      '20',
      '10',
      'Accept, Review, Decide',
      '条件一\n条件二',
    ]);
    expect(
      sheetNamed(exported, 'Assignments')
        .rows.find((r) => r[0] === post)
        ?.slice(0, 4),
    ).toEqual([post, email, '2026-01-05', null]);

    // The same file again: nothing to do.
    const again = await (await upload(file, 'new-corner.xlsx', 'mode=commit')).json();
    expect(again.written).toBe(0);

    // Changed: the unit moves up to the root, the point is re-graded with its history kept.
    const moved = await xlsxOf([
      {
        name: '单位',
        rows: [
          ['单位编码', '单位名称', '层级', '类型', '上级单位编码'],
          [u2 as string, '导入窗口科', 'city', 'section', root.code],
        ],
      },
      {
        name: '风险防控点',
        rows: [
          RISK_HEADER,
          [
            risk as string,
            item as string,
            'accept',
            post as string,
            '材料审查不严',
            'process',
            'B',
            '2',
            '2',
            '2',
            '双人复核\n每日抽查',
            DEMO.supervisor,
          ],
        ],
      },
    ]);
    const changed = await (await upload(moved, 'moved.xlsx', 'mode=commit')).json();
    expect(changed.kinds.map((k: { updated: number }) => k.updated)).toEqual([1, 1]);
    const after = await (await h.call('GET', `/api/units/${unit.id}`, { cookie: admin })).json();
    expect(after.parentId).toBe(root.id);
    const regraded = await (
      await h.call('GET', `/api/risk-points/${points[0].id}`, { cookie: admin })
    ).json();
    expect(regraded.grade).toBe('B');
    expect(regraded.gradeHistory.map((g: { grade: string }) => g.grade).sort()).toEqual(['A', 'B']);
    const event = (
      await (
        await h.call('GET', `/api/audit?entityType=risk_point&entityId=${points[0].id}&limit=1`, {
          cookie: admin,
        })
      ).json()
    ).items[0];
    expect(event).toMatchObject({
      action: 'risk_point.imported',
      before: { grade: 'A', likelihood: '3', impact: '3' },
      after: { grade: 'B', likelihood: '2', impact: '2' },
    });
  });

  it('reports every problem by row and column, writes nothing on commit, and takes the corrected file', async () => {
    const known = (await (await h.call('GET', '/api/risk-points?limit=1', { cookie: admin })).json())
      .items[0];
    const post = (await (await h.call('GET', `/api/posts/${known.postId}`, { cookie: admin })).json()).code;
    const item = (
      await (await h.call('GET', `/api/approval-items/${known.approvalItemId}`, { cookie: admin })).json()
    ).code;
    const [a, b] = [uniqueCode('EK'), uniqueCode('EK')];
    const header = [...RISK_HEADER.slice(0, 10), RISK_HEADER[11] as string];
    const good = (code: string) => [
      code,
      item,
      '受理',
      post,
      '未按规定核验原件',
      '业务流程风险',
      'B',
      '2',
      '2',
      '2',
      DEMO.supervisor,
    ];
    const rows = [
      header,
      good(a), // row 2: fine
      [...good(b)].map((v, i) => (i === 6 ? 'D' : v)), // row 3: no grade D (G3)
      [...good(uniqueCode('EK'))].map((v, i) => (i === 3 ? 'NO-SUCH-POST' : v)), // row 4: unknown post (D4)
      good(a), // row 5: duplicate of row 2 (A5)
      [...good(uniqueCode('EK'))].map((v, i) => (i === 4 ? '' : i === 7 ? '9' : v)), // row 6: no description (E6), likelihood 9 (H6)
    ];
    const file = await xlsxOf([{ name: '风险防控点', rows }]);
    const dry = await (await upload(file, 'errors.xlsx', 'mode=dry-run')).json();
    expect(dry.ok).toBe(false);
    expect(
      dry.errors.map((e: { row: number; column: string; field: string }) => `${e.column}${e.row} ${e.field}`),
    ).toEqual(['G3 grade', 'D4 postCode', 'A5 code', 'E6 description', 'H6 likelihood']);
    expect(dry.errors[1].message).toContain('NO-SUCH-POST');
    expect(dry.errors[2].message).toBe('与第 2 行重复');

    const before = await fingerprint(h.database);
    const refused = await expectProblem(await upload(file, 'errors.xlsx', 'mode=commit'), 422);
    expect(refused.errors?.map((e) => e.path)).toEqual([
      '风险防控点!G3',
      '风险防控点!D4',
      '风险防控点!A5',
      '风险防控点!E6',
      '风险防控点!H6',
    ]);
    expect(await fingerprint(h.database)).toEqual(before);

    const fixed = await xlsxOf([{ name: '风险防控点', rows: [header, good(a), good(b)] }]);
    const done = await (await upload(fixed, 'fixed.xlsx', 'mode=commit')).json();
    expect(done).toMatchObject({ ok: true, written: 2 });
  });

  it('keeps what a file leaves out, keeps ended assignments as history, and wants a supervisor for a grade', async () => {
    const csv = (text: string) => new TextEncoder().encode(text);
    const commit = async (text: string, kind: string) =>
      (await upload(csv(text), `${kind}.csv`, `mode=commit&kind=${kind}`)).json();
    const check = async (text: string, kind: string) =>
      (await upload(csv(text), `${kind}.csv`, `mode=dry-run&kind=${kind}`)).json();
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];

    // A unit imported whole, then a file without its kind, parent or order: nothing changes.
    const unit = uniqueCode('KU');
    expect(
      (
        await commit(
          `Unit code,Name,Level,Kind,Parent unit code,Sort order\r\n${unit},保留测试科,town,section,${root.code},7\r\n`,
          'units',
        )
      ).written,
    ).toBe(1);
    const partial = await check(`Unit code,Name,Level\r\n${unit},保留测试科,town\r\n`, 'units');
    expect(partial.kinds[0]).toMatchObject({
      unchanged: 1,
      updated: 0,
      absentColumns: ['英文名称', '类型', '上级单位编码', '排序'],
    });
    const kept = (await (await h.call('GET', `/api/units?q=${unit}`, { cookie: admin })).json()).items[0];
    expect(kept).toMatchObject({ kind: 'section', parentId: root.id, sortOrder: 7 });

    // An assignment may be ended once; an ended one is history; a second one may not overlap it.
    const email = `${uniqueCode('ka').toLowerCase()}@centre.example`;
    const post = uniqueCode('KP');
    await commit(`Email,Name,Unit code,Roles\r\n${email},历史测试人,${unit},holder\r\n`, 'people');
    await commit(`Post code,Name,Kind,Unit code\r\n${post},历史测试窗口,window,${unit}\r\n`, 'posts');
    const held = 'Post code,Person (email),From,To\r\n';
    expect((await commit(`${held}${post},${email},2026-01-05,\r\n`, 'assignments')).written).toBe(1);
    expect((await commit(`${held}${post},${email},2026-01-05,2026-06-30\r\n`, 'assignments')).written).toBe(
      1,
    );
    const rewritten = await check(`${held}${post},${email},2026-01-05,2026-07-31\r\n`, 'assignments');
    expect(rewritten.errors).toMatchObject([{ row: 2, column: 'D', field: 'toDate' }]);
    const overlapping = await check(`${held}${post},${email},2026-03-01,\r\n`, 'assignments');
    expect(overlapping.errors).toMatchObject([{ row: 2, column: 'C', field: 'fromDate' }]);
    expect((await check(`${held}${post},${email},2026-07-01,\r\n`, 'assignments')).ok).toBe(true);

    // Re-grading a point needs the supervisor who confirms it, as on the register page.
    const point = (await (await h.call('GET', '/api/risk-points?grade=C&limit=1', { cookie: admin })).json())
      .items[0];
    const exported = parseCsv(
      new TextDecoder().decode(
        (await download(`/api/risk-points/export?format=csv&q=${point.code}`, admin)).bytes,
      ),
    );
    const [header, row] = exported as [string[], string[]];
    const regraded = (confirmer: string) => {
      const cells = row.map((v, i) =>
        header[i] === '风险等级'
          ? 'B'
          : header[i] === '可能性'
            ? '2'
            : header[i] === '等级确认人（督查人员邮箱）'
              ? confirmer
              : v,
      );
      return [header, cells].map(csvLine).join('');
    };
    expect((await check(regraded(''), 'risk-points')).errors).toMatchObject([{ field: 'gradeConfirmedBy' }]);
    const byHolder = await check(regraded(DEMO.holder), 'risk-points');
    expect(byHolder.errors[0]).toMatchObject({
      field: 'gradeConfirmedBy',
      message: '确认人须为在职的督查人员',
    });
    expect((await check(regraded(DEMO.supervisor), 'risk-points')).kinds[0]).toMatchObject({ updated: 1 });
    // The same row as exported is no change at all.
    expect((await check([header, row].map(csvLine).join(''), 'risk-points')).kinds[0]).toMatchObject({
      unchanged: 1,
    });
  });

  it('reads CSV for one kind, in UTF-8 or GB 18030', async () => {
    const code = uniqueCode('CS');
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];
    const csv = `\uFEFFUnit code,Name,Level,Parent unit code\r\n${code},"CSV, imported",district,${root.code}\r\n`;
    const res = await upload(new TextEncoder().encode(csv), 'units.csv', 'mode=commit&kind=units');
    expect(res.status, await res.clone().text()).toBe(200);
    const units = (await (await h.call('GET', `/api/units?q=${code}`, { cookie: admin })).json()).items;
    expect(units[0]).toMatchObject({ name: 'CSV, imported', level: 'district', kind: 'department' });
    const noKind = await expectProblem(
      await upload(new TextEncoder().encode(csv), 'units.csv', 'mode=dry-run'),
      400,
    );
    expect(noKind.errors?.[0]?.path).toBe('kind');
  });

  it('is for admins; bad files and parameters get a clear error and change nothing', async () => {
    const file = await xlsxOf([
      {
        name: '单位',
        rows: [
          ['单位编码', '单位名称', '层级'],
          [uniqueCode('XU'), '无权导入', 'city'],
        ],
      },
    ]);
    const before = await fingerprint(h.database);
    for (const cookie of [holder, supervisor])
      await expectProblem(await upload(file, 'u.xlsx', 'mode=commit', cookie), 403);
    await expectProblem(await upload(file, 'u.xlsx', 'mode=commit', ''), 401);
    const badMode = await expectProblem(await upload(file, 'u.xlsx', 'mode=apply'), 400);
    expect(badMode.errors?.[0]?.path).toBe('mode');
    await expectProblem(await upload(file, 'u.xlsx', 'mode=commit&kind=planets'), 400);
    await expectProblem(
      await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'old.xls', 'mode=commit'),
      415,
    );
    const damaged = await expectProblem(
      await upload(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), 'bad.xlsx', 'mode=commit'),
      400,
    );
    expect(damaged.errors?.[0]?.path).toBe('file');
    await expectProblem(await upload(new Uint8Array(), 'empty.xlsx', 'mode=commit'), 400);
    const noFile = await h.call('POST', '/api/catalogue/import?mode=commit', {
      cookie: admin,
      rawBody: new FormData(),
    });
    await expectProblem(noFile, 400);
    const json = await h.call('POST', '/api/catalogue/import', { cookie: admin, body: { file: 'x' } });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    await expectProblem(await upload(new Uint8Array(21 * 1024 * 1024), 'huge.xlsx', 'mode=commit'), 413);
    const unknownSheet = await (
      await upload(await xlsxOf([{ name: 'Planets', rows: [['a'], ['b']] }]), 'p.xlsx', 'mode=dry-run')
    ).json();
    expect(unknownSheet.errors[0]).toMatchObject({ sheet: 'Planets', row: 1 });
    const missingColumn = await (
      await upload(await xlsxOf([{ name: '单位', rows: [['单位编码'], ['X']] }]), 'm.xlsx', 'mode=dry-run')
    ).json();
    expect(missingColumn.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['name', 'level']),
    );
    expect(await fingerprint(h.database)).toEqual(before);
  });

  it('does not let an admin import away their own admin role', async () => {
    const me = await (await h.call('GET', '/api/me', { cookie: admin })).json();
    const unit = await (await h.call('GET', `/api/units/${me.unitId}`, { cookie: admin })).json();
    const csv = `Email,Name,Unit code,Roles\r\n${DEMO.admin},${me.name},${unit.code},holder\r\n`;
    const dry = await (
      await upload(new TextEncoder().encode(csv), 'me.csv', 'mode=dry-run&kind=people')
    ).json();
    expect(dry.errors).toMatchObject([{ row: 2, field: 'roles' }]);
    await expectProblem(
      await upload(new TextEncoder().encode(csv), 'me.csv', 'mode=commit&kind=people'),
      422,
    );
    expect((await (await h.call('GET', '/api/me', { cookie: admin })).json()).roles).toContain('admin');
  });

  it('moves the whole catalogue into an empty database and back out unchanged', async () => {
    const { bytes } = await download('/api/catalogue/export', admin);
    const original = readXlsx(bytes);
    const scratch = await scratchDatabase('ledger_roundtrip');
    try {
      // The one record an empty database needs: an administrator to sign in as, in a unit of the same code.
      const { rows: units } = await sql<{ code: string; name: string; level: string; kind: string }>`
        select code, name, level, kind from units where parent_id is null order by id limit 1`.execute(
        h.database.db,
      );
      const { rows: people } = await sql<{ email: string; name: string; passwordHash: string }>`
        select email, name, password_hash from people where email = ${DEMO.admin}`.execute(h.database.db);
      const root = units[0] as { code: string; name: string; level: string; kind: string };
      const person = people[0] as { email: string; name: string; passwordHash: string };
      const { rows: made } = await sql<{ id: number }>`
        insert into units (code, name, level, kind, path) values (${root.code}, ${root.name}, ${root.level}, ${root.kind}, '/') returning id`.execute(
        scratch.db,
      );
      const unitId = made[0]?.id as number;
      await sql`update units set path = ${`/${unitId}/`} where id = ${unitId}`.execute(scratch.db);
      await sql`insert into people (name, email, password_hash, roles, unit_id) values (${person.name}, ${person.email}, ${person.passwordHash}, '{admin}', ${unitId})`.execute(
        scratch.db,
      );
      const other = await harness({}, scratch);
      const cookie = await other.signIn(DEMO.admin);
      const res = await upload(bytes, 'catalogue.xlsx', 'mode=commit', cookie, other);
      expect(res.status, await res.clone().text()).toBe(200);
      const copy = readXlsx((await download('/api/catalogue/export', cookie, other)).bytes);
      const sorted = (s: ReadSheet) => [
        s.rows[0],
        ...s.rows
          .slice(1)
          .map((r) => JSON.stringify(r))
          .sort(),
      ];
      expect(copy.map(sorted)).toEqual(original.map(sorted));
    } finally {
      await scratch.close();
    }
  });
});
