import type {
  AccountabilityTrigger,
  Grade,
  Locale,
  PostKind,
  RiskCategory,
  Role,
  Stage,
  UnitKind,
  UnitLevel,
} from '../db/types.ts';
import {
  CENTRE_OFFICES,
  CITY_DEPARTMENTS,
  COMMON_CONDITIONS,
  DISTRICT_WINDOWS,
  DISTRICTS,
  type DepartmentSpec,
  type DistrictSpec,
  HALLS,
  type ItemTemplate,
  itemTemplates,
  pair,
} from './departments.ts';
import { personNames, placeStems, romanise } from './names.ts';
import {
  addDays,
  apportion,
  chineseNumber,
  dayNumber,
  pad,
  rng,
  shanghaiTime,
  weightedSample,
} from './random.ts';
import { buildStandards, type StandardRow } from './standards.ts';
import {
  CONTROL_MEASURES,
  DUTIES,
  GRADE_INPUTS,
  GRADE_LOWERED,
  GRADE_RAISED,
  INITIAL_GRADE_REASON,
  RISKS,
  STAGE_ZH,
  SUPERVISION,
  SUPERVISION_SUFFIX,
  TRIGGERS,
  WINDOW_ROLES,
  WINDOW_STANDARDS,
  type WindowRole,
} from './texts.ts';

/**
 * Builds the whole demo data set in memory, deterministically from `today`: same input, same rows.
 * Ids are allocated here (from `bases` on) so that materialised paths and cross references are known
 * before anything is written. The figures are those of the real centre (DOMAIN.md).
 */

export const FIGURES = {
  cityDepartments: 39,
  districtDepartments: 18,
  towns: 127,
  villages: 1768,
  windowPosts: 216,
  officePosts: 17,
  people: 377,
  approvalItems: 420,
  preconditions: 1254,
  standards: [3, 21, 32, 849],
  responsibilityPoints: 3169,
  riskPoints: { A: 158, B: 512, C: 381 } as Record<Grade, number>,
};

/** Share of posts whose holder changed during the past twelve months. */
const REASSIGNED_SHARE = 0.15;
/** Window posts staffed by two people at once. */
const CONCURRENT_POSTS = 10;
/** Share of risk points whose grade was changed after the initial assessment. */
const REGRADED_SHARE = 0.1;
/**
 * The risk register was set up over a month some fifteen months ago, so the demo has that long a history of
 * supervisors' checks (and a point never checked is due from then).
 */
const REGISTERED_DAYS_AGO = 450;
/** People who use the English interface. */
const ENGLISH_USERS = 6;
const CENTRE_LEADERS = 6;
const EXTRA_ADMINS = 2;
const ROOT_SUPERVISORS = 5;
/** Departments with a supervisor of their own (scope: that department). */
const DEPARTMENT_SUPERVISORS = ['GA', 'SCJG', 'BDC'];
/** Leader in charge (index into the centre leaders; 0 is the demo leader) of each hall and each office. */
const HALL_LEADER: Record<number, number> = { 1: 1, 2: 2, 3: 0, 4: 3, 5: 4, 6: 5 };
const OFFICE_LEADER = [1, 2, 4, 0];
/** The demo holder holds the first window of this department. */
const DEMO_HOLDER_DEPARTMENT = 'BDC';

const LICENCE = /许可|审批|核准|核发|认定|资质|审核|核定|核实|登记/;
const SUPERVISED = /许可|核发|资质|设立登记|经营/;
const ORGANISATION = /企业|公司|经营|机构|单位|项目|场所|学校|社会团体|合作社|律师事务所|典当|担保|许可/;
const PERSONAL =
  /身份证|户口|出生|死亡|护照|通行证|驾驶证|婚姻|养老金|失业|社会保障卡|医疗费用|生育|提取|残疾|教师资格|执业注册|优待证|公证|法律援助|最低生活|特困|学历|就业|退役|个人/;

export interface DemoAccount {
  email: string;
  role: Role;
  name: string;
}

export interface IdBases {
  units: number;
  people: number;
  posts: number;
  approvalItems: number;
  standards: number;
  riskPoints: number;
}

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: UnitLevel;
  kind: UnitKind;
  parentId: number | null;
  path: string;
  sortOrder: number;
}

export interface PersonRow {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  passwordHash: string;
  locale: Locale;
  roles: Role[];
  unitId: number;
}

export interface PostRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: PostKind;
  unitId: number;
  windowNo: string | null;
  responsibilityStandard: string;
  departmentHeadId: number;
  leaderInChargeId: number;
}

