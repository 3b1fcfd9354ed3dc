import type { Kysely, Transaction } from 'kysely';
import {
  gradeLabels,
  postKindLabels,
  riskCategoryLabels,
  roleLabels,
  stageLabels,
  unitKindLabels,
  unitLevelLabels,
} from '../catalog/labels.ts';
import {
  insertUnit,
  replacePreconditions,
  rewriteSubtreePaths,
  syncRiskPointUnits,
} from '../catalog/queries.ts';
import type {
  AccountabilityTrigger,
  DB,
  Grade,
  PostKind,
  RiskCategory,
  Role,
  Stage,
  UnitKind,
  UnitLevel,
} from '../db/types.ts';
import { insertGradeChange } from '../risk-points/queries.ts';
import {
  type Cell,
  type Column,
  cell,
  choice,
  choices,
  date,
  email,
  info,
  integer,
  lines,
  orEmpty,
  type Rec,
  reference,
  text,
  yesNo,
} from './columns.ts';
import type { Label } from './export.ts';
import {
  approvalItemRows,
  assignmentRows,
  type CatalogueTable,
  insertRecord,
  peopleRows,
  postRows,
  responsibilityPointRows,
  riskPointRows,
  standardRows,
  unitOfPostId,
  unitPathById,
  unitRows,
  updateRecord,
} from './queries.ts';
import type { CatalogueKind } from './schema.ts';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;

/** A catalogue record as it stands: its id, its canonical cells, and the row it came from (for names). */
export interface Stored {
  id: number;
  rec: Rec;
  row: Record<string, unknown>;
}

/** What a row's write needs: ids of records by key (stored or written earlier in the same import). */
export interface WriteContext {
  id(kind: CatalogueKind, key: string): number;
  actorId: number;
  reason: string;
}

/** A problem with one cell, found by a kind's cross-column rules. */
export interface CellIssue {
  column: string;
  message: Label;
}

/** Every record of each kind after the import, by key: what references and rules are checked against. */
export type Final = (kind: CatalogueKind) => Map<string, Rec>;

export interface KindSpec {
  kind: CatalogueKind;
  label: Label;
  table: CatalogueTable;
  /** The audit trail's entity type. */
  entity: string;
  columns: Column[];
  keyOf(rec: Rec): string;
  load(db: Db): Promise<Stored[]>;
  /** Rules across columns and records; `was` is the record as stored, when the row changes one. */
  check?(rec: Rec, final: Final, was: Rec | undefined): CellIssue[];
  /** Write order within the kind (parents before children); lower first. */
  rank?(rec: Rec, final: Final): number;
  write(
    tx: Tx,
    w: WriteContext,
    rec: Rec,
    stored: Stored | undefined,
  ): Promise<{ id: number; unitId: number | null }>;
}

const lbl = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });
const req = { required: true };
type Maybe = Cell | undefined;
const num = (v: Maybe) => Number(v);
const list = <T extends string>(v: Maybe) => (v ? v.split(',') : []) as T[];
const textLines = (v: Maybe) => (v ? v.split('\n') : []);
/** A choice column's code, checked when the row was read. */
const as = <T extends string>(v: Maybe) => v as T;
const byKey = (key: string) => (rec: Rec) => rec[key] ?? '';
/** The name of a record in the reader's language, for the names exported beside codes. */
const named = (zh: unknown, en: unknown) => (_row: Record<string, unknown>, lang: string) =>
  (lang === 'en' && en ? en : zh) as string;

/** Writes a row's record: changes the stored one, or adds it. */
async function save(tx: Tx, table: CatalogueTable, was: Stored | undefined, values: Record<string, unknown>) {
  if (!was) return insertRecord(tx, table, values);
  await updateRecord(tx, table, was.id, values);
  return was.id;
}

function stored<R extends { id: number }>(rows: R[], toRec: (row: R) => Rec): Stored[] {
  return rows.map((row) => ({ id: row.id, rec: toRec(row), row }));
}

