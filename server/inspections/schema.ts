import { z } from '@hono/zod-openapi';
import { exportParams } from '../ledger/schema.ts';
import {
  GradeSchema,
  Id,
  IsoDate,
  listOf,
  listQuery,
  NamedRef,
  PageQuery,
  StageSchema,
  Text,
} from '../common/schema.ts';

/** Schemas of supervisors' checks (督查/抽查); pure zod, importable by the web client. */
export const InspectionMethods = ['phone', 'on_site', 'file_review', 'e_supervision'] as const;
export const InspectionResults = ['pass', 'fail'] as const;
export const InspectionKinds = ['routine', 'recheck'] as const;
export const MethodSchema = z.enum(InspectionMethods).openapi({
  description: 'phone 电话回访, on_site 现场检查, file_review 案卷评查, e_supervision 电子监察',
});
export const ResultSchema = z.enum(InspectionResults);

export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .openapi({ example: '2026-11', description: 'A calendar month, YYYY-MM' });

export const InspectionCreate = z
  .strictObject({
    riskPointId: z.number().int().positive().optional().openapi({
      description: 'The risk point checked (a routine check); omit for a re-check, which takes the form’s',
    }),
    recheckOf: z.number().int().positive().optional().openapi({
      description: 'A closed form whose fix this checks (effectiveness re-check); a fail reopens it',
    }),
    method: MethodSchema,
    checkedOn: IsoDate,
    caseRef: z.string().trim().max(100).nullable().optional().openapi({
      description: 'The sampled case (application number) the check looked at',
    }),
    result: ResultSchema,
    notes: Text(4000),
    problem: Text(4000).optional().openapi({
      description: 'On a failed routine check: the problem for the new form (defaults to the notes)',
    }),
    occurredOn: IsoDate.optional().openapi({
      description: 'On a failed routine check: the day the problem happened (defaults to checkedOn)',
    }),
  })
  .openapi('InspectionCreate');

const PointRef = z.object({
  id: z.number().int(),
  code: z.string(),
  grade: GradeSchema,
  description: z.string(),
});
const PostRef = NamedRef.extend({ code: z.string() });
const FormRef = z.object({ id: z.number().int(), number: z.string(), status: z.string() });

export const InspectionSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(InspectionKinds),
    riskPoint: PointRef.nullable(),
    recheckOf: FormRef.nullable(),
    unit: NamedRef,
    post: PostRef,
    method: MethodSchema,
    checkedOn: z.string(),
    caseRef: z.string().nullable(),
    result: ResultSchema,
    notes: z.string(),
    inspector: NamedRef,
    form: FormRef.nullable().openapi({ description: 'The form a failed routine check opened' }),
    sampleId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('Inspection');
export type InspectionView = z.infer<typeof InspectionSchema>;

export const InspectionCreated = InspectionSchema.extend({
  formId: z.number().int().nullable().openapi({
    description: 'The form this check opened (a failed routine check) or reopened (a failed re-check)',
  }),
}).openapi('InspectionCreated');

export const InspectionsQuery = listQuery({
  riskPointId: Id.optional(),
  unitId: Id.optional().openapi({ description: 'Checks in this unit and the units under it' }),
  result: ResultSchema.optional(),
  method: MethodSchema.optional(),
  kind: z.enum(InspectionKinds).optional(),
  period: Period.optional().openapi({ description: 'Checked in this month' }),
  inspectorId: Id.optional(),
  recheckOf: Id.optional().openapi({ description: 'Re-checks of this form' }),
  formId: Id.optional().openapi({ description: 'The check that opened this form' }),
});

/** The checks ledger export: the list's filters (no paging), a format and a language. */
export const InspectionsExportQuery = InspectionsQuery.omit({ limit: true, cursor: true })
  .extend(exportParams)
  .strict();