export interface AssignmentRow {
  postId: number;
  personId: number;
  fromDate: string;
  toDate: string | null;
}

export interface ApprovalItemRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  unitId: number;
  legalBasis: string;
  statutoryDays: number;
  promisedDays: number;
  stages: Stage[];
  serviceGuide: string;
}

export interface PreconditionRow {
  approvalItemId: number;
  position: number;
  text: string;
}

export interface ResponsibilityPointRow {
  code: string;
  approvalItemId: number;
  stage: Stage;
  postId: number;
  duty: string;
  triggers: AccountabilityTrigger[];
}

export interface RiskPointRow {
  id: number;
  code: string;
  approvalItemId: number;
  stage: Stage;
  postId: number;
  unitId: number;
  description: string;
  category: RiskCategory;
  grade: Grade;
  likelihood: number;
  impact: number;
  discretion: number;
  controlMeasures: string[];
  responsiblePersonId: number;
  accountableLeaderId: number;
  supervisionMethod: string;
  version: number;
  /** Registered with its initial grade; last changed at its latest grade change. */
  createdAt: Date;
  updatedAt: Date;
}

export interface RiskPointGradeRow {
  riskPointId: number;
  grade: Grade;
  previousGrade: Grade | null;
  likelihood: number;
  impact: number;
  discretion: number;
  reason: string;
  changedBy: number;
  confirmedBy: number;
  changedAt: Date;
}

export interface DemoCounts {
  units: number;
  departments: number;
  posts: number;
  windowPosts: number;
  officePosts: number;
  people: number;
  approvalItems: number;
  preconditions: number;
  standards: number[];
  responsibilityPoints: number;
  riskPoints: { A: number; B: number; C: number };
}

export interface DemoData {
  units: UnitRow[];
  people: PersonRow[];
  posts: PostRow[];
  assignments: AssignmentRow[];
  approvalItems: ApprovalItemRow[];
  preconditions: PreconditionRow[];
  standards: StandardRow[];
  responsibilityPoints: ResponsibilityPointRow[];
  riskPoints: RiskPointRow[];
  riskPointGrades: RiskPointGradeRow[];
  counts: DemoCounts;
}

interface Department {
  unit: UnitRow;
  spec: DepartmentSpec;
  district: DistrictSpec | null;
  /** Code part of its items: `GA`, `JYQ-SCJG`. */
  itemCode: string;
  windows: number;
  templates: ItemTemplate[];
  head: PersonRow | null;
  posts: WindowPost[];
}

interface WindowPost {
  row: PostRow;
  role: WindowRole;
}

interface Item {
  row: ApprovalItemRow;
  department: Department;
  licence: boolean;
  organisation: boolean;
  intake: WindowPost;
  review: WindowPost;
  issuance: WindowPost;
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`demo seed: missing ${what}`);
  return value;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`demo seed: ${message}`);
}