/** How deep a record sits in a tree of parent codes; a cycle was refused before this is asked. */
function depth(rec: Rec, parentKey: string, map: Map<string, Rec>): number {
  let d = 0;
  let parent = rec[parentKey];
  while (parent && d < 1000) {
    d++;
    parent = map.get(parent)?.[parentKey] ?? null;
  }
  return d;
}

/** The file's and the stored assignments grouped by post and person, built once per import. */
const holdersIndex = new WeakMap<Map<string, Rec>, Map<string, Rec[]>>();
function holdersOf(all: Map<string, Rec>): Map<string, Rec[]> {
  let index = holdersIndex.get(all);
  if (!index) {
    index = new Map();
    for (const rec of all.values()) {
      const k = `${rec.postCode}|${rec.personEmail}`;
      index.set(k, [...(index.get(k) ?? []), rec]);
    }
    holdersIndex.set(all, index);
  }
  return index;
}

/** Whether two assignments' days meet (an open end runs on). */
function overlaps(a: Rec, b: Rec): boolean {
  return (
    (!a.toDate || !b.fromDate || b.fromDate <= a.toDate) &&
    (!b.toDate || !a.fromDate || a.fromDate <= b.toDate)
  );
}

const LOCALES: Record<string, Label> = { 'zh-CN': lbl('中文', 'Chinese'), en: lbl('英文', 'English') };
const STAGE_DEFAULT = 'accept,review,decide,complete,deliver';
const STAGE_ORDER = Object.keys(stageLabels);
/** A trigger in one line of a cell: the situation, then the rule it rests on. */
const TRIGGER_SEPARATOR = ' ‖ ';

const units: KindSpec = {
  kind: 'units',
  label: lbl('单位', 'Units'),
  table: 'units',
  entity: 'unit',
  columns: [
    text('code', lbl('单位编码', 'Unit code'), 40, req),
    text('name', lbl('单位名称', 'Name'), 200, req),
    text('nameEn', lbl('英文名称', 'Name in English'), 200),
    choice('level', lbl('层级', 'Level'), unitLevelLabels, req),
    choice('kind', lbl('类型', 'Kind'), unitKindLabels, { fallback: 'department' }),
    reference('parentCode', lbl('上级单位编码', 'Parent unit code'), 'units'),
    integer('sortOrder', lbl('排序', 'Sort order'), 0, 1_000_000, { fallback: '0' }),
  ],
  keyOf: byKey('code'),
  load: async (db) =>
    stored(await unitRows(db).execute(), (u) => ({
      code: u.code,
      name: u.name,
      nameEn: cell(u.nameEn),
      level: u.level,
      kind: u.kind,
      parentCode: cell(u.parentCode),
      sortOrder: String(u.sortOrder),
    })),
  check(rec, final) {
    const map = final('units');
    const seen = new Set<string>();
    let parent = rec.parentCode;
    while (parent) {
      if (parent === rec.code || seen.has(parent))
        return [
          { column: 'parentCode', message: lbl('单位不能位于自身之下', 'a unit cannot sit under itself') },
        ];
      seen.add(parent);
      parent = map.get(parent)?.parentCode ?? null;
    }
    return [];
  },
  rank: (rec, final) => depth(rec, 'parentCode', final('units')),
  async write(tx, w, rec, was) {
    const parentId = rec.parentCode ? w.id('units', rec.parentCode) : null;
    const values = {
      code: orEmpty(rec.code),
      name: orEmpty(rec.name),
      nameEn: orEmpty(rec.nameEn),
      level: as<UnitLevel>(rec.level),
      kind: as<UnitKind>(rec.kind),
      parentId,
      sortOrder: num(rec.sortOrder),
    };
    const parentPath = parentId ? await unitPathById(tx, parentId) : '/';
    if (!was) {
      const id = await insertUnit(tx, values, parentPath);
      return { id, unitId: id };
    }
    await updateRecord(tx, 'units', was.id, values);
    const path = await unitPathById(tx, was.id);
    if (path !== `${parentPath}${was.id}/`) await rewriteSubtreePaths(tx, path, `${parentPath}${was.id}/`);
    return { id: was.id, unitId: was.id };
  },
};

