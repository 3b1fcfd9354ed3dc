import { createRoute, z } from '@hono/zod-openapi';
import { listOf } from '../common/schema.ts';
import { hasRole, requireRole, type AppContext } from '../http/context.ts';
import { json, problems } from '../http/openapi.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { createRouter } from '../http/router.ts';
import { readHead, verifyChain, webCryptoHasher } from './chain.ts';
import { type AuditFilter, auditBatch, listAuditEvents, monthlyHeads } from './queries.ts';
import {
  AnchorsSchema,
  AuditEventSchema,
  AuditExportQuery,
  AuditQuery,
  type AuditEventView,
  VerifyQuery,
  VerifyResultSchema,
} from './schema.ts';
import { csvLine } from '../ledger/csv.ts';
import { batches, ledgerResponse, localDateTime, type Ledger } from '../ledger/export.ts';
import { toAuditEvent } from './service.ts';

const tag = 'audit';

/** The trail as a spreadsheet for people: times on the centre's clock, headers in the reader's language. */
function auditLedger(timeZone: string): Ledger<AuditEventView> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return {
    name: { 'zh-CN': '审计留痕', en: 'Audit trail' },
    columns: [
      { key: 'seq', label: { 'zh-CN': '序号', en: 'Seq' }, type: 'number', value: (e) => e.seq },
      {
        key: 'at',
        label: { 'zh-CN': '时间', en: 'At' },
        type: 'datetime',
        width: 16,
        value: (e) => localDateTime(e.at, timeZone),
      },
      {
        key: 'actor',
        label: { 'zh-CN': '操作人', en: 'Actor' },
        value: (e, lang) => (lang === 'en' && e.actor?.nameEn ? e.actor.nameEn : e.actor?.name),
      },
      { key: 'action', label: { 'zh-CN': '操作', en: 'Action' }, width: 24, value: (e) => e.action },
      { key: 'entityType', label: { 'zh-CN': '对象类型', en: 'Entity type' }, value: (e) => e.entityType },
      {
        key: 'entityId',
        label: { 'zh-CN': '对象编号', en: 'Entity id' },
        width: 10,
        value: (e) => e.entityId,
      },
      {
        key: 'unitId',
        label: { 'zh-CN': '单位编号', en: 'Unit id' },
        type: 'number',
        width: 10,
        value: (e) => e.unitId,
      },
      { key: 'before', label: { 'zh-CN': '修改前', en: 'Before' }, width: 48, value: (e) => json(e.before) },
      { key: 'after', label: { 'zh-CN': '修改后', en: 'After' }, width: 48, value: (e) => json(e.after) },
      {
        key: 'requestId',
        label: { 'zh-CN': '请求编号', en: 'Request id' },
        width: 24,
        value: (e) => e.requestId,
      },
      {
        key: 'prevHash',
        label: { 'zh-CN': '前一哈希', en: 'Previous hash' },
        width: 24,
        value: (e) => e.prevHash,
      },
      { key: 'hash', label: { 'zh-CN': '哈希', en: 'Hash' }, width: 24, value: (e) => e.hash },
    ],
  };
}

/** Admins read the whole trail; supervisors the events of their own units. */
function scope(c: AppContext): Pick<AuditFilter, 'scopePath'> {
  const person = requireRole(c, 'admin', 'supervisor');
  return hasRole(person, 'admin') ? {} : { scopePath: person.unitPath };
}

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'entityType',
  'entityId',
  'unitId',
  'before',
  'after',
  'requestId',
  'prevHash',
  'hash',
] as const;

function csvRow(e: AuditEventView): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    seq: e.seq,
    at: e.at,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    unitId: e.unitId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
  return csvLine(CSV_COLUMNS.map((k) => flat[k]));
}

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary: 'The audit trail, newest first (admins: all; supervisors: their units)',
      request: { query: AuditQuery },
      responses: { 200: json(listOf(AuditEventSchema)), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const before = cursor === undefined ? undefined : (decodeCursor(cursor, ['number'])[0] as number);
      const { rows, total } = await listAuditEvents(
        c.get('deps').db,
        { ...filter, ...scope(c) },
        before,
        limit,
      );
      return c.json(
        toPage(rows.map(toAuditEvent), limit, total, (e) => [e.seq]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags: [tag],
      summary:
        'Export a filtered range of the trail as CSV or JSON Lines (columns as stored, for checking elsewhere) or XLSX (headers in your language), streamed oldest first',
      request: { query: AuditExportQuery },
      responses: {
        200: {
          description: 'The events',
          content: {
            'text/csv': { schema: z.string() },
            'application/x-ndjson': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...problems(400, 401, 403),
      },
    }),
    (c) => {
      const { format, lang, ...filter } = c.req.valid('query');
      const f = { ...filter, ...scope(c) };
      const { db, timeZone } = c.get('deps');
      if (format === 'xlsx') {
        const rows = batches(
          async (after?: number) => (await auditBatch(db, f, after ?? 0, 1000)).map(toAuditEvent),
          (e) => e.seq,
          1000,
        );
        return ledgerResponse(c, auditLedger(timeZone), { format, lang, rows });
      }
      const encoder = new TextEncoder();
      let after = 0;
      let started = false;
      // Pulls one batch per read, so memory stays flat however long the range is.
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!started && format === 'csv')
            controller.enqueue(encoder.encode(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`));
          started = true;
          const rows = await auditBatch(db, f, after, 1000);
          if (rows.length === 0) {
            controller.close();
            return;
          }
          after = Number(rows.at(-1)?.seq);
          const text = rows
            .map(toAuditEvent)
            .map((e) => (format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`))
            .join('');
          controller.enqueue(encoder.encode(text));
        },
      });
      const stamp = new Date().toISOString().slice(0, 10);
      return new Response(stream, {
        status: 200,
        headers: {
          'Content-Type':
            format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': `attachment; filename="audit-${stamp}.${format}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/verify',
      tags: [tag],
      summary: 'Recompute the hash chain and name the first altered, removed or inserted event (admins)',
      description:
        'With seq and hash, also checks that a head copied out earlier (a monthly digest) is still in the chain.',
      request: { query: VerifyQuery },
      responses: { 200: json(VerifyResultSchema), ...problems(400, 401, 403) },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const { seq, hash } = c.req.valid('query');
      const { db, hasher, auditWalker } = c.get('deps');
      const expect = seq !== undefined && hash !== undefined ? { seq, hash } : undefined;
      return c.json(await verifyChain(db, hasher ?? webCryptoHasher, expect, auditWalker), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/anchors',
      tags: [tag],
      summary: "The chain's head now and at the end of each month: copies to keep outside the database",
      responses: { 200: json(AnchorsSchema), ...problems(401, 403) },
    }),
    async (c) => {
      requireRole(c, 'admin', 'supervisor', 'leader');
      const { db, timeZone } = c.get('deps');
      const [head, months] = await Promise.all([readHead(db), monthlyHeads(db, timeZone)]);
      return c.json(
        {
          head: { seq: Number(head.seq), hash: head.hash },
          months: months.rows.map((m) => ({
            month: m.month,
            seq: Number(m.seq),
            hash: m.hash,
            at: new Date(m.at).toISOString(),
          })),
        },
        200,
      );
    },
  );
