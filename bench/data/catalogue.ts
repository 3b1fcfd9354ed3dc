import { type Kysely, sql, type Transaction } from 'kysely';
import { nodeHasher } from '../../server/audit/node-hasher.ts';
import { auditedWrite } from '../../server/audit/write.ts';
import type { DB } from '../../server/db/types.ts';
import { personNames } from '../../server/seed/names.ts';
import { addDays, rng } from '../../server/seed/random.ts';

/**
 * The province's catalogue: the demo centre (city 1, seeded by the real demo seed) and twenty more cities of
 * Sichuan, each a set-based copy of the demo's units, people, posts, assignments, approval items, conditions,
 * standards, responsibility points and risk points (with grade history) under its own codes, names and
 * e-mail addresses; then the staff of every city's counties, towns and villages, and the former holder of
 * each post whose current holders came after the five years the forms go back, so every form can be traced
 * to whoever held its post on the day.
 *
 * A copy's ids are the demo's plus `city × the demo's largest id`, so every cross reference is moved by the
 * same arithmetic in SQL; only the names of the copies' people are drawn in Node (distinct across the
 * province, from the demo's own name lists).
 */

export interface City {
  /** The first four digits of the administrative code: unit codes start with them. */
  prefix: string;
  /** For e-mail addresses: holder@mianyang.centre.example. */
  slug: string;
  centre: string;
  centreEn: string;
  /** How busy its hall is relative to the others (forms filed per post). */
  weight: number;
}

/** The demo centre is Deyang (510600); the other prefecture-level divisions of Sichuan follow it. */
export const CITIES: City[] = [
  { prefix: '5106', slug: '', centre: '', centreEn: '', weight: 1 },
  { prefix: '5101', slug: 'chengdu', centre: '成都市', centreEn: 'Chengdu', weight: 2.6 },
  { prefix: '5103', slug: 'zigong', centre: '自贡市', centreEn: 'Zigong', weight: 0.8 },
  { prefix: '5104', slug: 'panzhihua', centre: '攀枝花市', centreEn: 'Panzhihua', weight: 0.7 },
  { prefix: '5105', slug: 'luzhou', centre: '泸州市', centreEn: 'Luzhou', weight: 1.1 },
  { prefix: '5107', slug: 'mianyang', centre: '绵阳市', centreEn: 'Mianyang', weight: 1.4 },
  { prefix: '5108', slug: 'guangyuan', centre: '广元市', centreEn: 'Guangyuan', weight: 0.8 },
  { prefix: '5109', slug: 'suining', centre: '遂宁市', centreEn: 'Suining', weight: 0.9 },
  { prefix: '5110', slug: 'neijiang', centre: '内江市', centreEn: 'Neijiang', weight: 0.9 },
  { prefix: '5111', slug: 'leshan', centre: '乐山市', centreEn: 'Leshan', weight: 1 },
  { prefix: '5113', slug: 'nanchong', centre: '南充市', centreEn: 'Nanchong', weight: 1.3 },
  { prefix: '5114', slug: 'meishan', centre: '眉山市', centreEn: 'Meishan', weight: 0.9 },
  { prefix: '5115', slug: 'yibin', centre: '宜宾市', centreEn: 'Yibin', weight: 1.2 },
  { prefix: '5116', slug: 'guangan', centre: '广安市', centreEn: "Guang'an", weight: 0.9 },
  { prefix: '5117', slug: 'dazhou', centre: '达州市', centreEn: 'Dazhou', weight: 1.2 },
  { prefix: '5118', slug: 'yaan', centre: '雅安市', centreEn: "Ya'an", weight: 0.6 },
  { prefix: '5119', slug: 'bazhong', centre: '巴中市', centreEn: 'Bazhong', weight: 0.8 },
  { prefix: '5120', slug: 'ziyang', centre: '资阳市', centreEn: 'Ziyang', weight: 0.7 },
  { prefix: '5132', slug: 'aba', centre: '阿坝州', centreEn: 'Aba Prefecture', weight: 0.4 },
  { prefix: '5133', slug: 'ganzi', centre: '甘孜州', centreEn: 'Garzê Prefecture', weight: 0.4 },
  { prefix: '5134', slug: 'liangshan', centre: '凉山州', centreEn: 'Liangshan Prefecture', weight: 0.9 },
];