const people: KindSpec = {
  kind: 'people',
  label: lbl('人员', 'People'),
  table: 'people',
  entity: 'person',
  columns: [
    email('email', lbl('电子邮箱', 'Email'), req),
    text('name', lbl('姓名', 'Name'), 100, req),
    text('nameEn', lbl('英文姓名', 'Name in English'), 100),
    reference('unitCode', lbl('所在单位编码', 'Unit code'), 'units', req),
    choices('roles', lbl('角色', 'Roles'), roleLabels, req),
    choice('locale', lbl('语言', 'Language'), LOCALES, { fallback: 'zh-CN' }),
    yesNo('active', lbl('在职', 'Active'), { fallback: 'true' }),
  ],
  keyOf: byKey('email'),
  load: async (db) =>
    stored(await peopleRows(db).execute(), (p) => ({
      email: p.email.toLowerCase(),
      name: p.name,
      nameEn: cell(p.nameEn),
      unitCode: p.unitCode,
      roles: [...p.roles]
        .sort((a, b) => Object.keys(roleLabels).indexOf(a) - Object.keys(roleLabels).indexOf(b))
        .join(','),
      locale: p.locale,
      active: String(p.active),
    })),
  async write(tx, w, rec, was) {
    const values = {
      email: orEmpty(rec.email),
      name: orEmpty(rec.name),
      nameEn: orEmpty(rec.nameEn),
      unitId: w.id('units', orEmpty(rec.unitCode)),
      roles: list<Role>(rec.roles),
      locale: as<'zh-CN' | 'en'>(rec.locale),
      active: rec.active === 'true',
    };
    const id = await save(tx, 'people', was, values);
    return { id, unitId: values.unitId };
  },
};

const posts: KindSpec = {
  kind: 'posts',
  label: lbl('岗位', 'Posts'),
  table: 'posts',
  entity: 'post',
  columns: [
    text('code', lbl('岗位编码', 'Post code'), 40, req),
    text('name', lbl('岗位名称', 'Name'), 200, req),
    text('nameEn', lbl('英文名称', 'Name in English'), 200),
    choice('kind', lbl('岗位类型', 'Kind'), postKindLabels, req),
    reference('unitCode', lbl('所在单位编码', 'Unit code'), 'units', req),
    text('windowNo', lbl('窗口号', 'Window number'), 20),
    text('responsibilityStandard', lbl('岗位职责标准', 'Responsibility standard'), 4000),
    reference('departmentHeadEmail', lbl('科室负责人邮箱', 'Department head (email)'), 'people'),
    reference('leaderInChargeEmail', lbl('分管领导邮箱', 'Leader in charge (email)'), 'people'),
    info('unitName', lbl('所在单位', 'Unit'), (r, lang) => named(r.unitName, r.unitNameEn)(r, lang)),
  ],
  keyOf: byKey('code'),
  load: async (db) =>
    stored(await postRows(db).execute(), (p) => ({
      code: p.code,
      name: p.name,
      nameEn: cell(p.nameEn),
      kind: p.kind,
      unitCode: p.unitCode,
      windowNo: cell(p.windowNo),
      responsibilityStandard: cell(p.responsibilityStandard),
      departmentHeadEmail: cell(p.departmentHeadEmail?.toLowerCase()),
      leaderInChargeEmail: cell(p.leaderInChargeEmail?.toLowerCase()),
    })),
  async write(tx, w, rec, was) {
    const values = {
      code: orEmpty(rec.code),
      name: orEmpty(rec.name),
      nameEn: orEmpty(rec.nameEn),
      kind: as<PostKind>(rec.kind),
      unitId: w.id('units', orEmpty(rec.unitCode)),
      windowNo: rec.windowNo,
      responsibilityStandard: orEmpty(rec.responsibilityStandard),
      departmentHeadId: rec.departmentHeadEmail ? w.id('people', rec.departmentHeadEmail) : null,
      leaderInChargeId: rec.leaderInChargeEmail ? w.id('people', rec.leaderInChargeEmail) : null,
    };
    const id = await save(tx, 'posts', was, values);
    // A post's risk points carry its unit, so the register filters by unit without a join.
    if (was && was.rec.unitCode !== rec.unitCode) await syncRiskPointUnits(tx, was.id, values.unitId);
    return { id, unitId: values.unitId };
  },
};

