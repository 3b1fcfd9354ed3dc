import { nodeHasher } from '../audit/node-hasher.ts';
import { type InsertObject, type Kysely, sql, type Transaction } from 'kysely';
import { type AuditEntry, auditedWrite } from '../audit/write.ts';
import { deadlineOf, isWorkingDay } from '../calendar/calendar.ts';
import { jsonb } from '../db/database.ts';
import type { DB, FormSource, FormStatus, Grade, MeasureKind, Stage } from '../db/types.ts';
import {
  ACCOUNTABILITY_NOTES,
  CANCEL_REASONS,
  COMMENTS,
  type CauseCategory,
  FAILED_VERIFICATION_NOTES,
  OFFICE_PROBLEMS,
  OFFICE_SOURCE_PREFIX,
  OFFICE_THEME,
  REOPEN_REASONS,
  SEND_BACK_REASONS,
  THEMES,
  type Theme,
  VERIFICATION_NOTES,
} from './form-texts.ts';
import { DEFAULT_SETTINGS } from '../settings/schema.ts';
import { insertAll } from './demo.ts';
import { addDays, dayNumber, pad, type Rng, rng, shanghaiTime } from './random.ts';
import { STAGE_ZH } from './texts.ts';

/**
 * Demo improvement forms (持续改进记录表): a year of them on top of the demo catalogue, with their measures,
 * comments and the audit history the API would have written, all in one audited transaction. Deterministic:
 * the same catalogue and `today` give the same forms. Each form is planned as a life (filed, worked on,
 * submitted, verified, closed — or cancelled, sent back, reopened, stuck) in working days from its filing,
 * and only the part of that life up to `today` happens.
 */

export const DEMO_FORM_NUMBER_PREFIX = 'GZ';

export interface FormSeedCounts {
  forms: number;
  byStatus: Record<string, number>;
  measures: number;
  comments: number;
  events: number;
}

const FORM_COUNT = 2400;
/** The demo runs on the default settings: deadline days per grade and the warning-card rule. */
const GRADE_DAYS: Record<Grade, number> = DEFAULT_SETTINGS.deadlineDays;
const CARD_RULE = DEFAULT_SETTINGS;
const DEMO_HOLDER_EMAIL = 'holder@centre.example';

const SOURCES: FormSource[] = [
  'self_inspection',
  'spot_check',
  'complaint',
  'service_rating',
  'e_supervision',
  'assessment',
];
const SOURCE_WEIGHTS = [35, 20, 15, 15, 10, 5];
const OFFICE_SOURCES: FormSource[] = ['self_inspection', 'spot_check', 'assessment'];
const SUPERVISOR_SOURCES = new Set<FormSource>(['spot_check', 'e_supervision', 'assessment']);
const GRADES: Grade[] = ['A', 'B', 'C'];
/** How forms' lives go (shares of forms); the status mix by age and the warning cards follow from these. */
const LIFE = {
  /** Drafts, among the forms of the last `draftWithinDays` working days. */
  draft: 0.1,
  draftWithinDays: 10,
  cancelled: 0.06,
  /** Closed after the deadline. */
  late: 0.09,
  /** Stuck short of closing: `stuckOld` of any age, plus up to `stuckYoung` more the more recent they are. */
  stuckOld: 0.05,
  stuckYoung: 0.12,
  /** Sent back once from verifying. */
  sentBack: 0.07,
  /** Reopened once after closing (and closed again). */
  reopened: 0.04,
};

/** Minutes of a working day on the event timeline: 08:30 to 18:30. */
const DAY_MINUTES = 600;
const DAY_START = 8 * 60 + 30;

type VerificationMethod = 'on_site' | 'file_review' | 'phone' | 'data_check';
type Outcome = 'none' | 'reminder_talk' | 'criticism' | 'performance_deduction';
const OUTCOMES: Outcome[] = ['none', 'reminder_talk', 'criticism', 'performance_deduction'];

interface Person {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  roles: string[];
  unitId: number;
}
interface Ref {
  id: number;
  name: string;
  nameEn: string;
}
interface Post {
  id: number;
  name: string;
  kind: 'window' | 'office';
  unitId: number;
  windowNo: string | null;
  departmentHeadId: number | null;
  leaderInChargeId: number | null;
}
interface Assignment {
  id: number;
  postId: number;
  personId: number;
  fromDate: string;
  toDate: string | null;
}
interface Item {
  id: number;
  name: string;
  unitId: number;
  stages: Stage[];
}
interface Point {
  id: number;
  postId: number;
  approvalItemId: number;
  stage: Stage;
}
interface RiskPoint extends Point {
  grade: Grade;
}

interface Links {
  item: Item | null;
  stage: Stage | null;
  riskPointId: number | null;
  responsibilityPointId: number | null;
  grade: Grade;
}

type Op = 'start' | 'progress' | 'submit' | 'fail' | 'close' | 'cancel' | 'reopen';
/** One step of a form's life, `at` working days after filing. */
export interface Step {
  op: Op;
  at: number;
}
type Plan = { draft: true } | { draft: false; steps: Step[] };

interface Measure {
  id: number;
  kind: MeasureKind;
  text: string;
  ownerId: number;
  dueOn: string;
  doneOn: string | null;
}