/** Staff per unit below the hall: a village's agent (代办员), a town's convenience centre, a county's office. */
const STAFF = { village: 1, town: 4, districtGovernment: 12 };
/** Of a town's or county's staff, this many lead it. */
const LEADERS = { town: 1, districtGovernment: 2 };
/** One person in this many reads the English interface. */
const ENGLISH_EVERY = 60;
/** Forms go back five years; a post's history must reach a little further. */
const HISTORY_DAYS = 5 * 365 + 60;

/** The demo's largest id per table: a copy's ids are the demo's plus city × these. */
export interface Strides {
  units: number;
  people: number;
  posts: number;
  assignments: number;
  approvalItems: number;
  preconditions: number;
  standards: number;
  responsibilityPoints: number;
  riskPoints: number;
  riskPointGrades: number;
}

async function strides(db: Kysely<DB> | Transaction<DB>): Promise<Strides> {
  const { rows } = await sql<Strides>`
    select (select max(id) from units) as units, (select max(id) from people) as people,
           (select max(id) from posts) as posts, (select max(id) from assignments) as assignments,
           (select max(id) from approval_items) as approval_items, (select max(id) from preconditions) as preconditions,
           (select max(id) from standards) as standards, (select max(id) from responsibility_points) as responsibility_points,
           (select max(id) from risk_points) as risk_points, (select max(id) from risk_point_grades) as risk_point_grades
  `.execute(db);
  const row = rows[0];
  if (!row?.units) throw new Error('province catalogue: the demo centre is not there to copy');
  return row;
}

export interface CatalogueCounts {
  cities: number;
  units: number;
  people: number;
  staff: number;
  formerHolders: number;
  posts: number;
  riskPoints: number;
}

/**
 * Copies the demo centre into the other cities and adds the staff below the halls, in one audited
 * transaction. `today` (YYYY-MM-DD) places the copies' risk registers five years back.
 */
