import { z } from '@hono/zod-openapi';
import { exportParams } from '../ledger/schema.ts';
import { placementShape } from '../catalog/schema.ts';
import { GradeSchema, Id, listQuery, StageSchema, Text } from '../common/schema.ts';

export const RiskCategories = ['post_duty', 'process', 'institutional', 'moral', 'external'] as const;
const Score = z.number().int().min(1).max(3);
const PersonRef = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() });

export const GradeChangeSchema = z
  .object({
    id: z.number().int(),
    grade: GradeSchema,
    previousGrade: GradeSchema.nullable(),
    likelihood: z.number().int(),
    impact: z.number().int(),
    discretion: z.number().int(),
    reason: z.string(),
    changedBy: PersonRef.nullable(),
    confirmedBy: PersonRef,
    changedAt: z.string(),
  })
  .openapi('GradeChange');

export const RiskPointSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    ...placementShape,
    unitName: z.string(),
    unitNameEn: z.string(),
    description: z.string(),
    category: z.enum(RiskCategories),
    grade: GradeSchema,
    likelihood: z.number().int(),
    impact: z.number().int(),
    discretion: z.number().int(),
    suggestedGrade: GradeSchema.openapi({
      description: 'The grade likelihood, impact and discretion suggest',
    }),
    controlMeasures: z.array(z.string()),
    responsiblePerson: PersonRef.nullable(),
    accountableLeader: PersonRef.nullable(),
    supervisionMethod: z.string(),
    version: z.number().int(),
  })
  .openapi('RiskPoint');
export type RiskPointView = z.infer<typeof RiskPointSchema>;

export const RiskPointDetailSchema = RiskPointSchema.extend({
  gradeHistory: z.array(GradeChangeSchema),
}).openapi('RiskPointDetail');

const registerFilters = {
  unitId: Id.optional().openapi({ description: 'Points of this unit and the units under it' }),
  postId: Id.optional(),
  approvalItemId: Id.optional(),
  stage: StageSchema.optional(),
  category: z.enum(RiskCategories).optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Text in code, description or control measures' }),
};
export const RiskPointsQuery = listQuery({ grade: GradeSchema.optional(), ...registerFilters });
/** The register's export: its filters (no paging), a format and a language. */
export const RiskPointsExportQuery = RiskPointsQuery.omit({ limit: true, cursor: true })
  .extend(exportParams)
  .strict();
export const GradeCountsQuery = z.strictObject(registerFilters);
export const GradeCountsSchema = z
  .object({ A: z.number().int(), B: z.number().int(), C: z.number().int() })
  .openapi('GradeCounts');

const gradeInputs = {
  grade: GradeSchema,
  likelihood: Score.openapi({ description: '可能性 1-3' }),
  impact: Score.openapi({ description: '影响程度 1-3' }),
  discretion: Score.openapi({ description: '自由裁量度 1-3' }),
};

const pointFields = {
  code: Text(40),
  approvalItemId: z.number().int().positive(),
  stage: StageSchema,
  postId: z.number().int().positive(),
  description: Text(4000),
  category: z.enum(RiskCategories),
  controlMeasures: z.array(Text(1000)).max(20),
  responsiblePersonId: z.number().int().positive().nullable(),
  accountableLeaderId: z.number().int().positive().nullable(),
  supervisionMethod: z.string().trim().max(1000),
};

export const RiskPointCreate = z
  .strictObject({
    ...pointFields,
    ...gradeInputs,
    confirmedById: z.number().int().positive().optional().openapi({
      description: 'The supervisor confirming the initial grade; defaults to you when you are a supervisor',
    }),
  })
  .partial({
    controlMeasures: true,
    responsiblePersonId: true,
    accountableLeaderId: true,
    supervisionMethod: true,
  })
  .openapi('RiskPointCreate');
export const RiskPointPatch = z.strictObject(pointFields).partial().openapi('RiskPointPatch');

export const GradeChange = z
  .strictObject({
    ...gradeInputs,
    reason: Text(1000),
    confirmedById: z.number().int().positive().optional().openapi({
      description: 'The confirming supervisor; defaults to you when you are a supervisor',
    }),
  })
  .openapi('GradeChangeRequest');
