import { z } from '@hono/zod-openapi';

/** Schemas of ledger exports and catalogue imports; pure zod, importable by the web client. */

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The parameters every export takes on top of its list's filters. */
export const exportParams = {
  format: z.enum(EXPORT_FORMATS).default('xlsx').openapi({ description: 'xlsx (the default) or csv' }),
  lang: z
    .enum(['zh-CN', 'en'])
    .optional()
    .openapi({ description: 'Language of the headers and labels; defaults to yours' }),
};

/** The catalogue's kinds, in the order an import writes them (each after the kinds it refers to). */
export const CATALOGUE_KINDS = [
  'units',
  'people',
  'posts',
  'assignments',
  'approval-items',
  'standards',
  'responsibility-points',
  'risk-points',
] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const CatalogueKindSchema = z.enum(CATALOGUE_KINDS).openapi({
  description:
    'units 单位, people 人员, posts 岗位, assignments 在岗记录, approval-items 审批事项, standards 标准, responsibility-points 责任点, risk-points 风险防控点',
});

export const TemplateQuery = z.strictObject({ kind: CatalogueKindSchema, ...exportParams });
export const CatalogueExportQuery = z.strictObject({
  kind: CatalogueKindSchema.optional().openapi({
    description: 'One kind; all kinds (one sheet each, XLSX only) when left out',
  }),
  ...exportParams,
});

export const IMPORT_MODES = ['dry-run', 'commit'] as const;
export const ImportQuery = z.strictObject({
  mode: z.enum(IMPORT_MODES).default('dry-run').openapi({
    description:
      'dry-run checks the file and writes nothing; commit writes it whole, or nothing when any row has a problem',
  }),
  kind: CatalogueKindSchema.optional().openapi({
    description: 'The kind a CSV file (or a workbook of one sheet not named after a kind) holds',
  }),
});

export const ImportIssueSchema = z
  .object({
    sheet: z.string(),
    kind: CatalogueKindSchema.nullable(),
    row: z.number().int().openapi({ description: 'Spreadsheet row number; the header is row 1' }),
    column: z.string().nullable().openapi({ description: 'Column letter, when one cell is at fault' }),
    field: z.string().nullable(),
    value: z.string().nullable(),
    message: z.string(),
  })
  .openapi('ImportIssue');
export type ImportIssueView = z.infer<typeof ImportIssueSchema>;

export const ImportReportSchema = z
  .object({
    mode: z.enum(IMPORT_MODES),
    file: z.string(),
    ok: z.boolean().openapi({ description: 'No problems: a commit writes (or wrote) the whole file' }),
    written: z
      .number()
      .int()
      .openapi({ description: 'Records written (0 on a dry run or when nothing changed)' }),
    kinds: z.array(
      z.object({
        kind: CatalogueKindSchema,
        sheet: z.string(),
        rows: z.number().int(),
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        ignoredColumns: z.array(z.string()),
        absentColumns: z.array(z.string()).openapi({
          description:
            'Optional columns the file leaves out: existing records keep their values, new ones take defaults',
        }),
      }),
    ),
    errorCount: z.number().int(),
    errors: z.array(ImportIssueSchema).openapi({ description: 'The first 1,000 problems, by sheet and row' }),
  })
  .openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReportSchema>;