export async function seedProvinceCatalogue(db: Kysely<DB>, today: string): Promise<CatalogueCounts> {
  return auditedWrite(db, { actorId: null, hasher: nodeHasher }, async (tx, audit) => {
    const s = await strides(tx);
    const copies = CITIES.slice(1).map((c, i) => ({ k: i + 1, ...c }));
    const cities = JSON.stringify(copies);
    const run = (query: ReturnType<typeof sql>) => query.execute(tx);

    // The demo's people are renamed in each copy; the demo accounts keep their local part
    // (admin@mianyang.centre.example).
    const demoPeople = await sql<{ id: number; name: string; email: string }>`
      select id, name, email from people order by id
    `.execute(tx);
    const names = personNames(
      rng('bench:people'),
      demoPeople.rows.map((p) => p.name),
    );
    const renamed = copies.flatMap((c) =>
      demoPeople.rows.map((p) => {
        const id = p.id + c.k * s.people;
        const n = names();
        const local = p.email.split('@')[0] ?? '';
        return {
          k: c.k,
          demo_id: p.id,
          name: n.name,
          name_en: n.nameEn,
          email: `${local.includes('.') ? `${n.slug}.${id}` : local}@${c.slug}.centre.example`,
        };
      }),
    );

    await run(sql`
      insert into units (id, code, name, name_en, level, kind, parent_id, path, sort_order)
      select u.id + c.k * ${s.units}, c.prefix || substr(u.code, 5),
             case when u.parent_id is null then c.centre || '政务服务中心' else u.name end,
             case when u.parent_id is null then c."centreEn" || ' Government Service Centre' else u.name_en end,
             u.level, u.kind, u.parent_id + c.k * ${s.units},
             '/' || (select string_agg((x::int + c.k * ${s.units})::text, '/' order by n)
                     from unnest(string_to_array(trim(both '/' from u.path), '/')) with ordinality t(x, n)) || '/',
             u.sort_order + case when u.parent_id is null then c.k else 0 end
      from units u cross join json_to_recordset(${cities}::json) c(k int, prefix text, centre text, "centreEn" text)
    `);
    await run(sql`
      insert into people (id, name, name_en, email, password_hash, locale, roles, unit_id, active)
      select p.id + n.k * ${s.people}, n.name, n.name_en, n.email, p.password_hash, p.locale, p.roles,
             p.unit_id + n.k * ${s.units}, p.active
      from json_to_recordset(${JSON.stringify(renamed)}::json) n(k int, demo_id int, name text, name_en text, email text)
      join people p on p.id = n.demo_id
    `);
    await run(sql`
      insert into posts (id, code, name, name_en, kind, unit_id, window_no, responsibility_standard,
                         department_head_id, leader_in_charge_id)
      select p.id + c.k * ${s.posts}, c.prefix || '-' || p.code, p.name, p.name_en, p.kind, p.unit_id + c.k * ${s.units},
             p.window_no, p.responsibility_standard, p.department_head_id + c.k * ${s.people},
             p.leader_in_charge_id + c.k * ${s.people}
      from posts p cross join json_to_recordset(${cities}::json) c(k int, prefix text)
    `);
    await run(sql`
      insert into assignments (id, post_id, person_id, from_date, to_date)
      select a.id + c.k * ${s.assignments}, a.post_id + c.k * ${s.posts}, a.person_id + c.k * ${s.people},
             a.from_date, a.to_date
      from assignments a cross join json_to_recordset(${cities}::json) c(k int)
    `);
    await run(sql`
      insert into approval_items (id, code, name, name_en, unit_id, legal_basis, statutory_days, promised_days, stages,
                                  service_guide)
      select i.id + c.k * ${s.approvalItems}, c.prefix || '-' || i.code, i.name, i.name_en, i.unit_id + c.k * ${s.units},
             i.legal_basis, i.statutory_days, i.promised_days, i.stages, i.service_guide
      from approval_items i cross join json_to_recordset(${cities}::json) c(k int, prefix text)
    `);
    await run(sql`
      insert into preconditions (id, approval_item_id, position, text)
      select p.id + c.k * ${s.preconditions}, p.approval_item_id + c.k * ${s.approvalItems}, p.position, p.text
      from preconditions p cross join json_to_recordset(${cities}::json) c(k int)
    `);
    await run(sql`
      insert into standards (id, code, title, title_en, level, parent_id, sort_order)
      select t.id + c.k * ${s.standards}, c.prefix || '-' || t.code, t.title, t.title_en, t.level,
             t.parent_id + c.k * ${s.standards}, t.sort_order
      from standards t cross join json_to_recordset(${cities}::json) c(k int, prefix text)
    `);
    await run(sql`
      insert into responsibility_points (id, code, approval_item_id, stage, post_id, duty, triggers)
      select r.id + c.k * ${s.responsibilityPoints}, c.prefix || '-' || r.code, r.approval_item_id + c.k * ${s.approvalItems},
             r.stage, r.post_id + c.k * ${s.posts}, r.duty, r.triggers
      from responsibility_points r cross join json_to_recordset(${cities}::json) c(k int, prefix text)
    `);
    // The copies set up their risk registers five years ago (the demo's fifteen months ago): the same
    // register and grade history, moved back in time.
    const registered = await sql<{ shift: number }>`
      select (${addDays(today, -HISTORY_DAYS + 20)}::date - min(created_at)::date) as shift from risk_points
    `.execute(tx);
    const shift = Number(registered.rows[0]?.shift ?? 0);
    await run(sql`
      insert into risk_points (id, code, approval_item_id, stage, post_id, unit_id, description, category, grade,
                               likelihood, impact, discretion, control_measures, responsible_person_id,
                               accountable_leader_id, supervision_method, created_at, updated_at)
      select r.id + c.k * ${s.riskPoints}, c.prefix || '-' || r.code, r.approval_item_id + c.k * ${s.approvalItems},
             r.stage, r.post_id + c.k * ${s.posts}, r.unit_id + c.k * ${s.units}, r.description, r.category, r.grade,
             r.likelihood, r.impact, r.discretion, r.control_measures, r.responsible_person_id + c.k * ${s.people},
             r.accountable_leader_id + c.k * ${s.people}, r.supervision_method,
             r.created_at + make_interval(days => ${shift}), r.updated_at + make_interval(days => ${shift})
      from risk_points r cross join json_to_recordset(${cities}::json) c(k int, prefix text)
    `);
    await run(sql`
      insert into risk_point_grades (id, risk_point_id, grade, previous_grade, likelihood, impact, discretion, reason,
                                     changed_by, confirmed_by, changed_at)
      select g.id + c.k * ${s.riskPointGrades}, g.risk_point_id + c.k * ${s.riskPoints}, g.grade, g.previous_grade,
             g.likelihood, g.impact, g.discretion, g.reason, g.changed_by + c.k * ${s.people},
             g.confirmed_by + c.k * ${s.people}, g.changed_at + make_interval(days => ${shift})
      from risk_point_grades g cross join json_to_recordset(${cities}::json) c(k int)
    `);

    const staff = await addStaff(tx, s, names);
    const former = await addFormerHolders(tx, s, names, today);
    const { rows } = await sql<{ units: number; people: number; posts: number; riskPoints: number }>`
      select (select count(*)::int from units) as units, (select count(*)::int from people) as people,
             (select count(*)::int from posts) as posts, (select count(*)::int from risk_points) as risk_points
    `.execute(tx);
    const row = rows[0];
    if (!row) throw new Error('province catalogue: nothing counted');
    const counts: CatalogueCounts = {
      cities: CITIES.length,
      units: row.units,
      people: row.people,
      staff,
      formerHolders: former,
      posts: row.posts,
      riskPoints: row.riskPoints,
    };
    await audit({ action: 'demo.seeded', entityType: 'province', entityId: null, after: counts });
    return counts;
  });
}

