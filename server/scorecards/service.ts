import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Hasher } from '../audit/chain.ts';
import { auditedWrite, type WriteMeta } from '../audit/write.ts';
import { isWorkingDay } from '../calendar/calendar.ts';
import { unitPath } from '../catalog/queries.ts';
import type { DB } from '../db/types.ts';
import {
  type AppContext,
  audited,
  hasRole,
  me,
  type SessionPerson,
  today,
  writeMeta,
} from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { periodBounds, periodOf } from '../inspections/period.ts';
import { nextMonth } from '../mail/digest.ts';
import { enqueue, type MailContext, mailContext, type OutgoingMail, personName } from '../mail/outbox.ts';
import { mailPeople } from '../mail/queries.ts';
import { previousMonth } from '../mail/scheduler.ts';
import { rankedUnits } from '../reports/queries.ts';
import type { SettingsValues } from '../settings/schema.ts';
import { loadSettings } from '../settings/service.ts';
import {
  adjustmentsOf,
  closedMonth,
  deductionList,
  insertAdjustment,
  insertSnapshot,
  insertTalkFlags,
  type MonthWindow,
  monthTotals,
  type PostScope,
  postTotals,
  type DeductionRow,
  type PostScoreRow,
  postsHeldIn,
  rankedPosts,
  scorecardOf,
  talkFlagMonths,
  unitAverages,
} from './queries.ts';
import type {
  AdjustmentCreate,
  PostMonth,
  PostScore,
  ScoreBand,
  ScorecardsQuery,
  UnitScoresQuery,
} from './schema.ts';

type Bands = SettingsValues['scoreBands'];
type Settings = Awaited<ReturnType<typeof loadSettings>>;
interface FrozenRules {
  scorecardRules: SettingsValues['scorecardRules'];
  scoreBands: Bands;
  workingDays: string[];
}

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;