/** The demo holder's forms: a few of each kind, so signing in as them shows a realistic desk. */
interface DemoSpec {
  /** Working days between filing and today, given the grade's working days. */
  age: (days: number) => number;
  source: FormSource;
  plan: (days: number) => Plan;
}
const DEMO_HOLDER_FORMS: DemoSpec[] = [
  {
    age: () => 110,
    source: 'self_inspection',
    plan: (d) => ({
      draft: false,
      steps: [
        { op: 'start', at: 1 },
        { op: 'progress', at: 3 },
        { op: 'submit', at: d - 2 },
        { op: 'close', at: d - 1 },
      ],
    }),
  },
  {
    age: () => 62,
    source: 'complaint',
    plan: (d) => ({
      draft: false,
      steps: [
        { op: 'start', at: 2 },
        { op: 'submit', at: d + 2 },
        { op: 'close', at: d + 4 },
      ],
    }),
  },
  {
    age: () => 150,
    source: 'spot_check',
    plan: (d) => ({
      draft: false,
      steps: [
        { op: 'start', at: 1 },
        { op: 'submit', at: d - 3 },
        { op: 'close', at: d - 2 },
        { op: 'reopen', at: d + 20 },
        { op: 'submit', at: d + 25 },
        { op: 'close', at: d + 27 },
      ],
    }),
  },
  {
    age: () => 30,
    source: 'service_rating',
    plan: () => ({ draft: false, steps: [{ op: 'cancel', at: 2 }] }),
  },
  {
    age: (d) => d - 3,
    source: 'self_inspection',
    plan: (d) => ({
      draft: false,
      steps: [
        { op: 'start', at: 1 },
        { op: 'submit', at: d - 4 },
      ],
    }),
  },
  {
    age: (d) => d - 1,
    source: 'e_supervision',
    plan: () => ({ draft: false, steps: [{ op: 'start', at: 2 }] }),
  },
  {
    age: (d) => d + 4,
    source: 'spot_check',
    plan: () => ({
      draft: false,
      steps: [
        { op: 'start', at: 2 },
        { op: 'progress', at: 4 },
      ],
    }),
  },
  { age: () => 1, source: 'self_inspection', plan: () => ({ draft: false, steps: [] }) },
  { age: () => 0, source: 'self_inspection', plan: () => ({ draft: true }) },
];

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`form seed: missing ${what}`);
  return value;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

async function loadCatalogue(tx: Transaction<DB>) {
  const units = await tx.selectFrom('units').select(['id', 'path']).execute();
  const people = await tx
    .selectFrom('people')
    .select(['id', 'name', 'nameEn', 'email', 'roles', 'unitId'])
    .where('active', '=', true)
    .execute();
  const posts = await tx
    .selectFrom('posts')
    .select(['id', 'name', 'kind', 'unitId', 'windowNo', 'departmentHeadId', 'leaderInChargeId'])
    .orderBy('id')
    .execute();
  const assignments = await tx
    .selectFrom('assignments')
    .select(['id', 'postId', 'personId', 'fromDate', 'toDate'])
    .orderBy('postId')
    .orderBy('fromDate')
    .orderBy('id')
    .execute();
  const items = await tx
    .selectFrom('approvalItems')
    .select(['id', 'name', 'unitId', 'stages'])
    .orderBy('id')
    .execute();
  const riskPoints = await tx
    .selectFrom('riskPoints')
    .select(['id', 'postId', 'approvalItemId', 'stage', 'grade'])
    .orderBy('id')
    .execute();
  const responsibilityPoints = await tx
    .selectFrom('responsibilityPoints')
    .select(['id', 'postId', 'approvalItemId', 'stage', 'triggers'])
    .orderBy('id')
    .execute();
  const standards = await tx
    .selectFrom('standards')
    .select(['id', 'title'])
    .where('level', '=', 4)
    .orderBy('id')
    .execute();
  return { units, people, posts, assignments, items, riskPoints, responsibilityPoints, standards };
}

/**
 * Adds a year of improvement forms to a database holding the demo catalogue (seedDemo first). `today` is
 * `YYYY-MM-DD` (Asia/Shanghai): forms are filed on the working days of the twelve months before it.
 */
export async function seedDemoForms(db: Kysely<DB>, options: { today: string }): Promise<FormSeedCounts> {
  const { today } = options;
  dayNumber(today); // validates the date
  return auditedWrite(db, { actorId: null, hasher: nodeHasher }, async (tx, audit) => {
    const existing = await tx.selectFrom('forms').select('id').limit(1).executeTakeFirst();
    if (existing) throw new Error('seedDemoForms: the database already has forms; seed them once');
    const catalogue = await loadCatalogue(tx);
    if (catalogue.posts.length === 0) throw new Error('seedDemoForms: no posts; run seedDemo first');
    const built = buildForms(catalogue, today);

    await insertAll(tx, 'forms', built.forms);
    await insertAll(tx, 'formMeasures', built.measures);
    await insertAll(tx, 'formComments', built.comments);
    for (const [year, last] of built.lastNumbers) {
      await tx
        .insertInto('formNumbers')
        .values({ year, last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last }))
        .execute();
    }
    for (const table of ['forms', 'form_measures', 'form_comments']) {
      await sql
        .raw(`select setval(pg_get_serial_sequence('${table}', 'id'), max(id)) from ${table}`)
        .execute(tx);
    }
    await audit(built.events);
    return built.counts;
  });
}

type Catalogue = Awaited<ReturnType<typeof loadCatalogue>>;