type Names = ReturnType<typeof personNames>;

/** Inserts people given as rows, in statements of a few thousand. */
async function insertPeople(
  tx: Transaction<DB>,
  rows: {
    id: number;
    name: string;
    name_en: string;
    email: string;
    locale: string;
    roles: string[];
    unit_id: number;
    active: boolean;
  }[],
  passwordHash: string,
) {
  for (let i = 0; i < rows.length; i += 5000) {
    await sql`
      insert into people (id, name, name_en, email, password_hash, locale, roles, unit_id, active)
      select id, name, name_en, email, ${passwordHash}, locale, roles, unit_id, active
      from json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json)
        as x(id int, name text, name_en text, email text, locale text, roles text[], unit_id int, active boolean)
    `.execute(tx);
  }
}

async function demoPasswordHash(tx: Transaction<DB>): Promise<string> {
  const { rows } = await sql<{ hash: string }>`select password_hash as hash from people where id = 1`.execute(
    tx,
  );
  const hash = rows[0]?.hash;
  if (!hash) throw new Error('province catalogue: the demo admin has no password');
  return hash;
}

/** The people of every city's counties, towns and villages (holders, and leaders of towns and counties). */
async function addStaff(tx: Transaction<DB>, s: Strides, names: Names): Promise<number> {
  const { rows: units } = await sql<{ id: number; level: string }>`
    select id, level from units
    where id <= ${s.units} and (level in ('town', 'village') or (level = 'district' and kind = 'government'))
    order by id
  `.execute(tx);
  let id = (await nextId(tx, 'people')) - 1;
  const r = rng('bench:staff');
  const people: Parameters<typeof insertPeople>[1] = [];
  for (let k = 0; k < CITIES.length; k++) {
    const city = CITIES[k] as City;
    const domain = `${city.slug ? `${city.slug}.` : ''}centre.example`;
    for (const unit of units) {
      const kind = unit.level === 'district' ? 'districtGovernment' : (unit.level as 'town' | 'village');
      const leaders = kind === 'village' ? 0 : LEADERS[kind];
      for (let i = 0; i < STAFF[kind]; i++) {
        const n = names();
        id++;
        people.push({
          id,
          name: n.name,
          name_en: n.nameEn,
          email: `${n.slug}.${id}@${domain}`,
          locale: r.int(1, ENGLISH_EVERY) === 1 ? 'en' : 'zh-CN',
          roles: [i < leaders ? 'leader' : 'holder'],
          unit_id: unit.id + k * s.units,
          active: true,
        });
      }
    }
  }
  await insertPeople(tx, people, await demoPasswordHash(tx));
  return people.length;
}