export function bandOf(total: number, b: Bands): ScoreBand {
  return total >= b.excellent ? 'excellent' : total >= b.good ? 'good' : total >= b.pass ? 'pass' : 'fail';
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A month counted up to its last day, or up to `today` while it runs, by the current rules. */
export function monthWindow(month: string, day: string, settings: Settings, timeZone: string): MonthWindow {
  const { start, end } = periodBounds(month);
  const last = end < day ? end : day;
  const workingDays: string[] = [];
  for (let d = start; d <= last; d = dayAfter(d)) if (isWorkingDay(d, settings)) workingDays.push(d);
  return { month, start, last, timeZone, workingDays, rules: settings.scorecardRules };
}

/** How a month is read: frozen (its snapshot and the bands it closed with) or live. */
async function monthState(d: Kysely<DB>, month: string, day: string, settings: Settings, tz: string) {
  const row = await closedMonth(d, month);
  const frozen = row?.rules as FrozenRules | undefined;
  return {
    window: monthWindow(month, day, settings, tz),
    closed: row !== undefined,
    closedAt: row ? new Date(row.closedAt).toISOString() : null,
    bands: frozen?.scoreBands ?? settings.scoreBands,
  };
}

function badMonth(path: string, en: string, zh: string, where: 'query' | 'path' = 'query') {
  return problem.validation([{ path, message: l(en, zh), in: where }]);
}

/** The month asked for (this month when omitted), which must have begun. */
function monthAsked(c: AppContext, month: string | undefined, where: 'query' | 'path' = 'query') {
  const current = periodOf(today(c));
  const m = month ?? current;
  if (m > current) throw badMonth('month', 'has not begun yet', '该月份尚未开始', where);
  return m;
}

const oversees = (p: SessionPerson) => hasRole(p, 'admin', 'supervisor', 'leader');

/**
 * Whose scores a person sees: admins all; supervisors and leaders the posts of their units (a unit asked
 * for must lie inside them); holders only the posts they held in the month.
 */
async function viewScope(c: AppContext, month: string, unitId: number | undefined) {
  const person = me(c);
  const admin = hasRole(person, 'admin');
  let path: string | null = admin ? null : person.unitPath;
  if (unitId !== undefined) {
    const asked = unitId === person.unitId ? person.unitPath : await unitPath(db(c), unitId);
    if (asked === undefined) throw badMonth('unitId', 'no such unit', '单位不存在');
    if (!admin && !asked.startsWith(person.unitPath)) {
      throw problem.forbidden(l('That unit is outside your units.', '该单位不在您的管辖范围内。'), [
        { path: 'unitId', message: l('outside your units', '超出管辖范围'), in: 'query' },
      ]);
    }
    path = asked;
  }
  const scope: PostScope = { path };
  if (!oversees(person)) {
    const { start, end } = periodBounds(month);
    scope.postIds = await postsHeldIn(db(c), person.id, start, end);
  }
  return { person, scope, unitId: unitId ?? (admin ? null : person.unitId) };
}

async function readMonths(c: AppContext, month: string) {
  const { timeZone } = c.get('deps');
  const settings = await loadSettings(db(c));
  const day = today(c);
  const [cur, prev] = await Promise.all([
    monthState(db(c), month, day, settings, timeZone),
    monthState(db(c), previousMonth(`${month}-01`), day, settings, timeZone),
  ]);
  return { cur, prev };
}

function toPostScore(r: PostScoreRow, bands: Bands): PostScore {
  return {
    postId: r.postId,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    unitId: r.unitId,
    unitName: r.unitName,
    unitNameEn: r.unitNameEn,
    score: r.score,
    adjustment: r.adjustment,
    total: r.total,
    deducted: 100 - r.score,
    band: bandOf(r.total, bands),
    rank: r.rank,
    previousTotal: r.previousTotal,
    change: r.previousTotal === null ? null : r.total - r.previousTotal,
    flagged: r.flagged,
  };
}

/** GET /api/scorecards: the posts in scope ranked for a month, with the change from the month before. */
export async function listPostScores(c: AppContext, q: z.infer<typeof ScorecardsQuery>) {
  const month = monthAsked(c, q.month);
  const { scope } = await viewScope(c, month, q.unitId);
  const { cur, prev } = await readMonths(c, month);
  const after = q.cursor ? (decodeCursor(q.cursor, ['number', 'number']) as [number, number]) : undefined;
  const totals = monthTotals(cur.window, scope, cur.closed);
  const previous = monthTotals(prev.window, scope, prev.closed);
  const rows = await rankedPosts(db(c), totals, previous, month, { limit: q.limit, after });
  // The count rides on each row; a page past the last row asks for it on its own.
  const total =
    rows[0]?.count ??
    (after ? ((await rankedPosts(db(c), totals, previous, month, { limit: 0 }))[0]?.count ?? 0) : 0);
  const page = toPage(rows, q.limit, total, (r) => [r.total, r.postId]);
  return {
    month,
    closed: cur.closed,
    closedAt: cur.closedAt,
    ...page,
    items: page.items.map((r) => toPostScore(r, cur.bands)),
  };
}

/** GET /api/scorecards/units: the units under one, each by the mean total of its posts. */
export async function listUnitScores(c: AppContext, q: z.infer<typeof UnitScoresQuery>) {
  const month = monthAsked(c, q.month);
  const { person, scope, unitId } = await viewScope(c, month, q.unitId);
  const { cur, prev } = await readMonths(c, month);
  const state = { month, closed: cur.closed, closedAt: cur.closedAt, nextCursor: null };
  if (!oversees(person)) return { ...state, items: [], total: 0 };
  const children = await rankedUnits(db(c), unitId);
  const ids = children.length > 0 ? children.map((u) => u.id) : unitId === null ? [] : [unitId];
  const rows = await unitAverages(
    db(c),
    monthTotals(cur.window, scope, cur.closed),
    monthTotals(prev.window, scope, prev.closed),
    ids,
  );
  const sorted = [...rows].sort(
    (a, b) => (b.average ?? -Infinity) - (a.average ?? -Infinity) || a.code.localeCompare(b.code),
  );
  const items = sorted.map((u, i) => {
    const tied = sorted.findIndex((v) => v.average === u.average);
    return {
      ...u,
      band: u.average === null ? null : bandOf(u.average, cur.bands),
      rank: u.average === null ? null : (tied === -1 ? i : tied) + 1,
      change:
        u.average === null || u.previousAverage === null
          ? null
          : Math.round((u.average - u.previousAverage) * 10) / 10,
    };
  });
  return { ...state, items, total: items.length };
}

/** GET /api/scorecards/{month}/posts/{postId}: one post's month, explained deduction by deduction. */
export async function getPostMonth(c: AppContext, month: string, postId: number): Promise<PostMonth> {
  const m = monthAsked(c, month, 'path');
  const post = await db(c)
    .selectFrom('posts as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.id', 'u.path'])
    .where('p.id', '=', postId)
    .executeTakeFirst();
  if (!post) throw problem.notFound(l('post', '岗位'));
  const person = me(c);
  const { start, end } = periodBounds(m);
  const allowed =
    hasRole(person, 'admin') ||
    (oversees(person) && post.path.startsWith(person.unitPath)) ||
    (await postsHeldIn(db(c), person.id, start, end)).includes(postId);
  if (!allowed) {
    throw problem.forbidden(
      l('You may see only your own posts’ scores.', '您只能查看本人岗位或所辖单位的考评。'),
    );
  }
  const { cur, prev } = await readMonths(c, m);
  const all: PostScope = { path: null };
  const only: PostScope = { path: null, postIds: [postId] };
  const [[row], deductions, adjustments, talkFlags, frozen] = await Promise.all([
    rankedPosts(
      db(c),
      monthTotals(cur.window, cur.closed ? all : only, cur.closed),
      monthTotals(prev.window, only, prev.closed),
      m,
      {
        limit: 1,
        postId,
      },
    ),
    deductionList(db(c), cur.window, only, cur.closed),
    adjustmentsOf(db(c), m, postId),
    talkFlagMonths(db(c), postId),
    cur.closed ? scorecardOf(db(c), m, postId) : Promise.resolve(undefined),
  ]);
  if (!row) throw problem.notFound(l('scorecard', '考评记录'));
  const { rank: _, ...score } = toPostScore(row, cur.bands);
  return {
    ...score,
    month: m,
    closed: cur.closed,
    closedAt: cur.closedAt,
    rank: frozen?.rank ?? null,
    deductions: deductions.map(({ postId: _p, ...d }) => d),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      points: a.points,
      reason: a.reason,
      author: { id: a.authorId, name: a.name, nameEn: a.nameEn },
      createdAt: new Date(a.createdAt).toISOString(),
    })),
    talkFlags,
  };
}