function buildForms(catalogue: Catalogue, today: string) {
  const r = rng('forms');

  // ------------------------------------------------------------ the catalogue, indexed
  const unitPath = new Map(catalogue.units.map((u) => [u.id, u.path]));
  const people = new Map<number, Person>(catalogue.people.map((p) => [p.id, p]));
  const person = (id: number) => must(people.get(id), `person ${id}`);
  const ref = (id: number): Ref => {
    const p = person(id);
    return { id: p.id, name: p.name, nameEn: p.nameEn };
  };
  const posts = catalogue.posts as Post[];
  const assignmentsByPost = groupBy(catalogue.assignments as Assignment[], (a) => a.postId);
  const holdersOn = (postId: number, date: string) =>
    (assignmentsByPost.get(postId) ?? []).filter(
      (a) => a.fromDate <= date && (a.toDate === null || a.toDate >= date),
    );
  const items = new Map<number, Item>(catalogue.items.map((i) => [i.id, i]));
  const itemsByUnit = groupBy(catalogue.items, (i) => i.unitId);
  const risksByPost = groupBy(catalogue.riskPoints as RiskPoint[], (p) => p.postId);
  const dutiesByPost = groupBy(catalogue.responsibilityPoints as Point[], (p) => p.postId);
  const dutyTriggers = new Map(
    catalogue.responsibilityPoints.map((p) => [p.id, p.triggers as { situation: string; basis: string }[]]),
  );
  const itemStandard = new Map<string, number>();
  for (const s of catalogue.standards) {
    const match = /^(.*)(办理规范|服务规范)$/.exec(s.title);
    if (match?.[1]) itemStandard.set(match[1], s.id);
  }
  const standardsBySubject = (subject: string) =>
    catalogue.standards.filter((s) => s.title.startsWith(subject)).map((s) => s.id);
  const subjectStandards = new Map<string, number[]>();
  for (const theme of [...Object.values(THEMES), OFFICE_THEME]) {
    for (const subject of theme.standards) subjectStandards.set(subject, standardsBySubject(subject));
  }
  const supervisors = catalogue.people.filter((p) => p.roles.includes('supervisor'));
  const windowPostsByUnit = groupBy(
    posts.filter((p) => p.kind === 'window'),
    (p) => p.unitId,
  );
  const demoHolder = must(
    catalogue.people.find((p) => p.email === DEMO_HOLDER_EMAIL),
    'demo holder',
  );
  const demoPostId = must(
    catalogue.assignments.find((a) => a.personId === demoHolder.id && a.toDate === null),
    'demo holder post',
  ).postId;

  // ------------------------------------------------------------ working days and the event timeline
  const days: string[] = [];
  for (let d = addDays(today, -420); d <= addDays(today, 240); d = addDays(d, 1)) {
    if (isWorkingDay(d)) days.push(d);
  }
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  let todayIdx = 0;
  while ((days[todayIdx + 1] ?? '9999') <= today) todayIdx++;
  const todayIsWorking = days[todayIdx] === today;
  const firstFiledIdx = days.findIndex((d) => d > addDays(today, -365));
  const day = (idx: number) => must(days[idx], `working day ${idx}`);
  /** Events happen on a timeline of working minutes; on today only in the morning, before the seed runs. */
  const onToday = (idx: number) => todayIsWorking && idx === todayIdx;
  const timeOf = (v: number): Date => {
    const minute = DAY_START + (v % DAY_MINUTES);
    return shanghaiTime(day(Math.floor(v / DAY_MINUTES)), Math.floor(minute / 60), minute % 60);
  };
  const deadlines = new Map<string, { deadline: string; yellowOn: string }>();
  const deadlineFor = (filedOn: string, workDays: number) => {
    const key = `${filedOn}/${workDays}`;
    let found = deadlines.get(key);
    if (!found) {
      found = deadlineOf(filedOn, workDays, CARD_RULE);
      deadlines.set(key, found);
    }
    return found;
  };
  const nowV = todayIdx * DAY_MINUTES + (todayIsWorking ? 90 : DAY_MINUTES - 1);
  const stampAfter = (last: number, idx: number): number => {
    const dayStart = idx * DAY_MINUTES;
    let v: number;
    if (dayStart > last) v = dayStart + (onToday(idx) ? r.int(0, 60) : r.int(0, 540));
    else v = Math.min(last + (onToday(idx) ? r.int(1, 4) : r.int(3, 60)), dayStart + DAY_MINUTES - 1);
    return v > last ? v : last + 1;
  };

  // ------------------------------------------------------------ who
  const unitOf = (post: Post) => must(unitPath.get(post.unitId), `unit ${post.unitId}`);
  const supervisorFor = (post: Post, exclude: readonly number[]): Person => {
    const path = unitOf(post);
    const covering = supervisors.filter(
      (s) => path.startsWith(unitPath.get(s.unitId) ?? '-') && !exclude.includes(s.id),
    );
    // a department's own supervisor, when it has one, does most of its checks
    const local = covering.filter((s) => (unitPath.get(s.unitId) ?? '').split('/').length > 3);
    return r.pick(local.length > 0 && r.chance(0.6) ? local : covering);
  };
  const clerkFor = (post: Post, date: string, holderIds: readonly number[]): number | null => {
    const clerks = (windowPostsByUnit.get(post.unitId) ?? [])
      .flatMap((p) => holdersOn(p.id, date))
      .map((a) => a.personId)
      .filter((id) => !holderIds.includes(id));
    return clerks.length > 0 ? r.pick(clerks) : null;
  };

  // ------------------------------------------------------------ where
  const postWeights = posts.map((p) =>
    p.id === demoPostId
      ? 0
      : p.kind === 'office'
        ? 0.3
        : 0.4 + r.next() * 1.4 + (/受理/.test(p.name) ? 0.3 : 0),
  );
  const linksFor = (post: Post): Links => {
    let item: Item | null = null;
    let stage: Stage | null = null;
    let riskPointId: number | null = null;
    let responsibilityPointId: number | null = null;
    let grade: Grade | null = null;
    const risks = risksByPost.get(post.id) ?? [];
    if (risks.length > 0 && r.chance(0.6)) {
      const risk = r.pick(risks);
      riskPointId = risk.id;
      item = must(items.get(risk.approvalItemId), 'risk item');
      stage = risk.stage;
      grade = risk.grade;
    }
    const duties = dutiesByPost.get(post.id) ?? [];
    if (r.chance(0.4)) {
      const fitting = item
        ? duties.filter((d) => d.approvalItemId === item?.id && d.stage === stage)
        : duties;
      if (fitting.length > 0) {
        const duty = r.pick(fitting);
        responsibilityPointId = duty.id;
        item = must(items.get(duty.approvalItemId), 'duty item');
        stage = duty.stage;
      }
    }
    if (!item && post.kind === 'window') {
      if (duties.length > 0 && r.chance(0.85)) {
        const duty = r.pick(duties);
        item = must(items.get(duty.approvalItemId), 'duty item');
        stage = duty.stage;
      } else {
        const unitItems = itemsByUnit.get(post.unitId) ?? [];
        if (unitItems.length > 0 && r.chance(0.5)) {
          item = r.pick(unitItems);
          stage = r.pick(item.stages);
        }
      }
    }
    return {
      item,
      stage,
      riskPointId,
      responsibilityPointId,
      grade: grade ?? must(GRADES[r.weighted([15, 45, 40])], 'grade'),
    };
  };

  // ------------------------------------------------------------ what
  const render = (text: string, post: Post, links: Links): string => {
    const out = text
      .replaceAll('{item}', links.item?.name ?? '')
      .replaceAll('{stage}', links.stage ? STAGE_ZH[links.stage] : '')
      .replaceAll('{window}', post.windowNo ?? '')
      .replace(/\{n\}/g, () => String(r.int(2, 5)))
      .replace(/\{d\}/g, () => String(r.int(1, 6)))
      .replace(/\{m\}/g, () => String(r.int(15, 50)));
    if (/[{}]/.test(out) || out.includes('“”')) throw new Error(`form seed: unfilled text: ${text}`);
    return out;
  };
  const windowThemes = Object.values(THEMES).filter((t) => t.stages === 'window');
  const themeFor = (post: Post, source: FormSource, stage: Stage | null): Theme => {
    const fits = (t: Theme) => (t.problems[source]?.length ?? 0) > 0;
    const staged = stage
      ? Object.values(THEMES).filter((t) => t.stages !== 'window' && t.stages.includes(stage) && fits(t))
      : [];
    const generic = post.windowNo ? windowThemes.filter(fits) : [];
    const pool = [
      ...staged.map((t) => ({ t, w: t.weight })),
      ...generic.map((t) => ({ t, w: t.weight * 0.3 })),
    ];
    if (pool.length === 0) throw new Error(`form seed: no theme for ${source} at ${stage}`);
    return must(pool[r.weighted(pool.map((p) => p.w))], 'theme').t;
  };

  // ------------------------------------------------------------ 1. the forms' skeletons, in any order
  interface Skeleton {
    post: Post;
    source: FormSource;
    links: Links;
    theme: Theme;
    problem: string;
    filedIdx: number;
    filedV: number;
    foundOn: string;
    occurredOn: string;
    holders: Assignment[];
    standardId: number | null;
    plan: Plan | null;
  }
  const skeleton = (
    post: Post,
    filedIdx: number,
    forced?: { source: FormSource; links: Links; plan: Plan },
  ) => {
    const filedOn = day(filedIdx);
    // found on the day of filing or a working day or two before; happened on a working day up to ten days earlier
    const foundBack = addDays(filedOn, -r.weighted([60, 25, 15]));
    const foundOn = isWorkingDay(foundBack) ? foundBack : filedOn;
    const tenDaysBefore = addDays(foundOn, -10);
    const earlier: string[] = [];
    for (let i = must(dayIndex.get(foundOn), 'found on'); (days[i] ?? '') >= tenDaysBefore; i--)
      earlier.push(day(i));
    const occurredOn = must(earlier[r.weighted(earlier.map((_, k) => 1 / (1 + k)))], 'occurred on');
    const holders = holdersOn(post.id, occurredOn);
    if (holders.length === 0) return null;
    const source =
      forced?.source ??
      (post.kind === 'office'
        ? must(OFFICE_SOURCES[r.weighted([50, 30, 20])], 'source')
        : must(SOURCES[r.weighted(SOURCE_WEIGHTS)], 'source'));
    const links = forced?.links ?? linksFor(post);
    let theme: Theme;
    let problem: string;
    if (post.kind === 'office') {
      theme = OFFICE_THEME;
      const key = must(
        Object.keys(OFFICE_PROBLEMS).find((k) => post.name.endsWith(k)),
        `office problems for ${post.name}`,
      );
      problem = `${OFFICE_SOURCE_PREFIX[source] ?? ''}${render(r.pick(must(OFFICE_PROBLEMS[key], key)), post, links)}`;
    } else {
      theme = themeFor(post, source, links.stage);
      problem = render(r.pick(must(theme.problems[source], 'problems')), post, links);
    }
    let standardId: number | null = null;
    if (r.chance(0.3)) {
      const own = links.item ? itemStandard.get(links.item.name) : undefined;
      const related = theme.standards.flatMap((s) => subjectStandards.get(s) ?? []);
      if (own !== undefined && (related.length === 0 || r.chance(0.5))) standardId = own;
      else if (related.length > 0) standardId = r.pick(related);
    }
    const filedV = filedIdx * DAY_MINUTES + (onToday(filedIdx) ? r.int(0, 45) : r.int(0, 510));
    const result: Skeleton = {
      post,
      source,
      links,
      theme,
      problem,
      filedIdx,
      filedV,
      foundOn,
      occurredOn,
      holders,
      standardId,
      plan: forced?.plan ?? null,
    };
    return result;
  };

  const skeletons: Skeleton[] = [];
  const demoPost = must(
    posts.find((p) => p.id === demoPostId),
    'demo post',
  );
  for (const spec of DEMO_HOLDER_FORMS) {
    const links = linksFor(demoPost);
    const d = GRADE_DAYS[links.grade];
    const built = skeleton(demoPost, todayIdx - Math.max(0, spec.age(d)), {
      source: spec.source,
      links,
      plan: spec.plan(d),
    });
    skeletons.push(must(built, 'demo holder form'));
  }
  while (skeletons.length < FORM_COUNT) {
    const filedIdx = r.int(firstFiledIdx, todayIdx);
    const post = must(posts[r.weighted(postWeights)], 'post');
    const built = skeleton(post, filedIdx);
    if (built) skeletons.push(built);
  }
  const ordered = skeletons
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.filedV - b.s.filedV || a.i - b.i)
    .map((e) => e.s);

  // ------------------------------------------------------------ 2. numbers, lives, rows and history
  const forms: InsertObject<DB, 'forms'>[] = [];
  const measureRows: InsertObject<DB, 'formMeasures'>[] = [];
  const commentRows: InsertObject<DB, 'formComments'>[] = [];
  const events: { v: number; entry: AuditEntry }[] = [];
  const byStatus: Record<string, number> = {};
  const lastNumbers = new Map<number, number>();
  let measureId = 0;
  let lastCommentId = 0;

  ordered.forEach((s, index) => {
    const id = index + 1;
    const filedOn = day(s.filedIdx);
    const year = Number(filedOn.slice(0, 4));
    const seq = (lastNumbers.get(year) ?? 0) + 1;
    lastNumbers.set(year, seq);
    const number = `${DEMO_FORM_NUMBER_PREFIX}-${year}-${pad(seq, 6)}`;
    const workDays = GRADE_DAYS[s.links.grade];
    const { deadline, yellowOn } = deadlineFor(filedOn, workDays);
    const deadlineIdx = must(dayIndex.get(deadline), 'deadline index');
    const holderIds = s.holders.map((h) => h.personId);
    const post = s.post;
    const headId = post.departmentHeadId;
    const responsible = {
      holders: s.holders.map((h) => ({
        personId: h.personId,
        name: person(h.personId).name,
        nameEn: person(h.personId).nameEn,
        fromDate: h.fromDate,
        toDate: h.toDate,
      })),
      departmentHead: headId ? ref(headId) : null,
      leaderInCharge: post.leaderInChargeId ? ref(post.leaderInChargeId) : null,
    };
    const filedBy =
      s.post.id === demoPostId && s.source === 'self_inspection'
        ? demoHolder.id
        : s.source === 'self_inspection'
          ? r.pick(holderIds)
          : SUPERVISOR_SOURCES.has(s.source)
            ? supervisorFor(post, holderIds).id
            : (clerkFor(post, filedOn, holderIds) ?? r.pick(holderIds));
    /** Who works the form on a day: whoever holds the post then, else the traced holder. */
    const worker = (idx: number) => holdersOn(post.id, day(idx))[0]?.personId ?? must(holderIds[0], 'holder');
    const verifier = supervisorFor(post, holderIds);

    const plan = s.plan ?? planLife(r, s.filedIdx, todayIdx, workDays, stuckChance(dayNumber(today) - dayNumber(filedOn)));
    const formEvents: { v: number; entry: AuditEntry }[] = [];
    const entityId = String(id);
    const push = (v: number, actorId: number, action: string, before: unknown, after: unknown) => {
      formEvents.push({
        v,
        entry: {
          action,
          entityType: 'form',
          entityId,
          unitId: post.unitId,
          actorId,
          at: timeOf(v),
          before,
          after,
        },
      });
    };
    // as the API records a filing: the request's fields, then what the server worked out
    const links = {
      approvalItemId: s.links.item?.id ?? null,
      stage: s.links.stage,
      riskPointId: s.links.riskPointId,
      responsibilityPointId: s.links.responsibilityPointId,
      standardId: s.standardId,
    };
    push(s.filedV, filedBy, plan.draft ? 'form.drafted' : 'form.filed', null, {
      number,
      status: plan.draft ? 'draft' : 'open',
      problem: s.problem,
      occurredOn: s.occurredOn,
      foundOn: s.foundOn,
      source: s.source,
      postId: post.id,
      ...Object.fromEntries(Object.entries(links).filter(([, value]) => value !== null)),
      grade: s.links.grade,
      deadline,
      responsible,
    });

    // the life up to today
    const life = {
      status: (plan.draft ? 'draft' : 'open') as FormStatus,
      clock: s.filedV,
      rootCause: null as { whys: string[]; category: CauseCategory } | null,
      measures: [] as Measure[],
      verification: null as Record<string, unknown> | null,
      accountability: null as Record<string, unknown> | null,
      statusReason: null as string | null,
      closedAt: null as Date | null,
      lastChangeV: s.filedV,
      changes: 0,
    };
    const steps = plan.draft ? [] : plan.steps.filter((step) => s.filedIdx + step.at <= todayIdx);
    const newMeasure = (kind: MeasureKind, text: string, dueAt: number): Measure => ({
      id: ++measureId,
      kind,
      text: render(text, post, s.links),
      ownerId: kind === 'systemic' && headId && r.chance(0.5) ? headId : r.pick(holderIds),
      dueOn: day(s.filedIdx + dueAt),
      doneOn: null,
    });
    /** A systemic measure the form does not have yet, added after a failed verification or a reopening. */
    const addMeasure = (dueAt: number) => {
      const texts = new Set(life.measures.map((m) => m.text));
      const text = s.theme.systemic.find((t) => !texts.has(render(t, post, s.links)));
      life.measures.push(newMeasure('systemic', text ?? r.pick(s.theme.immediate), dueAt));
    };
    /** Measures as the form's view shows them (the "before" of a change) ... */
    const viewed = (list: Measure[]) =>
      list.map((m) => ({
        id: m.id,
        kind: m.kind,
        text: m.text,
        owner: ref(m.ownerId),
        dueOn: m.dueOn,
        doneOn: m.doneOn,
      }));
    /** ... and as a client sends them back: new ones have no id yet. */
    const sent = (list: Measure[], known: Set<number>) =>
      list.map((m) => ({
        ...(known.has(m.id) ? { id: m.id } : {}),
        kind: m.kind,
        text: m.text,
        ownerId: m.ownerId,
        dueOn: m.dueOn,
        doneOn: m.doneOn,
      }));
    const record = (v: number, actorId: number, action: string, before: unknown, after: unknown) => {
      push(v, actorId, action, before, after);
      life.clock = v;
      life.lastChangeV = v;
      life.changes++;
    };
    /** Records a change of the measures (and, the first time, the root cause) made by `change`. */
    const update = (idx: number, actorId: number, change: () => void, withRootCause = false) => {
      const before = withRootCause
        ? { rootCause: null, measures: viewed(life.measures) }
        : { measures: viewed(life.measures) };
      const known = new Set(life.measures.map((m) => m.id));
      change();
      const measures = sent(life.measures, known);
      record(
        stampAfter(life.clock, idx),
        actorId,
        'form.updated',
        before,
        withRootCause ? { rootCause: life.rootCause, measures } : { measures },
      );
    };
    const transition = (v: number, actorId: number, to: FormStatus, extra: Record<string, unknown> = {}) => {
      const from = life.status;
      life.status = to;
      // as the API: a reason stays until another reason replaces it or the form closes
      if (typeof extra.reason === 'string') life.statusReason = extra.reason;
      if (to === 'closed') life.statusReason = null;
      record(v, actorId, 'form.transition', { status: from }, { status: to, ...extra });
    };
    const markDone = (list: Measure[], from: number, to: number) => {
      for (const m of list) if (m.doneOn === null) m.doneOn = day(s.filedIdx + r.int(from, to));
    };

    let lastStepAt = 0;
    for (const step of steps) {
      const idx = s.filedIdx + step.at;
      switch (step.op) {
        case 'start': {
          const who = worker(idx);
          update(
            idx,
            who,
            () => {
              const chain = r.pick(s.theme.causes);
              life.rootCause = {
                whys: chain.whys
                  .slice(0, r.int(2, Math.min(5, chain.whys.length)))
                  .map((w) => render(w, post, s.links)),
                category: chain.category,
              };
              const count = 1 + r.weighted([25, 50, 25]);
              const immediateDue = Math.max(step.at, r.int(1, Math.max(1, Math.ceil(workDays / 3))));
              const systemicDue = () => Math.max(step.at + 1, r.int(Math.ceil(workDays * 0.7), workDays + 3));
              life.measures =
                count === 1 && r.chance(0.4)
                  ? [newMeasure('systemic', r.pick(s.theme.systemic), systemicDue())]
                  : [
                      newMeasure('immediate', r.pick(s.theme.immediate), immediateDue),
                      ...r
                        .sample(s.theme.systemic, Math.min(count - 1, s.theme.systemic.length))
                        .map((text) => newMeasure('systemic', text, systemicDue())),
                    ];
            },
            true,
          );
          transition(stampAfter(life.clock, idx), who, 'in_progress');
          break;
        }
        case 'progress': {
          const immediate = life.measures.filter((m) => m.kind === 'immediate' && m.doneOn === null);
          if (immediate.length > 0) update(idx, worker(idx), () => markDone(immediate, lastStepAt, step.at));
          break;
        }
        case 'submit': {
          const who = worker(idx);
          if (life.measures.some((m) => m.doneOn === null)) {
            update(idx, who, () => markDone(life.measures, lastStepAt, step.at));
          }
          transition(stampAfter(life.clock, idx), who, 'verifying');
          break;
        }
        case 'fail': {
          const v = stampAfter(life.clock, idx);
          life.verification = verificationOf(r, s.source, 'fail', ref(verifier.id), timeOf(v));
          transition(v, verifier.id, 'in_progress', {
            reason: r.pick(SEND_BACK_REASONS),
            verification: life.verification,
          });
          update(idx, worker(idx), () => addMeasure(step.at + r.int(2, 5)));
          break;
        }
        case 'close': {
          const v = stampAfter(life.clock, idx);
          life.verification = verificationOf(r, s.source, 'pass', ref(verifier.id), timeOf(v));
          const weights =
            idx > deadlineIdx || s.source === 'complaint'
              ? [55, 28, 13, 4]
              : s.links.grade === 'A'
                ? [70, 20, 8, 2]
                : [82, 13, 4, 1];
          const outcome = must(OUTCOMES[r.weighted(weights)], 'outcome');
          // The trigger (追责情形) of the form's duty that applies, picked without the generator so the
          // rest of the demo stays as it was.
          const triggers = dutyTriggers.get(s.links.responsibilityPointId ?? 0) ?? [];
          const trigger =
            outcome === 'none' ? undefined : triggers[s.filedIdx % Math.max(triggers.length, 1)];
          life.accountability = {
            outcome,
            notes: r.pick(ACCOUNTABILITY_NOTES[outcome]),
            ...(trigger ? { trigger } : {}),
            decidedBy: ref(verifier.id),
          };
          transition(v, verifier.id, 'closed', {
            verification: life.verification,
            accountability: life.accountability,
          });
          life.closedAt = timeOf(v);
          break;
        }
        case 'cancel': {
          const reason = r.pick(CANCEL_REASONS);
          transition(stampAfter(life.clock, idx), supervisorFor(post, holderIds).id, 'cancelled', { reason });
          break;
        }
        case 'reopen': {
          const reason = r.pick(REOPEN_REASONS);
          transition(stampAfter(life.clock, idx), supervisorFor(post, holderIds).id, 'in_progress', {
            reason,
          });
          life.closedAt = null;
          update(idx, worker(idx), () => addMeasure(step.at + r.int(3, 8)));
          break;
        }
      }
      lastStepAt = step.at;
    }
    // verification and accountability stay as last recorded, as the API keeps them
    const { status, rootCause, measures, verification, accountability } = life;

    // comments, in the gaps of an active life
    const mainEvents = formEvents.slice();
    if (!plan.draft && r.chance(0.3)) {
      const gaps: { from: number; to: number; status: FormStatus }[] = [];
      let gapStatus: FormStatus = 'open';
      mainEvents.forEach((e, i) => {
        const after = e.entry.after as { status?: FormStatus } | null;
        if (e.entry.action === 'form.transition' && after?.status) gapStatus = after.status;
        const next = mainEvents[i + 1];
        const to = next ? next.v : Math.min(nowV, e.v + 10 * DAY_MINUTES);
        if (['open', 'in_progress', 'verifying'].includes(gapStatus) && to - e.v > 2) {
          gaps.push({ from: e.v, to, status: gapStatus });
        }
      });
      const count = Math.min(gaps.length, 1 + r.weighted([60, 30, 10]));
      const notes: { v: number; author: number; body: string }[] = [];
      for (const gap of r.sample(gaps, count)) {
        const v = r.int(gap.from + 1, gap.to - 1);
        const idx = Math.floor(v / DAY_MINUTES);
        const date = day(idx);
        let author: number;
        let body: string;
        if (idx > deadlineIdx) {
          author = supervisorFor(post, holderIds).id;
          body = r.pick(COMMENTS.red);
        } else if (date >= yellowOn && r.chance(0.6)) {
          author = supervisorFor(post, holderIds).id;
          body = r.pick(COMMENTS.yellow);
        } else {
          const roll = r.next();
          const byHolder = roll < 0.55;
          const byLeader = !byHolder && roll < 0.65 && headId !== null;
          author = byHolder ? worker(idx) : byLeader && headId ? headId : supervisorFor(post, holderIds).id;
          body = byLeader
            ? r.pick(COMMENTS.leader)
            : r.pick(
                gap.status === 'open'
                  ? byHolder
                    ? COMMENTS.holderOpen
                    : COMMENTS.supervisorOpen
                  : gap.status === 'in_progress'
                    ? byHolder
                      ? COMMENTS.holderWorking
                      : COMMENTS.supervisorWorking
                    : byHolder
                      ? COMMENTS.holderVerifying
                      : COMMENTS.supervisorVerifying,
              );
        }
        notes.push({ v, author, body });
      }
      notes.sort((x, y) => x.v - y.v);
      for (const note of notes) {
        const commentId = ++lastCommentId;
        const at = timeOf(note.v);
        commentRows.push({
          id: commentId,
          formId: id,
          authorId: note.author,
          body: note.body,
          createdAt: at,
        });
        push(note.v, note.author, 'form.comment_added', null, { commentId, body: note.body });
      }
    }
    formEvents.sort((a, b) => a.v - b.v);
    events.push(...formEvents);

    measures.forEach((m, position) => {
      measureRows.push({ ...m, formId: id, position: position + 1 });
    });
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    forms.push({
      id,
      number,
      status,
      source: s.source,
      problem: s.problem,
      occurredOn: s.occurredOn,
      foundOn: s.foundOn,
      filedOn,
      postId: post.id,
      unitId: post.unitId,
      approvalItemId: s.links.item?.id ?? null,
      stage: s.links.stage,
      riskPointId: s.links.riskPointId,
      responsibilityPointId: s.links.responsibilityPointId,
      standardId: s.standardId,
      grade: s.links.grade,
      deadline,
      yellowOn,
      responsible: jsonb(responsible),
      holderIds,
      rootCause: rootCause ? jsonb(rootCause) : null,
      verification: verification ? jsonb(verification) : null,
      accountability: accountability ? jsonb(accountability) : null,
      statusReason: life.statusReason,
      filedBy,
      closedAt: life.closedAt,
      version: 1 + life.changes,
      createdAt: timeOf(s.filedV),
      updatedAt: timeOf(life.lastChangeV),
    });
  });

  // the trail in the order things happened, across forms
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.v - b.e.v || a.i - b.i)
    .map(({ e }) => e.entry);
  const counts: FormSeedCounts = {
    forms: forms.length,
    byStatus,
    measures: measureRows.length,
    comments: commentRows.length,
    events: sorted.length,
  };
  return { forms, measures: measureRows, comments: commentRows, events: sorted, lastNumbers, counts };
}

