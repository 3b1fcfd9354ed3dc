import { type Kysely, sql } from 'kysely';
import type { DB, Grade, Stage } from '../../server/db/types.ts';
import { OFFICE_PROBLEMS, OFFICE_THEME, THEMES } from '../../server/seed/form-texts.ts';
import type { Rng } from '../../server/seed/random.ts';
import { CITIES } from './catalogue.ts';

/**
 * The province's catalogue as the history reads it: read once from the database, indexed by post, unit and
 * city, with who held which post when and which supervisors cover which unit.
 */

export interface Person {
  id: number;
  name: string;
  nameEn: string;
}
export interface Post {
  id: number;
  name: string;
  kind: 'window' | 'office';
  unitId: number;
  windowNo: string | null;
  headId: number | null;
  leaderId: number | null;
  /** Its city's index in CITIES (0 is the demo's centre). */
  city: number;
  /** An office post's key into the office problems. */
  officeKey: string | null;
}
export interface Assignment {
  personId: number;
  fromDate: string;
  toDate: string | null;
}
export interface Item {
  id: number;
  name: string;
  unitId: number;
  stages: Stage[];
}
export interface Duty {
  id: number;
  postId: number;
  itemId: number;
  stage: Stage;
  triggers: { situation: string; basis: string }[];
}
export interface RiskPoint {
  id: number;
  postId: number;
  unitId: number;
  itemId: number;
  stage: Stage;
  grade: Grade;
  city: number;
  registeredOn: string;
  /** Grade changes (the first is the initial grading), oldest first. */
  grades: { on: string; grade: Grade }[];
}
interface Supervisor {
  id: number;
  path: string;
}
/** A city's level-4 standards: by the approval item they regulate, and by subject. */
export interface CityStandards {
  byItem: Map<string, number>;
  bySubject: Map<string, number[]>;
}

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`history: missing ${what}`);
  return value;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The entry of a sparse array, made when missing. */
export function slot<T>(list: T[], index: number, make: () => T): T {
  let entry = list[index];
  if (entry === undefined) {
    entry = make();
    list[index] = entry;
  }
  return entry;
}

/** Everything the history needs from the catalogue, read once. */
export async function loadCatalogue(db: Kysely<DB>) {
  const raw = db.withoutPlugins();
  const q = async <T>(query: ReturnType<typeof sql>) => (await query.execute(raw)).rows as T[];
  const units = await q<{ id: number; path: string; code: string }>(sql`select id, path, code from units`);
  const people = await q<{ id: number; name: string; name_en: string; roles: string[]; unit_id: number }>(
    sql`select id, name, name_en, roles, unit_id from people`,
  );
  const posts = await q<{
    id: number;
    name: string;
    kind: 'window' | 'office';
    unit_id: number;
    window_no: string | null;
    department_head_id: number | null;
    leader_in_charge_id: number | null;
  }>(
    sql`select id, name, kind, unit_id, window_no, department_head_id, leader_in_charge_id from posts order by id`,
  );
  const assignments = await q<{
    post_id: number;
    person_id: number;
    from_date: string;
    to_date: string | null;
  }>(
    sql`select post_id, person_id, from_date::text, to_date::text from assignments order by post_id, from_date, id`,
  );
  const items = await q<{ id: number; name: string; unit_id: number; stages: Stage[] }>(
    sql`select id, name, unit_id, stages from approval_items order by id`,
  );
  const duties = await q<{
    id: number;
    post_id: number;
    approval_item_id: number;
    stage: Stage;
    triggers: Duty['triggers'];
  }>(sql`select id, post_id, approval_item_id, stage, triggers from responsibility_points order by id`);
  const risks = await q<{
    id: number;
    post_id: number;
    unit_id: number;
    approval_item_id: number;
    stage: Stage;
    grade: Grade;
    created_at: Date;
  }>(
    sql`select id, post_id, unit_id, approval_item_id, stage, grade, created_at from risk_points order by id`,
  );
  const grades = await q<{ risk_point_id: number; grade: Grade; changed_at: Date }>(
    sql`select risk_point_id, grade, changed_at from risk_point_grades order by changed_at, id`,
  );
  const standards = await q<{ id: number; code: string; title: string }>(
    sql`select id, code, title from standards where level = 4 order by id`,
  );
  return { units, people, posts, assignments, items, duties, risks, grades, standards };
}