export interface CloseOptions {
  publicUrl: string;
  timeZone: string;
  today: string;
  meta: WriteMeta;
}

/**
 * Closes (freezes) a month that has ended: every post's score, band, rank and deductions, in one audited
 * transaction; then flags for a formal talk the posts in the bottom band this month and last, and tells
 * each one's leader in charge by email. Closing again finds the month's row and does nothing.
 */
export async function closeMonth(database: Kysely<DB>, month: string, o: CloseOptions) {
  const existing = await closedMonth(database, month);
  const settled = (closedAt: Date, posts: number, flagged: number, alreadyClosed: boolean) => ({
    month,
    closedAt: new Date(closedAt).toISOString(),
    posts,
    flagged,
    alreadyClosed,
  });
  if (existing) return settled(existing.closedAt, existing.posts, 0, true);
  const settings = await loadSettings(database);
  const ctx = await mailContext(database, o.publicUrl, o.timeZone);
  const w = monthWindow(month, periodBounds(month).end, settings, o.timeZone);
  const previous = previousMonth(`${month}-01`);
  const done = await auditedWrite(database, o.meta, async (tx, audit) => {
    const snapshot = await insertSnapshot(tx, w, settings.scoreBands, o.meta.actorId);
    if (!snapshot) return null;
    await audit({
      action: 'scorecards.closed',
      entityType: 'scorecard_month',
      entityId: month,
      after: {
        month,
        posts: snapshot.posts,
        bands: snapshot.bands,
        rules: settings.scorecardRules,
        scoreBands: settings.scoreBands,
        workingDays: w.workingDays.length,
      },
    });
    const flags = await insertTalkFlags(tx, month, previous);
    if (flags.length > 0) {
      await audit(
        flags.map((f) => ({
          action: 'scorecards.talk_flagged',
          entityType: 'post',
          entityId: f.postId,
          unitId: f.unitId,
          after: { month, previous, leaderId: f.leaderId },
        })),
      );
      await enqueue(tx, audit, ctx, await talkMails(tx, ctx, month, previous, flags));
    }
    return settled(snapshot.closedAt, snapshot.posts, flags.length, false);
  }).catch((err) => {
    if (err instanceof Error && err.message.startsWith('auditedWrite')) return null;
    throw err;
  });
  if (done) return done;
  // Another process closed it between the look and the write.
  const row = await closedMonth(database, month);
  if (!row) throw new Error(`closing ${month} wrote nothing`);
  return settled(row.closedAt, row.posts, 0, true);
}

async function talkMails(
  tx: Parameters<typeof mailPeople>[0],
  ctx: MailContext,
  month: string,
  previous: string,
  flags: { postId: number; leaderId: number | null }[],
): Promise<OutgoingMail[]> {
  const leaders = new Map(
    (
      await mailPeople(
        tx,
        flags.flatMap((f) => (f.leaderId ? [f.leaderId] : [])),
      )
    ).map((p) => [p.id, p]),
  );
  const posts = new Map(
    (
      await tx
        .selectFrom('posts as p')
        .innerJoin('units as u', 'u.id', 'p.unitId')
        .select(['p.id', 'p.code', 'p.name', 'p.nameEn', 'u.name as unitName', 'u.nameEn as unitNameEn'])
        .where(
          'p.id',
          'in',
          flags.map((f) => f.postId),
        )
        .execute()
    ).map((p) => [p.id, p]),
  );
  return flags.flatMap((f) => {
    const leader = f.leaderId ? leaders.get(f.leaderId) : undefined;
    const post = posts.get(f.postId);
    if (!leader || !post) return [];
    const en = leader.locale === 'en';
    return [
      {
        key: `talk-flag:${month}:post:${f.postId}:person:${leader.id}`,
        template: 'talk-flag' as const,
        person: leader,
        data: {
          month,
          previous,
          post: `${post.code} ${personName(post, leader.locale)}`,
          unit: en ? post.unitNameEn || post.unitName : post.unitName,
          url: `${ctx.publicUrl}/scorecards/${month}/posts/${f.postId}`,
        },
      },
    ];
  });
}