const assignments: KindSpec = {
  kind: 'assignments',
  label: lbl('在岗记录', 'Assignments'),
  table: 'assignments',
  entity: 'assignment',
  columns: [
    reference('postCode', lbl('岗位编码', 'Post code'), 'posts', req),
    reference('personEmail', lbl('人员邮箱', 'Person (email)'), 'people', req),
    date('fromDate', lbl('上岗日期', 'From'), req),
    date('toDate', lbl('离岗日期', 'To')),
    info('postName', lbl('岗位', 'Post'), (r) => r.postName),
    info('personName', lbl('姓名', 'Name'), (r) => r.personName),
  ],
  keyOf: (rec) => `${rec.postCode}|${rec.personEmail}|${rec.fromDate}`,
  load: async (db) =>
    stored(await assignmentRows(db).execute(), (a) => ({
      postCode: a.postCode,
      personEmail: a.personEmail.toLowerCase(),
      fromDate: a.fromDate,
      toDate: cell(a.toDate),
    })),
  check(rec, final, was) {
    if (rec.toDate && rec.fromDate && rec.toDate < rec.fromDate)
      return [
        { column: 'toDate', message: lbl('离岗日期不能早于上岗日期', 'cannot be before the from date') },
      ];
    // Who held a post on a day is the history responsibility is traced to: an ended assignment stays as it is.
    if (was?.toDate && was.toDate !== rec.toDate)
      return [
        {
          column: 'toDate',
          message: lbl(
            `该在岗记录已于 ${was.toDate} 结束，历史记录不能修改`,
            `this assignment ended on ${was.toDate}; history is not rewritten`,
          ),
        },
      ];
    const overlap = holdersOf(final('assignments'))
      .get(`${rec.postCode}|${rec.personEmail}`)
      ?.find((other) => other.fromDate !== rec.fromDate && overlaps(other, rec));
    return overlap
      ? [
          {
            column: 'fromDate',
            message: lbl(
              `与同一人在该岗位 ${overlap.fromDate} 起的在岗记录重叠`,
              `overlaps the same person's assignment to this post from ${overlap.fromDate}`,
            ),
          },
        ]
      : [];
  },
  async write(tx, w, rec, was) {
    const values = {
      postId: w.id('posts', orEmpty(rec.postCode)),
      personId: w.id('people', orEmpty(rec.personEmail)),
      fromDate: orEmpty(rec.fromDate),
      toDate: rec.toDate,
    };
    // An assignment is known by its post, person and first day: only its last day can change.
    const id = await save(tx, 'assignments', was, was ? { toDate: values.toDate } : values);
    return { id, unitId: null };
  },
};

const approvalItems: KindSpec = {
  kind: 'approval-items',
  label: lbl('审批事项', 'Approval items'),
  table: 'approvalItems',
  entity: 'approval_item',
  columns: [
    text('code', lbl('事项编码', 'Item code'), 40, req),
    text('name', lbl('事项名称', 'Name'), 200, req),
    text('nameEn', lbl('英文名称', 'Name in English'), 200),
    reference('unitCode', lbl('实施单位编码', 'Unit code'), 'units', req),
    text('legalBasis', lbl('设定依据', 'Legal basis'), 2000),
    integer('statutoryDays', lbl('法定时限（工作日）', 'Statutory days'), 1, 365, req),
    integer('promisedDays', lbl('承诺时限（工作日）', 'Promised days'), 0, 365, req),
    choices('stages', lbl('办理环节', 'Stages'), stageLabels, { fallback: STAGE_DEFAULT }),
    lines('preconditions', lbl('受理条件', 'Conditions'), 1000, 100),
    text('serviceGuide', lbl('办事指南', 'Service guide'), 20000),
  ],
  keyOf: byKey('code'),
  load: async (db) =>
    stored(await approvalItemRows(db).execute(), (i) => ({
      code: i.code,
      name: i.name,
      nameEn: cell(i.nameEn),
      unitCode: i.unitCode,
      legalBasis: cell(i.legalBasis),
      statutoryDays: String(i.statutoryDays),
      promisedDays: String(i.promisedDays),
      stages: [...i.stages].sort((a, b) => STAGE_ORDER.indexOf(a) - STAGE_ORDER.indexOf(b)).join(','),
      preconditions: cell(i.preconditions.join('\n')),
      serviceGuide: cell(i.serviceGuide),
    })),
  check: (rec) =>
    num(rec.promisedDays) > num(rec.statutoryDays)
      ? [
          {
            column: 'promisedDays',
            message: lbl('承诺时限不能超过法定时限', 'cannot exceed the statutory days'),
          },
        ]
      : [],
  async write(tx, w, rec, was) {
    const values = {
      code: orEmpty(rec.code),
      name: orEmpty(rec.name),
      nameEn: orEmpty(rec.nameEn),
      unitId: w.id('units', orEmpty(rec.unitCode)),
      legalBasis: orEmpty(rec.legalBasis),
      statutoryDays: num(rec.statutoryDays),
      promisedDays: num(rec.promisedDays),
      stages: list<Stage>(rec.stages),
      serviceGuide: orEmpty(rec.serviceGuide),
    };
    const id = await save(tx, 'approvalItems', was, values);
    if (!was || was.rec.preconditions !== rec.preconditions)
      await replacePreconditions(tx, id, textLines(rec.preconditions));
    return { id, unitId: values.unitId };
  },
};

