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
import { toAuditEvent } from './service.ts';

const tag = 'audit';

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

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Quote everything that could break a row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

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
  return `${CSV_COLUMNS.map((k) => csvCell(flat[k])).join(',')}\r\n`;
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
      summary: 'Export a filtered range of the trail as CSV or JSON Lines, streamed oldest first',
      request: { query: AuditExportQuery },
      responses: {
        200: {
          description: 'The events',
          content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
        },
        ...problems(400, 401, 403),
      },
    }),
    (c) => {
      const { format, ...filter } = c.req.valid('query');
      const f = { ...filter, ...scope(c) };
      const db = c.get('deps').db;
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