/**
 * Whoever held a post before its first holder on record, when that holder came less than five years ago:
 * a former member of staff (inactive now), holding it from some years before until the day before.
 */
async function addFormerHolders(
  tx: Transaction<DB>,
  s: Strides,
  names: Names,
  today: string,
): Promise<number> {
  const since = addDays(today, -HISTORY_DAYS);
  // (result columns come back camel-cased, as everywhere through the app's Kysely)
  const { rows: posts } = await sql<{ postId: number; unitId: number; first: string }>`
    select a.post_id, p.unit_id, min(a.from_date)::text as first
    from assignments a join posts p on p.id = a.post_id
    group by a.post_id, p.unit_id
    having min(a.from_date) > ${since}::date
    order by a.post_id
  `.execute(tx);
  const r = rng('bench:former');
  let personId = (await nextId(tx, 'people')) - 1;
  let assignmentId = (await nextId(tx, 'assignments')) - 1;
  const people: Parameters<typeof insertPeople>[1] = [];
  const assignments: {
    id: number;
    post_id: number;
    person_id: number;
    from_date: string;
    to_date: string;
  }[] = [];
  for (const post of posts) {
    const k = Math.floor((post.postId - 1) / s.posts);
    const city = CITIES[k] as City;
    const n = names();
    personId++;
    people.push({
      id: personId,
      name: n.name,
      name_en: n.nameEn,
      email: `${n.slug}.${personId}@${city.slug ? `${city.slug}.` : ''}centre.example`,
      locale: 'zh-CN',
      roles: ['holder'],
      unit_id: post.unitId,
      active: false,
    });
    const until = addDays(post.first, -1);
    const from = addDays(since, -r.int(30, 900));
    assignments.push({
      id: ++assignmentId,
      post_id: post.postId,
      person_id: personId,
      from_date: from < until ? from : addDays(until, -30),
      to_date: until,
    });
  }
  await insertPeople(tx, people, await demoPasswordHash(tx));
  for (let i = 0; i < assignments.length; i += 5000) {
    await sql`
      insert into assignments (id, post_id, person_id, from_date, to_date)
      select id, post_id, person_id, from_date, to_date
      from json_to_recordset(${JSON.stringify(assignments.slice(i, i + 5000))}::json)
        as x(id int, post_id int, person_id int, from_date date, to_date date)
    `.execute(tx);
  }
  return people.length;
}

async function nextId(tx: Transaction<DB>, table: 'people' | 'assignments'): Promise<number> {
  const { rows } = await sql<{
    id: number;
  }>`select coalesce(max(id), 0) + 1 as id from ${sql.table(table)}`.execute(tx);
  return Number(rows[0]?.id ?? 1);
}