const standards: KindSpec = {
  kind: 'standards',
  label: lbl('标准', 'Standards'),
  table: 'standards',
  entity: 'standard',
  columns: [
    text('code', lbl('标准编码', 'Standard code'), 40, req),
    text('title', lbl('标准名称', 'Title'), 500, req),
    text('titleEn', lbl('英文名称', 'Title in English'), 500),
    integer('level', lbl('级别', 'Level'), 1, 4, req),
    reference('parentCode', lbl('上级标准编码', 'Parent standard code'), 'standards'),
    integer('sortOrder', lbl('排序', 'Sort order'), 0, 1_000_000, { fallback: '0' }),
  ],
  keyOf: byKey('code'),
  load: async (db) =>
    stored(await standardRows(db).execute(), (s) => ({
      code: s.code,
      title: s.title,
      titleEn: cell(s.titleEn),
      level: String(s.level),
      parentCode: cell(s.parentCode),
      sortOrder: String(s.sortOrder),
    })),
  check(rec, final) {
    if (!rec.parentCode)
      return rec.level === '1'
        ? []
        : [{ column: 'parentCode', message: lbl('二至四级标准须填写上级标准', 'levels 2–4 need a parent') }];
    const parent = final('standards').get(rec.parentCode);
    if (parent && num(parent.level) + 1 !== num(rec.level))
      return [
        {
          column: 'level',
          message: lbl(
            `应比上级标准低一级（${num(parent.level) + 1}）`,
            `must be one below its parent's (${num(parent.level) + 1})`,
          ),
        },
      ];
    return [];
  },
  rank: (rec) => num(rec.level),
  async write(tx, w, rec, was) {
    const values = {
      code: orEmpty(rec.code),
      title: orEmpty(rec.title),
      titleEn: orEmpty(rec.titleEn),
      level: num(rec.level),
      parentId: rec.parentCode ? w.id('standards', rec.parentCode) : null,
      sortOrder: num(rec.sortOrder),
    };
    const id = await save(tx, 'standards', was, values);
    return { id, unitId: null };
  },
};

const placement = [
  reference('itemCode', lbl('审批事项编码', 'Approval item code'), 'approval-items', req),
  choice('stage', lbl('办理环节', 'Stage'), stageLabels, req),
  reference('postCode', lbl('岗位编码', 'Post code'), 'posts', req),
];