/** The demo's chance that a form of this age is stuck short of closing. */
const stuckChance = (ageDays: number) => LIFE.stuckOld + LIFE.stuckYoung * Math.max(0, 1 - ageDays / 365);

/**
 * A form's life in working days after filing: most are worked on and closed (on time for about 85%), some
 * are cancelled, some get stuck (`stuck`: the chance for a form of its age), a few are sent back once or
 * reopened once. The benchmark generator plans its forms with it too, with its own `stuck`.
 */
export function planLife(r: Rng, filedIdx: number, todayIdx: number, days: number, stuck: number): Plan {
  if (todayIdx - filedIdx < LIFE.draftWithinDays && r.chance(LIFE.draft)) return { draft: true };
  if (r.chance(LIFE.cancelled)) {
    if (r.chance(0.6)) return { draft: false, steps: [{ op: 'cancel', at: r.int(0, 8) }] };
    const start = r.int(0, 2);
    return {
      draft: false,
      steps: [
        { op: 'start', at: start },
        { op: 'cancel', at: start + r.int(0, 6) },
      ],
    };
  }
  const late = r.chance(LIFE.late);
  // on time, more of them towards the deadline than soon after filing
  const earliest = Math.max(1, Math.ceil(days * 0.4));
  const close = late ? days + r.int(1, 12) : Math.max(r.int(earliest, days), r.int(earliest, days));
  const start = r.int(0, Math.floor(close * 0.3));
  const submit = r.int(Math.max(start, Math.floor(close * 0.6)), close);
  const steps: Step[] = [{ op: 'start', at: start }];
  if (r.chance(0.5)) steps.push({ op: 'progress', at: r.int(start, submit) });
  steps.push({ op: 'submit', at: submit });

  if (r.chance(stuck)) {
    const where = r.weighted([15, 65, 20]);
    return {
      draft: false,
      steps: where === 0 ? [] : where === 1 ? steps.filter((s) => s.op !== 'submit') : steps,
    };
  }
  let closeAt = close;
  if (r.chance(LIFE.sentBack)) {
    const fail = submit + r.int(0, 2);
    const resubmit = fail + r.int(1, 4);
    closeAt = Math.max(close, resubmit + r.int(0, 2));
    steps.push({ op: 'fail', at: fail }, { op: 'submit', at: resubmit });
  }
  steps.push({ op: 'close', at: closeAt });
  if (r.chance(LIFE.reopened)) {
    const reopen = closeAt + r.int(5, 40);
    const resubmit = reopen + r.int(2, 6);
    const reclose = resubmit + r.int(0, 3);
    // only reopenings that were dealt with by today: a half-done one would leave a stale deadline behind
    if (filedIdx + reclose <= todayIdx) {
      steps.push({ op: 'reopen', at: reopen }, { op: 'submit', at: resubmit }, { op: 'close', at: reclose });
    }
  }
  return { draft: false, steps };
}

function verificationOf(
  r: Rng,
  source: FormSource,
  result: 'pass' | 'fail',
  verifiedBy: Ref,
  at: Date,
): Record<string, unknown> {
  const methods: VerificationMethod[] = ['on_site', 'file_review', 'phone', 'data_check'];
  const weights: Record<FormSource, number[]> = {
    self_inspection: [35, 45, 10, 10],
    spot_check: [40, 40, 20, 0],
    complaint: [20, 20, 60, 0],
    service_rating: [15, 15, 70, 0],
    e_supervision: [0, 30, 0, 70],
    assessment: [35, 45, 5, 15],
  };
  const method = must(methods[r.weighted(weights[source])], 'method');
  const notes = (
    result === 'pass' ? r.pick(VERIFICATION_NOTES[method]) : r.pick(FAILED_VERIFICATION_NOTES)
  ).replace('{n}', String(r.int(3, 10)));
  return { method, result, notes, verifiedBy, verifiedAt: at.toISOString() };
}
