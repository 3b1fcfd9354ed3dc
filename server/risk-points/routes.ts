import { createRoute, z } from '@hono/zod-openapi';
import { HistorySchema } from '../audit/schema.ts';
import { historyOf } from '../audit/service.ts';
import { expectedVersion } from '../http/etag.ts';
import { guardedWrite, IdParam, json, jsonBody, problems } from '../http/openapi.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { createRouter } from '../http/router.ts';
import { created, createRecordRoute, listRoute, patchRoute, readRoute, withETag } from '../http/routes.ts';
import { riskPointStored, riskPoints } from '../ledger/catalogue.ts';
import { exportRoute, ledgerResponse } from '../ledger/export.ts';
import { riskPointRows } from '../ledger/queries.ts';
import { catalogueLedger } from '../ledger/service.ts';
import { gradeCounts, listRiskPoints } from './queries.ts';
import {
  GradeChange,
  GradeCountsQuery,
  GradeCountsSchema,
  RiskPointCreate,
  RiskPointDetailSchema,
  RiskPointPatch,
  RiskPointSchema,
  RiskPointsExportQuery,
  RiskPointsQuery,
} from './schema.ts';
import { changeGrade, createRiskPoint, getRiskPoint, patchRiskPoint, toRiskPointView } from './service.ts';

const tag = 'risk-points';

export const riskPointRoutes = createRouter()
  .openapi(
    listRoute({
      tag,
      summary: 'The register of approval risk control points 风险防控点',
      query: RiskPointsQuery,
      item: RiskPointSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listRiskPoints(c.get('deps').db, filter, afterId(cursor), limit);
      return c.json(
        toPage(rows.map(toRiskPointView), limit, total, (r) => [r.id]),
        200,
      );
    },
  )
  .openapi(
    exportRoute({
      tag,
      summary:
        "The register (风险防控点台账) with its filters, as XLSX or CSV; importable as the catalogue's risk points",
      query: RiskPointsExportQuery,
    }),
    (c) => {
      const { format, lang, ...filter } = c.req.valid('query');
      const db = c.get('deps').db;
      const rows = (async function* () {
        yield riskPointStored(await riskPointRows(db, filter).execute());
      })();
      return ledgerResponse(c, catalogueLedger(riskPoints), { format, lang, rows });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/grade-counts',
      tags: [tag],
      summary: 'Points per grade under the other register filters',
      request: { query: GradeCountsQuery },
      responses: { 200: json(GradeCountsSchema), ...problems(400, 401) },
    }),
    async (c) => c.json(await gradeCounts(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    readRoute({ tag, summary: 'A risk point with its grade history', item: RiskPointDetailSchema }),
    async (c) => c.json(withETag(c, await getRiskPoint(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRecordRoute({
      tag,
      summary: 'Add a risk point (admins)',
      body: RiskPointCreate,
      item: RiskPointDetailSchema,
    }),
    async (c) => c.json(created(c, await createRiskPoint(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag,
      summary: 'Change a risk point, except its grade (admins)',
      body: RiskPointPatch,
      item: RiskPointDetailSchema,
    }),
    async (c) =>
      c.json(
        withETag(
          c,
          await patchRiskPoint(c, c.req.valid('param').id, expectedVersion(c), c.req.valid('json')),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/history',
      tags: [tag],
      summary: 'Every change to a risk point, oldest first, with before and after',
      request: { params: IdParam },
      responses: { 200: json(HistorySchema), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await getRiskPoint(c, id);
      return c.json(await historyOf(c.get('deps').db, 'risk_point', id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/grade',
      tags: [tag],
      summary: 'Re-grade a risk point, confirmed by a supervisor (supervisors, admins); keeps the history',
      request: {
        params: IdParam,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: jsonBody(GradeChange),
      },
      responses: { 200: json(RiskPointDetailSchema), ...guardedWrite },
    }),
    async (c) =>
      c.json(
        withETag(c, await changeGrade(c, c.req.valid('param').id, expectedVersion(c), c.req.valid('json'))),
        200,
      ),
  );