const responsibilityPoints: KindSpec = {
  kind: 'responsibility-points',
  label: lbl('责任点', 'Responsibility points'),
  table: 'responsibilityPoints',
  entity: 'responsibility_point',
  columns: [
    text('code', lbl('责任点编码', 'Code'), 40, req),
    ...placement,
    text('duty', lbl('岗位职责', 'Duty'), 4000, req),
    lines('triggers', lbl('追责情形 ‖ 追责依据', 'Trigger ‖ basis'), 1003, 20, {
      hint: lbl('每行一条：追责情形 ‖ 追责依据', 'one per line: situation ‖ basis'),
      parse: (raw) => {
        const items = raw
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter(Boolean);
        if (items.length > 20) return { error: lbl('最多 20 条', 'at most 20 lines') };
        for (const item of items) {
          const [situation, basis, extra] = item.split('‖').map((s) => s.trim());
          if (!situation || !basis || extra !== undefined || situation.length > 500 || basis.length > 500)
            return {
              error: lbl(
                '每行应为“追责情形 ‖ 追责依据”，各不超过 500 字',
                'each line must be "situation ‖ basis", each at most 500 characters',
              ),
            };
        }
        return {
          value:
            items
              .map((item) =>
                item
                  .split('‖')
                  .map((s) => s.trim())
                  .join(TRIGGER_SEPARATOR),
              )
              .join('\n') || null,
        };
      },
    }),
  ],
  keyOf: byKey('code'),
  load: async (db) =>
    stored(await responsibilityPointRows(db).execute(), (r) => ({
      code: r.code,
      itemCode: r.itemCode,
      stage: r.stage,
      postCode: r.postCode,
      duty: r.duty,
      triggers: cell(
        (r.triggers as AccountabilityTrigger[])
          .map((t) => `${t.situation}${TRIGGER_SEPARATOR}${t.basis}`)
          .join('\n'),
      ),
    })),
  async write(tx, w, rec, was) {
    const values = {
      code: orEmpty(rec.code),
      approvalItemId: w.id('approval-items', orEmpty(rec.itemCode)),
      stage: as<Stage>(rec.stage),
      postId: w.id('posts', orEmpty(rec.postCode)),
      duty: orEmpty(rec.duty),
      triggers: textLines(rec.triggers).map((line) => {
        const [situation = '', basis = ''] = line.split(TRIGGER_SEPARATOR);
        return { situation, basis };
      }),
    };
    const id = await save(tx, 'responsibilityPoints', was, values);
    return { id, unitId: null };
  },
};

const score = (key: string, label: Label) => integer(key, label, 1, 3, req);
/** The columns a grading decides: changing any of them is a re-grading. */
const GRADING = ['grade', 'likelihood', 'impact', 'discretion'];

