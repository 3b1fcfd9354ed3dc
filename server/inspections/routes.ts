import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, problems } from '../http/openapi.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { createRouter } from '../http/router.ts';
import { listRoute, readRoute } from '../http/routes.ts';
import { keysetPage, keysetRows } from '../db/list.ts';
import { evidenceRoutes } from '../evidence/routes.ts';
import { batches, EXPORT_BATCH, exportRoute, ledgerResponse } from '../ledger/export.ts';
import { inspectionsLedger } from './ledger.ts';
import {
  CoverageQuery,
  CoverageSchema,
  DueQuery,
  DueSchema,
  InspectionCreate,
  InspectionCreated,
  InspectionSchema,
  InspectionsExportQuery,
  InspectionsQuery,
  RechecksQuery,
  RechecksSchema,
  SampleCreate,
  SampleQuery,
  SampleSchema,
} from './schema.ts';
import {
  drawMonthSample,
  getCoverage,
  getDue,
  getInspection,
  getRechecks,
  getSample,
  inspectionsQuery,
  recordInspection,
  requireInspectionEvidence,
  toInspectionView,
} from './service.ts';

const tag = 'inspections';

export const inspectionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: [tag],
      summary:
        'Record a check of a risk point (supervisors); a fail opens a linked form in the same transaction',
      description:
        'With recheckOf instead of riskPointId, records the effectiveness re-check of a closed form; a failed re-check reopens it.',
      request: { body: jsonBody(InspectionCreate) },
      responses: { 201: json(InspectionCreated, 'Recorded'), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => {
      const inspection = await recordInspection(c, c.req.valid('json'));
      c.header('Location', `/api/inspections/${inspection.id}`);
      return c.json(inspection, 201);
    },
  )
  .openapi(
    listRoute({
      tag,
      summary:
        'Checks you may see (supervisors and leaders: their units; holders: their posts’), newest first',
      query: InspectionsQuery,
      item: InspectionSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const base = await inspectionsQuery(c, filter);
      const { rows, total } = await keysetPage(base, 'i.id', afterId(cursor), limit, 'desc');
      return c.json(
        toPage(rows.map(toInspectionView), limit, total, (r) => [r.id]),
        200,
      );
    },
  )
  .openapi(
    exportRoute({
      tag,
      summary: 'The checks ledger with the list’s filters, as XLSX or CSV',
      query: InspectionsExportQuery,
    }),
    async (c) => {
      const { format, lang, ...filter } = c.req.valid('query');
      const base = await inspectionsQuery(c, filter);
      const rows = batches(
        (before?: number) => keysetRows(base, 'i.id', before, EXPORT_BATCH, 'desc'),
        (r) => r.id,
      );
      return ledgerResponse(c, inspectionsLedger, { format, lang, rows });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/due',
      tags: [tag],
      summary: 'Checks due in a month in your scope, overdue first, with counts per grade',
      description:
        'A point falls due its grade’s period (settings.checkFrequencyMonths) after its last check, or from the day it was registered if never checked; it is overdue once that day has passed unchecked.',
      request: { query: DueQuery },
      responses: { 200: json(DueSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await getDue(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rechecks',
      tags: [tag],
      summary: 'Effectiveness re-checks due: closed forms whose fix is to be checked again',
      request: { query: RechecksQuery },
      responses: { 200: json(RechecksSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await getRechecks(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/samples',
      tags: [tag],
      summary: 'Draw the month’s spot checks (weighted towards grade A, reproducible, stored)',
      description:
        'Drawing again for the same month and scope returns the stored sample (200), not a new one.',
      request: { body: jsonBody(SampleCreate) },
      responses: {
        201: json(SampleSchema, 'Drawn'),
        200: json(SampleSchema, 'Drawn before'),
        ...problems(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { sample, created: fresh } = await drawMonthSample(c, c.req.valid('json'));
      if (!fresh) return c.json(sample, 200);
      c.header('Location', `/api/inspections/samples?period=${sample.period}&unitId=${sample.unit.id}`);
      return c.json(sample, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/samples',
      tags: [tag],
      summary: 'The sample drawn for a month and scope (your unit when unitId is omitted)',
      request: { query: SampleQuery },
      responses: { 200: json(SampleSchema), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSample(c, c.req.valid('query')), 200),
  )
  .openapi(readRoute({ tag, summary: 'One check', item: InspectionSchema }), async (c) =>
    c.json(await getInspection(c, c.req.valid('param').id), 200),
  );

/** A check's evidence: seen by whoever sees the check, added by its inspector or a supervisor of its unit. */
export const inspectionEvidenceRoutes = evidenceRoutes({
  tag,
  noun: 'a check',
  owner: 'inspectionId',
  base: '/api/inspections',
  requireVisible: getInspection,
  requireAllowed: requireInspectionEvidence,
  action: 'inspection.attachment_added',
  entityType: 'inspection',
});

export const reportRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/coverage',
    tags: ['reports'],
    summary: 'Inspection coverage of a month: due points checked, per grade and per unit, against 100%',
    request: { query: CoverageQuery },
    responses: { 200: json(CoverageSchema), ...problems(400, 401, 403) },
  }),
  async (c) => c.json(await getCoverage(c, c.req.valid('query')), 200),
);