/** The first working day of a month. */
export function firstWorkingDay(month: string, settings: Settings): string {
  let d = `${month}-01`;
  while (!isWorkingDay(d, settings)) d = dayAfter(d);
  return d;
}

/**
 * The scheduled close: on or after the first working day of a month, closes the month before if it is still
 * open (a process down that day catches up at its next start or run). Run daily; idempotent.
 */
export async function closeDueMonth(
  database: Kysely<DB>,
  o: { publicUrl: string; timeZone: string; today: string; hasher?: Hasher },
) {
  const settings = await loadSettings(database);
  if (o.today < firstWorkingDay(periodOf(o.today), settings)) return { closed: null };
  const month = previousMonth(o.today);
  if (await closedMonth(database, month)) return { closed: null };
  return {
    closed: await closeMonth(database, month, {
      ...o,
      meta: { actorId: null, requestId: `scorecards:${month}`, hasher: o.hasher },
    }),
  };
}

/** POST /api/scorecards/{month}/close: an admin closes an ended month now. */
export async function closeMonthNow(c: AppContext, month: string) {
  const person = me(c);
  if (!hasRole(person, 'admin')) {
    throw problem.forbidden(l('Only an admin may close a month.', '只有管理员可以结转月度考评。'));
  }
  if (nextMonth(month) > periodOf(today(c))) {
    throw badMonth('month', 'has not ended yet', '该月份尚未结束', 'path');
  }
  const { publicUrl, timeZone } = c.get('deps');
  return closeMonth(db(c), month, { publicUrl, timeZone, today: today(c), meta: writeMeta(c) });
}

/**
 * POST /api/scorecards/{month}/posts/{postId}/adjustments: a correction of a closed month, with its reason
 * and author, added on top of the frozen score (never rewriting it). Admins anywhere; supervisors for
 * posts of their units (they run the spot checks the scores rest on); leaders and holders not.
 */
export async function addAdjustment(
  c: AppContext,
  month: string,
  postId: number,
  body: z.infer<typeof AdjustmentCreate>,
) {
  const person = me(c);
  if (!hasRole(person, 'admin', 'supervisor')) {
    throw problem.forbidden(
      l('Only admins and supervisors may adjust a score.', '只有管理员和督查人员可以调整考评得分。'),
    );
  }
  const card = await scorecardOf(db(c), month, postId);
  if (!card) {
    if (!(await closedMonth(db(c), month))) {
      throw problem.conflict(
        l('Only a closed month can be adjusted; an open one is still computed.', '只能调整已结转的月份。'),
      );
    }
    throw problem.notFound(l('scorecard', '考评记录'));
  }
  if (!hasRole(person, 'admin')) {
    const path = await unitPath(db(c), card.unitId);
    if (!path?.startsWith(person.unitPath)) {
      throw problem.forbidden(l('That post is outside your units.', '该岗位不在您的管辖范围内。'));
    }
  }
  const before = await getPostMonth(c, month, postId);
  await audited(c, async (tx, audit) => {
    const row = await insertAdjustment(tx, { month, postId, ...body, authorId: person.id });
    await audit({
      action: 'scorecards.adjusted',
      entityType: 'scorecard',
      entityId: `${month}:${postId}`,
      unitId: card.unitId,
      before: { total: before.total },
      after: {
        adjustmentId: row.id,
        points: body.points,
        reason: body.reason,
        total: before.total + body.points,
      },
    });
  });
  return getPostMonth(c, month, postId);
}

/**
 * Every post's score and deductions for a month, read set-wise once (the digest reaches every holder): the
 * frozen figures when the month is closed, else live ones up to `today`.
 */
export async function monthScoresByPost(database: Kysely<DB>, month: string, day: string, timeZone: string) {
  const settings = await loadSettings(database);
  const s = await monthState(database, month, day, settings, timeZone);
  const all: PostScope = { path: null };
  const [totals, deductions] = await Promise.all([
    postTotals(database, monthTotals(s.window, all, s.closed)),
    deductionList(database, s.window, all, s.closed),
  ]);
  const byPost = new Map<number, DeductionRow[]>();
  for (const d of deductions) {
    const list = byPost.get(d.postId);
    if (list) list.push(d);
    else byPost.set(d.postId, [d]);
  }
  return new Map(
    totals.map((t) => [
      t.postId,
      { ...t, band: bandOf(t.total, s.bands), closed: s.closed, deductions: byPost.get(t.postId) ?? [] },
    ]),
  );
}