export type Catalogue = Awaited<ReturnType<typeof loadCatalogue>>;

export class Province {
  readonly posts: Post[] = [];
  readonly items = new Map<number, Item>();
  readonly itemsByUnit = new Map<number, Item[]>();
  readonly dutiesByPost = new Map<number, Duty[]>();
  readonly risksByPost = new Map<number, RiskPoint[]>();
  readonly windowPostsByUnit = new Map<number, Post[]>();
  /** By city index. */
  readonly standards: CityStandards[] = [];
  private readonly people = new Map<number, Person>();
  private readonly unitPath = new Map<number, string>();
  private readonly unitCode = new Map<number, string>();
  private readonly assignments = new Map<number, Assignment[]>();
  private readonly supervisors: Supervisor[] = [];
  private readonly covering = new Map<number, { all: Supervisor[]; local: Supervisor[] }>();
  /** Each department's usual supervisor at its city's centre, once it has been checked. */
  private readonly usual = new Map<number, Supervisor>();

  constructor(catalogue: Catalogue) {
    for (const u of catalogue.units) {
      this.unitPath.set(u.id, u.path);
      this.unitCode.set(u.id, u.code);
    }
    // the cities' centres are the roots, in the order of CITIES
    const roots = catalogue.units
      .filter((u) => u.path.split('/').length === 3)
      .map((u) => u.id)
      .sort((a, b) => a - b);
    const cityOf = (unitId: number) => roots.indexOf(Number(this.pathOf(unitId).split('/')[1]));
    for (const p of catalogue.people) {
      this.people.set(p.id, { id: p.id, name: p.name, nameEn: p.name_en });
      if (p.roles.includes('supervisor')) this.supervisors.push({ id: p.id, path: this.pathOf(p.unit_id) });
    }
    const officeKeys = Object.keys(OFFICE_PROBLEMS);
    for (const p of catalogue.posts) {
      const post: Post = {
        id: p.id,
        name: p.name,
        kind: p.kind,
        unitId: p.unit_id,
        windowNo: p.window_no,
        headId: p.department_head_id,
        leaderId: p.leader_in_charge_id,
        city: cityOf(p.unit_id),
        officeKey: p.kind === 'office' ? (officeKeys.find((k) => p.name.endsWith(k)) ?? null) : null,
      };
      if (post.kind === 'office' && !post.officeKey)
        throw new Error(`history: no office problems for ${p.name}`);
      this.posts.push(post);
      if (post.kind === 'window') push(this.windowPostsByUnit, post.unitId, post);
    }
    for (const a of catalogue.assignments) {
      push(this.assignments, a.post_id, { personId: a.person_id, fromDate: a.from_date, toDate: a.to_date });
    }
    for (const i of catalogue.items) {
      const item = { id: i.id, name: i.name, unitId: i.unit_id, stages: i.stages };
      this.items.set(item.id, item);
      push(this.itemsByUnit, item.unitId, item);
    }
    for (const d of catalogue.duties) {
      push(this.dutiesByPost, d.post_id, {
        id: d.id,
        postId: d.post_id,
        itemId: d.approval_item_id,
        stage: d.stage,
        triggers: d.triggers,
      });
    }
    const gradeChanges = new Map<number, { on: string; grade: Grade }[]>();
    for (const g of catalogue.grades) {
      push(gradeChanges, g.risk_point_id, { on: shanghaiDate(new Date(g.changed_at)), grade: g.grade });
    }
    for (const p of catalogue.risks) {
      const registeredOn = shanghaiDate(new Date(p.created_at));
      push(this.risksByPost, p.post_id, {
        id: p.id,
        postId: p.post_id,
        unitId: p.unit_id,
        itemId: p.approval_item_id,
        stage: p.stage,
        grade: p.grade,
        city: cityOf(p.unit_id),
        registeredOn,
        grades: gradeChanges.get(p.id) ?? [{ on: registeredOn, grade: p.grade }],
      });
    }
    const subjects = [...Object.values(THEMES), OFFICE_THEME].flatMap((theme) => theme.standards);
    for (const s of catalogue.standards) {
      // a copy's standards carry its city's prefix (5107-1.1.1.001); the demo's none
      const city = Math.max(
        0,
        CITIES.findIndex((c, k) => k > 0 && s.code.startsWith(`${c.prefix}-`)),
      );
      const entry = slot(this.standards, city, () => ({ byItem: new Map(), bySubject: new Map() }));
      const match = /^(.*)(办理规范|服务规范)$/.exec(s.title);
      if (match?.[1]) entry.byItem.set(match[1], s.id);
      for (const subject of subjects) if (s.title.startsWith(subject)) push(entry.bySubject, subject, s.id);
    }
  }