export const riskPoints: KindSpec = {
  kind: 'risk-points',
  label: lbl('风险防控点', 'Risk control points'),
  table: 'riskPoints',
  entity: 'risk_point',
  columns: [
    text('code', lbl('风险点编码', 'Code'), 40, req),
    ...placement,
    text('description', lbl('风险描述', 'Description'), 4000, req),
    choice('category', lbl('风险类别', 'Category'), riskCategoryLabels, req),
    choice('grade', lbl('风险等级', 'Grade'), gradeLabels, req),
    score('likelihood', lbl('可能性', 'Likelihood')),
    score('impact', lbl('影响程度', 'Impact')),
    score('discretion', lbl('自由裁量度', 'Discretion')),
    lines('controlMeasures', lbl('防控措施', 'Control measures'), 1000, 20),
    reference(
      'gradeConfirmedBy',
      lbl('等级确认人（督查人员邮箱）', 'Grade confirmed by (supervisor email)'),
      'people',
      {
        compare: false,
        hint: lbl(
          '新增风险点或调整等级、可能性、影响程度、自由裁量度时必填：确认等级的督查人员',
          'required for a new point or a change of grade, likelihood, impact or discretion: the supervisor confirming it',
        ),
      },
    ),
    reference('responsibleEmail', lbl('责任人邮箱', 'Responsible person (email)'), 'people'),
    reference('accountableLeaderEmail', lbl('分管领导邮箱', 'Accountable leader (email)'), 'people'),
    text('supervisionMethod', lbl('监督方式', 'Supervision method'), 1000),
    info('unitName', lbl('责任单位', 'Unit'), (r, lang) => named(r.unitName, r.unitNameEn)(r, lang)),
    info('itemName', lbl('审批事项', 'Approval item'), (r, lang) => named(r.itemName, r.itemNameEn)(r, lang)),
    info('postName', lbl('责任岗位', 'Post'), (r, lang) => named(r.postName, r.postNameEn)(r, lang)),
  ],
  keyOf: byKey('code'),
  load: async (db) => riskPointStored(await riskPointRows(db).execute()),
  check(rec, final, was) {
    if (was && GRADING.every((k) => was[k] === rec[k])) return [];
    // A grade is set as in the register: confirmed by a supervisor, recorded in the point's grade history.
    const who = rec.gradeConfirmedBy ? final('people').get(rec.gradeConfirmedBy) : undefined;
    if (!rec.gradeConfirmedBy)
      return [
        {
          column: 'gradeConfirmedBy',
          message: lbl(
            '新增风险点或调整等级时须填写确认等级的督查人员',
            'a new point or a new grade needs the supervisor confirming it',
          ),
        },
      ];
    if (who && (!who.roles?.split(',').includes('supervisor') || who.active !== 'true'))
      return [
        {
          column: 'gradeConfirmedBy',
          message: lbl('确认人须为在职的督查人员', 'must be an active supervisor'),
        },
      ];
    return [];
  },
  async write(tx, w, rec, was) {
    const postId = w.id('posts', orEmpty(rec.postCode));
    const values = {
      code: orEmpty(rec.code),
      approvalItemId: w.id('approval-items', orEmpty(rec.itemCode)),
      stage: as<Stage>(rec.stage),
      postId,
      unitId: await unitOfPostId(tx, postId),
      description: orEmpty(rec.description),
      category: as<RiskCategory>(rec.category),
      grade: as<Grade>(rec.grade),
      likelihood: num(rec.likelihood),
      impact: num(rec.impact),
      discretion: num(rec.discretion),
      controlMeasures: textLines(rec.controlMeasures),
      responsiblePersonId: rec.responsibleEmail ? w.id('people', rec.responsibleEmail) : null,
      accountableLeaderId: rec.accountableLeaderEmail ? w.id('people', rec.accountableLeaderEmail) : null,
      supervisionMethod: orEmpty(rec.supervisionMethod),
    };
    const id = await save(tx, 'riskPoints', was, values);
    const regraded = GRADING.some((k) => was?.rec[k] !== rec[k]);
    // The grade's history is kept as for a grading by hand: who changed it, and why.
    if (regraded)
      await insertGradeChange(tx, {
        riskPointId: id,
        grade: values.grade,
        previousGrade: was ? as<Grade>(was.rec.grade) : null,
        likelihood: values.likelihood,
        impact: values.impact,
        discretion: values.discretion,
        reason: w.reason,
        changedBy: w.actorId,
        confirmedBy: w.id('people', orEmpty(rec.gradeConfirmedBy)),
      });
    return { id, unitId: values.unitId };
  },
};

export function riskPointStored(
  rows: Awaited<ReturnType<ReturnType<typeof riskPointRows>['execute']>>,
): Stored[] {
  return stored(rows, (r) => ({
    code: r.code,
    itemCode: r.itemCode,
    stage: r.stage,
    postCode: r.postCode,
    description: r.description,
    category: r.category,
    grade: r.grade,
    likelihood: String(r.likelihood),
    impact: String(r.impact),
    discretion: String(r.discretion),
    controlMeasures: cell(r.controlMeasures.join('\n')),
    responsibleEmail: cell(r.responsibleEmail?.toLowerCase()),
    accountableLeaderEmail: cell(r.accountableLeaderEmail?.toLowerCase()),
    supervisionMethod: cell(r.supervisionMethod),
    gradeConfirmedBy: cell(r.gradeConfirmedBy?.toLowerCase()),
  }));
}

/** Every kind, in the order an import writes them: each after the kinds it refers to. */
export const KINDS: KindSpec[] = [
  units,
  people,
  posts,
  assignments,
  approvalItems,
  standards,
  responsibilityPoints,
  riskPoints,
];

export function kindSpec(kind: CatalogueKind): KindSpec {
  const spec = KINDS.find((k) => k.kind === kind);
  if (!spec) throw new Error(`no catalogue kind ${kind}`);
  return spec;
}
