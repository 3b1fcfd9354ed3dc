import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { type AppEnv, requireRole } from '../http/context.ts';
import { json, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { KINDS, kindSpec, type Stored } from './catalogue.ts';
import type { Column } from './columns.ts';
import { exportRoute, type LedgerPart, workbookResponse } from './export.ts';
import { CatalogueExportQuery, ImportQuery, ImportReportSchema, TemplateQuery } from './schema.ts';
import { catalogueLedger, importCatalogue, notesLedger } from './service.ts';

const tag = 'catalogue';

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireRole(c, 'admin');
  await next();
});

/** One batch, read only when the sheet is reached (sheets of a workbook are read one after another). */
async function* once<R>(rows: () => R[] | Promise<R[]>): AsyncGenerator<R[]> {
  yield await rows();
}

/** The catalogue in and out of spreadsheets: templates, exports and the checked import. */
export const ledgerRoutes = createRouter()
  .openapi(
    exportRoute({
      tag,
      path: '/template',
      summary: 'An empty import template for one kind, with a sheet explaining each column',
      query: TemplateQuery,
    }),
    (c) => {
      const { kind, format, lang } = c.req.valid('query');
      const spec = kindSpec(kind);
      const sheet: LedgerPart<Stored> = {
        ledger: catalogueLedger(spec, { template: true }),
        rows: once(() => []),
      };
      const notes: LedgerPart<Column> = {
        ledger: notesLedger(),
        rows: once(() => spec.columns.filter((col) => !col.info)),
      };
      return workbookResponse(c, spec.label, format === 'xlsx' ? [sheet, notes] : [sheet], { format, lang });
    },
  )
  .openapi(
    exportRoute({
      tag,
      summary:
        'The catalogue by code, ready to import again: one kind, or every kind as the sheets of one workbook (admins)',
      query: CatalogueExportQuery,
    }),
    (c) => {
      requireRole(c, 'admin');
      const { kind, format, lang } = c.req.valid('query');
      const db = c.get('deps').db;
      const specs = kind ? [kindSpec(kind)] : KINDS;
      const parts = specs.map((spec) => ({
        ledger: catalogueLedger(spec),
        rows: once<Stored>(() => spec.load(db)),
      }));
      const name = kind ? kindSpec(kind).label : { 'zh-CN': '目录', en: 'Catalogue' };
      return workbookResponse(c, name, parts, { format: kind ? format : 'xlsx', lang });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/import',
      tags: [tag],
      summary: 'Import the catalogue from XLSX or CSV (multipart field `file`, up to 20 MB; admins)',
      description:
        'mode=dry-run (the default) reports every problem by sheet, row and column and writes nothing. mode=commit writes the whole file in one transaction, or nothing (422 with the problems). Records are matched by code (people by email), so a second import of the same file changes nothing. Every written record is audited.',
      request: {
        query: ImportQuery,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      // Who may import is settled before the upload is read, so a holder hears 403, not a complaint about the file.
      middleware: [adminOnly] as const,
      responses: { 200: json(ImportReportSchema), ...problems(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { mode, kind } = c.req.valid('query');
      const { file } = c.req.valid('form');
      return c.json(await importCatalogue(c, file, mode, kind), 200);
    },
  );