  /** Every risk point, post by post. */
  *riskPoints(): Generator<RiskPoint> {
    for (const list of this.risksByPost.values()) yield* list;
  }

  pathOf(unitId: number): string {
    return must(this.unitPath.get(unitId), `unit ${unitId}`);
  }

  codeOf(unitId: number): string {
    return must(this.unitCode.get(unitId), `unit ${unitId}`);
  }

  person(id: number): Person {
    return must(this.people.get(id), `person ${id}`);
  }

  /** A person as the API names them in forms: { id, name, nameEn }. */
  ref(id: number) {
    const p = this.person(id);
    return { id: p.id, name: p.name, nameEn: p.nameEn };
  }

  holdersOn(postId: number, date: string): Assignment[] {
    return (this.assignments.get(postId) ?? []).filter(
      (a) => a.fromDate <= date && (a.toDate === null || a.toDate >= date),
    );
  }

  gradeOn(point: RiskPoint, date: string): Grade {
    let grade = point.grade;
    for (const g of point.grades) if (g.on <= date) grade = g.grade;
    return grade;
  }

  private coveringOf(unitId: number) {
    let found = this.covering.get(unitId);
    if (!found) {
      const path = this.pathOf(unitId);
      const all = this.supervisors.filter((s) => path.startsWith(s.path));
      if (all.length === 0) throw new Error(`history: no supervisor over unit ${unitId}`);
      // a department's own supervisor (path /city/department/) does most of its checks when it has one
      found = { all, local: all.filter((s) => s.path.split('/').length > 3) };
      this.covering.set(unitId, found);
    }
    return found;
  }

  /** A supervisor over the unit with no part in the case: the department's own one first, then its usual one. */
  supervisorFor(unitId: number, exclude: readonly number[], r: Rng): number {
    const { all, local } = this.coveringOf(unitId);
    const free = (list: Supervisor[]) => list.filter((s) => !exclude.includes(s.id));
    const near = free(local);
    if (near.length > 0 && r.chance(0.6)) return r.pick(near).id;
    const usual = this.usual.get(unitId);
    if (usual && !exclude.includes(usual.id) && r.chance(0.4)) return usual.id;
    const any = free(all);
    return r.pick(any.length > 0 ? any : all).id;
  }

  /** Gives a department its usual supervisor at the centre, the first time it is checked. */
  settleUsual(unitId: number, r: Rng) {
    if (this.usual.has(unitId)) return;
    const centre = this.coveringOf(unitId).all.filter((s) => s.path.split('/').length === 3);
    if (centre.length > 0) this.usual.set(unitId, r.pick(centre));
  }
}