export function buildDemoData(input: {
  today: string;
  passwordHash: string;
  accounts: readonly DemoAccount[];
  bases: IdBases;
}): DemoData {
  const { today, passwordHash, accounts, bases } = input;
  dayNumber(today); // validates the date

  // ---------------------------------------------------------------- units
  const units: UnitRow[] = [];
  const childCount = new Map<number, number>();
  let unitId = bases.units;
  const addUnit = (
    parent: UnitRow | null,
    fields: { code: string; name: string; nameEn: string; level: UnitLevel; kind: UnitKind },
  ): UnitRow => {
    const id = ++unitId;
    const key = parent?.id ?? 0;
    const sortOrder = (childCount.get(key) ?? 0) + 1;
    childCount.set(key, sortOrder);
    const row: UnitRow = {
      id,
      ...fields,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      sortOrder,
    };
    units.push(row);
    return row;
  };

  const root = addUnit(null, {
    code: '510600',
    name: '市政务服务中心',
    nameEn: 'Municipal Government Service Centre',
    level: 'city',
    kind: 'centre',
  });
  const offices = CENTRE_OFFICES.map((office, i) =>
    addUnit(root, {
      code: `510600-O${i + 1}`,
      name: office.zh,
      nameEn: office.en,
      level: 'city',
      kind: 'section',
    }),
  );

  check(CITY_DEPARTMENTS.length === FIGURES.cityDepartments, 'city department count');
  const departments: Department[] = [];
  const cityByAbbr = new Map<string, DepartmentSpec>();
  for (const spec of CITY_DEPARTMENTS) {
    cityByAbbr.set(spec.abbr, spec);
    const unit = addUnit(root, {
      code: `510600-${spec.abbr}`,
      name: spec.zh,
      nameEn: spec.en,
      level: 'city',
      kind: 'department',
    });
    (spec.sections ?? []).forEach((section, i) => {
      const { zh, en } = pair(section);
      addUnit(unit, {
        code: `510600-${spec.abbr}-${i + 1}`,
        name: zh,
        nameEn: en,
        level: 'city',
        kind: 'section',
      });
    });
    departments.push({
      unit,
      spec,
      district: null,
      itemCode: spec.abbr,
      windows: spec.windows,
      templates: itemTemplates(spec),
      head: null,
      posts: [],
    });
  }

  const unitRandom = rng('units');
  const townStems = placeStems(unitRandom);
  check(DISTRICTS.reduce((sum, d) => sum + d.towns, 0) === FIGURES.towns, 'town count');
  const townWeights = Array.from({ length: FIGURES.towns }, () => 0.6 + unitRandom.next() * 0.8);
  const villagesPerTown = apportion(FIGURES.villages, townWeights);
  let townIndex = 0;
  for (const district of DISTRICTS) {
    const districtUnit = addUnit(root, {
      code: district.code,
      name: district.zh,
      nameEn: district.en,
      level: 'district',
      kind: 'government',
    });
    for (const abbr of district.departments) {
      const spec = must(cityByAbbr.get(abbr), `city department ${abbr}`);
      const unit = addUnit(districtUnit, {
        code: `${district.code}-${abbr}`,
        name: `${district.zh}${spec.zh}`,
        nameEn: `${district.en} ${spec.en}`,
        level: 'district',
        kind: 'department',
      });
      departments.push({
        unit,
        spec,
        district,
        itemCode: `${district.abbr}-${abbr}`,
        windows: DISTRICT_WINDOWS,
        templates: itemTemplates(spec),
        head: null,
        posts: [],
      });
    }
    const isUrban = district.zh.endsWith('区');
    for (let t = 0; t < district.towns; t++) {
      const stem = townStems();
      const roll = unitRandom.next();
      const [suffix, suffixEn] =
        roll < (isUrban ? 0.45 : 0.12)
          ? ['街道', 'Subdistrict']
          : roll < (isUrban ? 0.45 : 0.22)
            ? ['乡', 'Township']
            : ['镇', 'Town'];
      const townCode = `${district.code}${pad(t + 1, 3)}`;
      const town = addUnit(districtUnit, {
        code: townCode,
        name: `${stem.zh}${suffix}`,
        nameEn: `${stem.en} ${suffixEn}`,
        level: 'town',
        kind: 'government',
      });
      const villageStems = placeStems(unitRandom);
      const villages = must(villagesPerTown[townIndex++], 'village count');
      for (let v = 0; v < villages; v++) {
        const village = villageStems();
        const community = suffix === '街道' || unitRandom.chance(0.15);
        addUnit(town, {
          code: `${townCode}${pad(v + 1, 3)}`,
          name: `${village.zh}${community ? '社区' : '村'}`,
          nameEn: `${village.en} ${community ? 'Community' : 'Village'}`,
          level: 'village',
          kind: 'government',
        });
      }
    }
  }
  check(departments.length === FIGURES.cityDepartments + FIGURES.districtDepartments, 'department count');

  // ---------------------------------------------------------------- people who are not post holders
  const people: PersonRow[] = [];
  let personId = bases.people;
  const nextName = personNames(
    rng('people'),
    accounts.map((a) => a.name),
  );
  const addPerson = (roles: Role[], unit: UnitRow, account?: DemoAccount): PersonRow => {
    const id = ++personId;
    const ordinal = people.length + 1;
    let name: string;
    let nameEn: string;
    let email: string;
    if (account) {
      name = account.name;
      nameEn = romanise(account.name);
      email = account.email;
    } else {
      const generated = nextName();
      name = generated.name;
      nameEn = generated.nameEn;
      email = `${generated.slug}.${ordinal}@centre.example`;
    }
    const row: PersonRow = { id, name, nameEn, email, passwordHash, locale: 'zh-CN', roles, unitId: unit.id };
    people.push(row);
    return row;
  };
  const account = (role: Role): DemoAccount =>
    must(
      accounts.find((a) => a.role === role),
      `demo ${role} account`,
    );
  const demoDepartment = must(
    departments.find((d) => d.district === null && d.spec.abbr === DEMO_HOLDER_DEPARTMENT),
    'demo holder department',
  );

  addPerson(['admin'], root, account('admin'));
  const demoSupervisor = addPerson(['supervisor'], root, account('supervisor'));
  const leaders = [addPerson(['leader'], root, account('leader'))];
  const demoHolder = addPerson(['holder'], demoDepartment.unit, account('holder'));
  while (leaders.length < CENTRE_LEADERS) leaders.push(addPerson(['leader'], root));
  for (let i = 0; i < EXTRA_ADMINS; i++) addPerson(['admin'], root);
  const rootSupervisors = [demoSupervisor];
  while (rootSupervisors.length < ROOT_SUPERVISORS) rootSupervisors.push(addPerson(['supervisor'], root));
  const supervisors = [...rootSupervisors];
  for (const abbr of DEPARTMENT_SUPERVISORS) {
    const department = must(
      departments.find((d) => d.district === null && d.spec.abbr === abbr),
      `department ${abbr}`,
    );
    supervisors.push(addPerson(['supervisor'], department.unit));
  }
  const officeHeads = offices.map((office) => addPerson(['leader'], office));
  for (const department of departments) department.head = addPerson(['leader'], department.unit);

  // ---------------------------------------------------------------- posts
  const posts: PostRow[] = [];
  let postId = bases.posts;
  const hallCounters = new Map<number, number>();
  let windowSeq = 0;
  for (const department of departments) {
    const areas = department.spec.areas.map(pair);
    const leader = must(leaders[must(HALL_LEADER[department.spec.hall], 'hall leader')], 'leader');
    const prefixZh = department.district?.zh ?? '';
    const prefixEn = department.district ? `${department.district.en} ` : '';
    for (let k = 0; k < department.windows; k++) {
      // Two windows per line of business (intake, review), then issuance and general-service windows.
      let area: { zh: string; en: string };
      let role: (typeof WINDOW_ROLES)[number];
      if (department.windows === 1) {
        area = must(areas[0], 'area');
        role = must(WINDOW_ROLES[3], 'role');
      } else if (k < 2 * areas.length) {
        area = must(areas[Math.floor(k / 2) % areas.length], 'area');
        role = must(WINDOW_ROLES[k % 2], 'role');
      } else {
        const extra = k - 2 * areas.length;
        area = must(areas[extra % areas.length], 'area');
        role = must(WINDOW_ROLES[2 + Math.min(1, Math.floor(extra / areas.length))], 'role');
      }
      const hallNo = (hallCounters.get(department.spec.hall) ?? 0) + 1;
      hallCounters.set(department.spec.hall, hallNo);
      const englishArea = prefixEn ? area.en.charAt(0).toLowerCase() + area.en.slice(1) : area.en;
      const row: PostRow = {
        id: ++postId,
        code: `W-${pad(++windowSeq, 4)}`,
        name: `${prefixZh}${area.zh}${role.zh}窗口`,
        nameEn: `${prefixEn}${englishArea} ${role.en} window`,
        kind: 'window',
        unitId: department.unit.id,
        windowNo: `${department.spec.hall}${pad(hallNo, 2)}`,
        responsibilityStandard: WINDOW_STANDARDS[role.role].replace('{area}', area.zh),
        departmentHeadId: must(department.head, 'head').id,
        leaderInChargeId: leader.id,
      };
      posts.push(row);
      department.posts.push({ row, role: role.role });
    }
  }
  check(windowSeq === FIGURES.windowPosts, `window posts: ${windowSeq}, expected ${FIGURES.windowPosts}`);
  let officeSeq = 0;
  CENTRE_OFFICES.forEach((office, i) => {
    const unit = must(offices[i], 'office');
    const leader = must(leaders[must(OFFICE_LEADER[i], 'office leader')], 'leader');
    for (const post of office.posts) {
      posts.push({
        id: ++postId,
        code: `O-${pad(++officeSeq, 3)}`,
        name: `${office.zh}${post.zh}`,
        nameEn: `${office.en} ${post.en.charAt(0).toLowerCase()}${post.en.slice(1)}`,
        kind: 'office',
        unitId: unit.id,
        windowNo: null,
        responsibilityStandard: post.standard,
        departmentHeadId: must(officeHeads[i], 'office head').id,
        leaderInChargeId: leader.id,
      });
    }
  });
  check(officeSeq === FIGURES.officePosts, `office posts: ${officeSeq}, expected ${FIGURES.officePosts}`);

  // ---------------------------------------------------------------- holders and who held which post when
  const assignmentRandom = rng('assignments');
  const assignments: AssignmentRow[] = [];
  const currentHolder = new Map<number, number>();
  const demoPost = must(demoDepartment.posts[0], 'demo post').row;
  const others = posts.filter((p) => p !== demoPost);
  const holderSlots = FIGURES.people - people.length;
  const reassigned = new Set(assignmentRandom.sample(others, Math.round(posts.length * REASSIGNED_SHARE)));
  const concurrent = assignmentRandom.sample(
    others.filter((p) => p.kind === 'window' && !reassigned.has(p)),
    CONCURRENT_POSTS,
  );
  const olderCount = holderSlots - others.length - concurrent.length - reassigned.size;
  check(olderCount >= 0, `not enough people for the posts (${olderCount})`);
  const older = new Set(
    assignmentRandom.sample(
      others.filter((p) => !reassigned.has(p)),
      olderCount,
    ),
  );
  const unitOfPost = (post: PostRow) => must(units[post.unitId - bases.units - 1], 'post unit');
  const holders: PersonRow[] = [];
  const addHolder = (post: PostRow) => {
    const person = addPerson(['holder'], unitOfPost(post));
    holders.push(person);
    return person;
  };

  const currentFrom = new Map<number, string>();
  currentFrom.set(demoPost.id, addDays(today, -assignmentRandom.int(700, 1100)));
  currentHolder.set(demoPost.id, demoHolder.id);
  const history: AssignmentRow[] = [];
  for (const post of others) {
    const holder = addHolder(post);
    currentHolder.set(post.id, holder.id);
    if (!reassigned.has(post) && !older.has(post))
      currentFrom.set(post.id, addDays(today, -assignmentRandom.int(180, 2400)));
  }
  for (const post of concurrent) {
    assignments.push({
      postId: post.id,
      personId: addHolder(post).id,
      fromDate: addDays(today, -assignmentRandom.int(20, 700)),
      toDate: null,
    });
  }
  for (const post of others.filter((p) => reassigned.has(p))) {
    // handed over during the past twelve months
    const toDate = addDays(today, -assignmentRandom.int(10, 350));
    history.push({
      postId: post.id,
      personId: addHolder(post).id,
      fromDate: addDays(toDate, -assignmentRandom.int(300, 1500)),
      toDate,
    });
    currentFrom.set(post.id, addDays(toDate, 1));
  }
  for (const post of others.filter((p) => older.has(p))) {
    // handed over longer ago
    const toDate = addDays(today, -assignmentRandom.int(420, 1100));
    history.push({
      postId: post.id,
      personId: addHolder(post).id,
      fromDate: addDays(toDate, -assignmentRandom.int(300, 1200)),
      toDate,
    });
    currentFrom.set(post.id, addDays(toDate, 1));
  }
  for (const post of posts) {
    assignments.push({
      postId: post.id,
      personId: must(currentHolder.get(post.id), 'holder'),
      fromDate: must(currentFrom.get(post.id), 'from date'),
      toDate: null,
    });
  }
  assignments.push(...history);
  assignments.sort(
    (a, b) => a.postId - b.postId || a.fromDate.localeCompare(b.fromDate) || a.personId - b.personId,
  );
  for (const person of assignmentRandom.sample(holders, ENGLISH_USERS)) person.locale = 'en';
  check(people.length === FIGURES.people, `people: ${people.length}, expected ${FIGURES.people}`);

  // ---------------------------------------------------------------- approval items
  const itemRandom = rng('items');
  const cityItemCount = departments
    .filter((d) => d.district === null)
    .reduce((sum, d) => sum + d.templates.length, 0);
  const districtDepartments = departments.filter((d) => d.district !== null);
  const districtCaps = districtDepartments.map((d) => d.templates.length);
  const districtCounts = apportion(FIGURES.approvalItems - cityItemCount, districtCaps, districtCaps);
  districtDepartments.forEach((d, i) => {
    d.templates = d.templates.slice(0, districtCounts[i]);
  });

  const items: Item[] = [];
  let itemId = bases.approvalItems;
  for (const department of departments) {
    const hall = must(
      HALLS.find((h) => h.no === department.spec.hall),
      'hall',
    );
    const byRole = (role: WindowRole) => department.posts.filter((p) => p.role === role);
    const intakes = byRole('intake').length > 0 ? byRole('intake') : department.posts;
    const reviews = byRole('review').length > 0 ? byRole('review') : intakes;
    const issuers = byRole('issuance').length > 0 ? byRole('issuance') : intakes;
    const phone = `0838-${itemRandom.int(2_200_000, 2_299_999)}`;
    department.templates.forEach((template, i) => {
      const licence = LICENCE.test(template.zh) && template.promisedDays > 0;
      const organisation = ORGANISATION.test(template.zh);
      const stages: Stage[] = ['accept'];
      if (template.promisedDays === 0) {
        if (itemRandom.chance(0.4)) stages.push('review');
        stages.push('complete');
      } else {
        stages.push('review');
        if (licence || itemRandom.chance(0.5)) stages.push('decide');
        stages.push('complete');
        if (template.promisedDays >= 3 || itemRandom.chance(0.5)) stages.push('deliver');
        if (licence && SUPERVISED.test(template.zh) && itemRandom.chance(0.7))
          stages.push('post_supervision');
      }
      const intake = must(intakes[i % intakes.length], 'intake post');
      const legalBasis = `${template.law}第${chineseNumber(itemRandom.int(3, 68))}条`;
      const serviceGuide = [
        `办理对象：${organisation ? '法人和其他组织' : PERSONAL.test(template.zh) ? '自然人' : '自然人、法人和其他组织'}。`,
        `办理地点：市政务服务中心${hall.zh}${intake.row.windowNo}号窗口（${department.unit.name}）。`,
        `办理流程：${stages.map((s) => STAGE_ZH[s]).join('→')}。`,
        `法定时限：${template.statutoryDays}个工作日；承诺时限：${
          template.promisedDays === 0 ? '即办件，材料齐全当场办结' : `${template.promisedDays}个工作日`
        }。`,
        `设定依据：${legalBasis}。收费标准：不收费。咨询电话：${phone}。`,
      ].join('');
      items.push({
        row: {
          id: ++itemId,
          code: `SX-${department.itemCode}-${pad(i + 1, 3)}`,
          name: template.zh,
          nameEn: template.en,
          unitId: department.unit.id,
          legalBasis,
          statutoryDays: template.statutoryDays,
          promisedDays: template.promisedDays,
          stages,
          serviceGuide,
        },
        department,
        licence,
        organisation,
        intake,
        review: must(reviews[i % reviews.length], 'review post'),
        issuance: must(issuers[i % issuers.length], 'issuance post'),
      });
    });
  }
  check(items.length === FIGURES.approvalItems, `approval items: ${items.length}`);

  // ---------------------------------------------------------------- pre-approval conditions
  const conditionRandom = rng('preconditions');
  const MAX_CONDITIONS = 6;
  const conditionCounts = items.map(() => 1 + conditionRandom.weighted([10, 25, 35, 20, 10]));
  let conditionTotal = conditionCounts.reduce((sum, n) => sum + n, 0);
  while (conditionTotal !== FIGURES.preconditions) {
    const i = conditionRandom.int(0, items.length - 1);
    const n = must(conditionCounts[i], 'condition count');
    if (conditionTotal < FIGURES.preconditions && n < MAX_CONDITIONS) {
      conditionCounts[i] = n + 1;
      conditionTotal++;
    } else if (conditionTotal > FIGURES.preconditions && n > 1) {
      conditionCounts[i] = n - 1;
      conditionTotal--;
    }
  }
  const preconditions: PreconditionRow[] = [];
  items.forEach((item, i) => {
    const count = must(conditionCounts[i], 'condition count');
    const opening = item.organisation
      ? conditionRandom.pick([COMMON_CONDITIONS[1], COMMON_CONDITIONS[2], COMMON_CONDITIONS[3]])
      : conditionRandom.pick([COMMON_CONDITIONS[0], COMMON_CONDITIONS[1]]);
    const texts = [must(opening, 'condition')];
    for (const text of [
      ...conditionRandom.shuffle(item.department.spec.conditions),
      ...COMMON_CONDITIONS.slice(4),
    ]) {
      if (texts.length >= count) break;
      if (!texts.includes(text)) texts.push(text);
    }
    check(texts.length === count, `not enough conditions for ${item.row.code}`);
    texts.forEach((text, p) => {
      preconditions.push({ approvalItemId: item.row.id, position: p + 1, text });
    });
  });

  // ---------------------------------------------------------------- standards
  const seenItemNames = new Set<string>();
  const itemNames = items
    .filter((item) => item.department.district === null)
    .filter((item) => !seenItemNames.has(item.row.name) && seenItemNames.add(item.row.name))
    .map((item) => ({ zh: item.row.name, en: item.row.nameEn, licence: LICENCE.test(item.row.name) }));
  const standards = buildStandards(bases.standards + 1, itemNames);

  // ---------------------------------------------------------------- responsibility points
  const stagePost = (item: Item, stage: Stage): PostRow =>
    stage === 'accept'
      ? item.intake.row
      : stage === 'complete' || stage === 'deliver'
        ? item.issuance.row
        : item.review.row;
  const combos = items.flatMap((item) => item.row.stages.map((stage) => ({ item, stage })));
  const dutyRandom = rng('responsibility-points');
  const DUTY_WEIGHT: Record<Stage, number> = {
    accept: 3,
    review: 3,
    decide: 2.5,
    complete: 2,
    deliver: 1,
    post_supervision: 1.5,
  };
  const tickets = combos.flatMap((combo, index) =>
    Array.from({ length: DUTIES[combo.stage].length - 1 }, () => ({
      index,
      weight: DUTY_WEIGHT[combo.stage],
    })),
  );
  check(combos.length <= FIGURES.responsibilityPoints, `too many item stages (${combos.length})`);
  const dutyCounts = combos.map(() => 1);
  for (const t of weightedSample(
    dutyRandom,
    tickets.map((t) => t.weight),
    FIGURES.responsibilityPoints - combos.length,
  )) {
    const index = must(tickets[t], 'ticket').index;
    dutyCounts[index] = must(dutyCounts[index], 'duty count') + 1;
  }
  const responsibilityPoints: ResponsibilityPointRow[] = [];
  combos.forEach(({ item, stage }, index) => {
    const duties = DUTIES[stage];
    const chosen = dutyRandom
      .sample(
        duties.map((_d, i) => i),
        must(dutyCounts[index], 'duty count'),
      )
      .sort((a, b) => a - b);
    for (const d of chosen) {
      const triggerCount = Math.min(TRIGGERS[stage].length, 1 + dutyRandom.weighted([30, 45, 25]));
      responsibilityPoints.push({
        code: `ZR-${pad(responsibilityPoints.length + 1, 5)}`,
        approvalItemId: item.row.id,
        stage,
        postId: stagePost(item, stage).id,
        duty: must(duties[d], 'duty').replaceAll('{item}', item.row.name),
        triggers: dutyRandom.sample(TRIGGERS[stage], triggerCount),
      });
    }
  });

  // ---------------------------------------------------------------- risk control points
  const riskRandom = rng('risk-points');
  const RISK_WEIGHT: Record<Stage, number> = {
    accept: 2.5,
    review: 3,
    decide: 3,
    complete: 1.5,
    deliver: 1,
    post_supervision: 2,
  };
  const RISK_SCORE: Record<Stage, number> = {
    accept: 0.5,
    review: 0.8,
    decide: 1,
    complete: 0.3,
    deliver: 0.2,
    post_supervision: 0.6,
  };
  const riskTotal = FIGURES.riskPoints.A + FIGURES.riskPoints.B + FIGURES.riskPoints.C;
  const chosen = new Set<number>();
  // every item has at least one risk point, then the rest fall where risk is likelier
  let comboStart = 0;
  for (const item of items) {
    const stageWeights = item.row.stages.map((s) => RISK_WEIGHT[s]);
    chosen.add(comboStart + riskRandom.weighted(stageWeights));
    comboStart += item.row.stages.length;
  }
  const open = combos.map((_c, i) => i).filter((i) => !chosen.has(i));
  for (const pick of weightedSample(
    riskRandom,
    open.map((i) => RISK_WEIGHT[must(combos[i], 'combo').stage]),
    riskTotal - chosen.size,
  )) {
    chosen.add(must(open[pick], 'open combo'));
  }
  const riskCombos = [...chosen].sort((a, b) => a - b).map((i) => must(combos[i], 'combo'));
  const scores = riskCombos.map(
    ({ item, stage }) =>
      RISK_SCORE[stage] +
      (item.licence ? 0.35 : 0) +
      (item.row.statutoryDays >= 30 ? 0.15 : 0) +
      riskRandom.next() * 1.1,
  );
  const gradeOf = new Map<number, Grade>();
  scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .forEach(({ index }, rank) => {
      gradeOf.set(
        index,
        rank < FIGURES.riskPoints.A ? 'A' : rank < FIGURES.riskPoints.A + FIGURES.riskPoints.B ? 'B' : 'C',
      );
    });
  const regraded = new Set(
    riskRandom.sample(
      riskCombos.map((_c, i) => i),
      Math.round(riskTotal * REGRADED_SHARE),
    ),
  );
  const riskPoints: RiskPointRow[] = [];
  const riskPointGrades: RiskPointGradeRow[] = [];
  let riskId = bases.riskPoints;
  const moment = (daysAgo: number) =>
    shanghaiTime(addDays(today, -daysAgo), riskRandom.int(9, 16), riskRandom.int(0, 59));
  const confirmer = (changedBy: PersonRow) =>
    riskRandom.pick(rootSupervisors.filter((s) => s.id !== changedBy.id));
  riskCombos.forEach(({ item, stage }, index) => {
    const grade = must(gradeOf.get(index), 'grade');
    const template = riskRandom.pick(RISKS[stage]);
    const [likelihood, impact, discretion] = riskRandom.pick(GRADE_INPUTS[grade]);
    const post = stagePost(item, stage);
    const id = ++riskId;
    const isRegraded = regraded.has(index);
    // drawn in the order they always were, before its grade history, so the register stays the same
    const point = {
      id,
      code: `FX-${pad(index + 1, 4)}`,
      approvalItemId: item.row.id,
      stage,
      postId: post.id,
      unitId: post.unitId,
      description: `在“${item.row.name}”${STAGE_ZH[stage]}环节，${template.text}。`,
      category: template.category,
      grade,
      likelihood,
      impact,
      discretion,
      controlMeasures: riskRandom.sample(CONTROL_MEASURES[template.category], riskRandom.int(2, 4)),
      responsiblePersonId: must(currentHolder.get(post.id), 'responsible person'),
      accountableLeaderId: post.leaderInChargeId,
      supervisionMethod: riskRandom.pick(SUPERVISION[grade]) + SUPERVISION_SUFFIX,
      version: isRegraded ? 2 : 1,
    };
    const initialGrade: Grade = !isRegraded
      ? grade
      : grade === 'B'
        ? riskRandom.pick<Grade>(['A', 'C'])
        : 'B';
    const initialInputs = isRegraded
      ? riskRandom.pick(GRADE_INPUTS[initialGrade])
      : [likelihood, impact, discretion];
    const assessor = riskRandom.pick(supervisors);
    const initial: RiskPointGradeRow = {
      riskPointId: id,
      grade: initialGrade,
      previousGrade: null,
      likelihood: must(initialInputs[0], 'likelihood'),
      impact: must(initialInputs[1], 'impact'),
      discretion: must(initialInputs[2], 'discretion'),
      reason: INITIAL_GRADE_REASON,
      changedBy: assessor.id,
      confirmedBy: confirmer(assessor).id,
      changedAt: moment(REGISTERED_DAYS_AGO - riskRandom.int(0, 30)),
    };
    riskPointGrades.push(initial);
    let updatedAt = initial.changedAt;
    if (isRegraded) {
      const raised = initialGrade > grade; // 'A' < 'B' < 'C'
      const changer = riskRandom.pick(supervisors);
      const change: RiskPointGradeRow = {
        riskPointId: id,
        grade,
        previousGrade: initialGrade,
        likelihood,
        impact,
        discretion,
        reason: riskRandom.pick(raised ? GRADE_RAISED : GRADE_LOWERED),
        changedBy: changer.id,
        confirmedBy: confirmer(changer).id,
        changedAt: moment(riskRandom.int(5, 300)),
      };
      riskPointGrades.push(change);
      updatedAt = change.changedAt;
    }
    riskPoints.push({ ...point, createdAt: initial.changedAt, updatedAt });
  });

  // ---------------------------------------------------------------- figures actually produced
  const standardLevels = [1, 2, 3, 4].map((level) => standards.filter((s) => s.level === level).length);
  const counts: DemoCounts = {
    units: units.length,
    departments: units.filter((u) => u.kind === 'department').length,
    posts: posts.length,
    windowPosts: posts.filter((p) => p.kind === 'window').length,
    officePosts: posts.filter((p) => p.kind === 'office').length,
    people: people.length,
    approvalItems: items.length,
    preconditions: preconditions.length,
    standards: standardLevels,
    responsibilityPoints: responsibilityPoints.length,
    riskPoints: {
      A: riskPoints.filter((r) => r.grade === 'A').length,
      B: riskPoints.filter((r) => r.grade === 'B').length,
      C: riskPoints.filter((r) => r.grade === 'C').length,
    },
  };
  check(
    JSON.stringify(standardLevels) === JSON.stringify(FIGURES.standards),
    `standards by level: ${standardLevels.join('/')}`,
  );
  check(counts.responsibilityPoints === FIGURES.responsibilityPoints, 'responsibility point count');
  check(counts.preconditions === FIGURES.preconditions, 'precondition count');

  return {
    units,
    people,
    posts,
    assignments,
    approvalItems: items.map((i) => i.row),
    preconditions,
    standards,
    responsibilityPoints,
    riskPoints,
    riskPointGrades,
    counts,
  };
}