export const DueStatuses = ['overdue', 'due', 'checked'] as const;
export const DueQuery = PageQuery.extend({
  period: Period.optional().openapi({ description: 'Defaults to this month' }),
  unitId: Id.optional().openapi({ description: 'Narrow to this unit and the units under it' }),
  grade: GradeSchema.optional(),
  include: z
    .enum(['outstanding', 'all'])
    .default('outstanding')
    .openapi({ description: 'outstanding (default): not yet checked this period; all: checked ones too' }),
}).strict();

const GradeFigures = z.object({
  due: z.number().int(),
  checked: z.number().int(),
  overdue: z.number().int(),
});
export const DueItemSchema = z
  .object({
    riskPoint: PointRef,
    unit: NamedRef,
    post: PostRef,
    approvalItem: NamedRef.extend({ code: z.string() }),
    stage: StageSchema,
    lastCheckedOn: z.string().nullable().openapi({ description: 'The last check before this period' }),
    dueOn: z.string(),
    checkedOn: z.string().nullable().openapi({ description: 'The first check in this period' }),
    status: z.enum(DueStatuses),
    inSample: z.boolean(),
  })
  .openapi('DueCheck');
export type DueItem = z.infer<typeof DueItemSchema>;

export const DueSchema = listOf(DueItemSchema)
  .extend({
    period: z.string(),
    start: z.string(),
    end: z.string(),
    today: z.string(),
    byGrade: z.object({ A: GradeFigures, B: GradeFigures, C: GradeFigures }),
  })
  .openapi('DueChecks');

export const RechecksQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200).openapi({ description: 'Page size, 1-500.' }),
  period: Period.optional().openapi({
    description: 'Re-checks due by the end of this month; defaults to this month',
  }),
  unitId: Id.optional(),
})
  .strict()
  .openapi('RechecksQuery');
export const RecheckSchema = z
  .object({
    form: z.object({
      id: z.number().int(),
      number: z.string(),
      problem: z.string(),
      grade: GradeSchema,
      closedOn: z.string(),
    }),
    riskPoint: PointRef.nullable(),
    unit: NamedRef,
    dueOn: z.string(),
    status: z.enum(['overdue', 'due']),
  })
  .openapi('DueRecheck');
export const RechecksSchema = z
  .object({
    items: z.array(RecheckSchema),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    afterDays: z.number().int(),
  })
  .openapi('DueRechecks');

export const SampleCreate = z
  .strictObject({
    period: Period,
    size: z.number().int().min(1).max(500),
    unitId: z.number().int().positive().optional().openapi({
      description: 'The scope to draw from (your unit when omitted); one sample per month and scope',
    }),
  })
  .openapi('SampleCreate');
export const SampleQuery = z.strictObject({ period: Period, unitId: Id.optional() });

export const SampleSchema = z
  .object({
    id: z.number().int(),
    period: z.string(),
    unit: NamedRef,
    size: z.number().int(),
    seed: z.string(),
    candidates: z.number().int().openapi({ description: 'How many due points it was drawn from' }),
    weights: z.object({ A: z.number(), B: z.number(), C: z.number() }),
    drawnBy: NamedRef,
    drawnAt: z.string(),
    items: z.array(
      z.object({
        riskPoint: PointRef,
        unit: NamedRef,
        post: PostRef,
        checkedOn: z.string().nullable(),
        inspectionId: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('Sample');
export type SampleView = z.infer<typeof SampleSchema>;

export const CoverageQuery = z.strictObject({ period: Period.optional(), unitId: Id.optional() });
const Rate = z.object({
  due: z.number().int(),
  checked: z.number().int(),
  rate: z.number().nullable().openapi({ description: 'checked / due; null when nothing was due' }),
});
export const CoverageSchema = z
  .object({
    period: z.string(),
    target: z.number(),
    unit: NamedRef.nullable(),
    total: Rate,
    byGrade: z.object({ A: Rate, B: Rate, C: Rate }),
    units: z.array(Rate.extend({ unit: NamedRef, byGrade: z.object({ A: Rate, B: Rate, C: Rate }) })),
  })
  .openapi('Coverage');
export type CoverageView = z.infer<typeof CoverageSchema>;
