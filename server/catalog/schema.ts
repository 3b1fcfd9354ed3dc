import { z } from '@hono/zod-openapi';
import { Id, IsoDate, listQuery, StageSchema, Stages, Text } from '../common/schema.ts';

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const Ref = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() }).openapi('PersonRef');

// ── Units 单位 ──────────────────────────────────────────────────────────────
export const UnitLevels = ['city', 'district', 'town', 'village'] as const;
export const UnitKinds = ['centre', 'department', 'section', 'government'] as const;

export const UnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(UnitLevels),
    kind: z.enum(UnitKinds),
    parentId: z.number().int().nullable(),
    sortOrder: z.number().int(),
    childCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Unit');
export type UnitView = z.infer<typeof UnitSchema>;

export const UnitsQuery = listQuery({
  parentId: Id.optional().openapi({ description: 'Direct children of this unit' }),
  root: Flag.optional().openapi({ description: 'true: only units without a parent' }),
  level: z.enum(UnitLevels).optional(),
  kind: z.enum(UnitKinds).optional(),
  q: z.string().trim().max(100).optional(),
});

const unitFields = {
  code: Text(40),
  name: Text(200),
  nameEn: z.string().trim().max(200),
  level: z.enum(UnitLevels),
  kind: z.enum(UnitKinds),
  parentId: z.number().int().positive().nullable(),
  sortOrder: z.number().int().min(0).max(1_000_000),
};
export const UnitCreate = z
  .strictObject({
    ...unitFields,
    nameEn: unitFields.nameEn.optional(),
    kind: unitFields.kind.optional(),
    sortOrder: unitFields.sortOrder.optional(),
  })
  .openapi('UnitCreate');
export const UnitPatch = z.strictObject(unitFields).partial().openapi('UnitPatch');

// ── Posts 岗位 and assignments 在岗记录 ───────────────────────────────────────
export const PostKinds = ['window', 'office'] as const;
export const HolderSchema = z.object({
  assignmentId: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export const PostSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: z.enum(PostKinds),
    unitId: z.number().int(),
    unitName: z.string(),
    unitNameEn: z.string(),
    windowNo: z.string().nullable(),
    responsibilityStandard: z.string(),
    holders: z.array(HolderSchema).openapi({ description: 'Current holders (直接责任人) today' }),
    departmentHead: Ref.nullable().openapi({ description: '部门负责人' }),
    leaderInCharge: Ref.nullable().openapi({ description: '分管领导' }),
    version: z.number().int(),
  })
  .openapi('Post');
export type PostView = z.infer<typeof PostSchema>;
export const PostDetailSchema = PostSchema.extend({
  assignments: z
    .array(HolderSchema)
    .openapi({ description: 'Every holder, newest first; history is never overwritten' }),
}).openapi('PostDetail');

export const PostsQuery = listQuery({
  kind: z.enum(PostKinds).optional(),
  unitId: Id.optional().openapi({ description: 'Posts in this unit and the units under it' }),
  holderId: Id.optional().openapi({ description: 'Posts this person holds today' }),
  q: z.string().trim().max(100).optional(),
});

const postFields = {
  code: Text(40),
  name: Text(200),
  nameEn: z.string().trim().max(200),
  kind: z.enum(PostKinds),
  unitId: z.number().int().positive(),
  windowNo: z.string().trim().max(20).nullable(),
  responsibilityStandard: z.string().trim().max(4000),
  departmentHeadId: z.number().int().positive().nullable(),
  leaderInChargeId: z.number().int().positive().nullable(),
};
export const PostCreate = z
  .strictObject(postFields)
  .partial({
    nameEn: true,
    windowNo: true,
    responsibilityStandard: true,
    departmentHeadId: true,
    leaderInChargeId: true,
  })
  .openapi('PostCreate');
export const PostPatch = z.strictObject(postFields).partial().openapi('PostPatch');

export const AssignmentCreate = z
  .strictObject({
    personId: z.number().int().positive(),
    fromDate: IsoDate,
    replaceCurrent: z.boolean().default(true).openapi({
      description:
        'End the current holders the day before fromDate (the default); false adds a second holder',
    }),
  })
  .openapi('AssignmentCreate');
export const AssignmentEnd = z.strictObject({ toDate: IsoDate }).openapi('AssignmentEnd');

// ── Approval items 审批事项 ───────────────────────────────────────────────────
export const ApprovalItemSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    unitId: z.number().int(),
    unitName: z.string(),
    unitNameEn: z.string(),
    legalBasis: z.string(),
    statutoryDays: z.number().int().openapi({ description: '法定时限 (working days)' }),
    promisedDays: z.number().int().openapi({ description: '承诺时限 (working days; 0 = on the spot)' }),
    stages: z.array(StageSchema),
    serviceGuide: z.string(),
    preconditions: z.array(z.string()).openapi({ description: '前置条件, in order' }),
    version: z.number().int(),
  })
  .openapi('ApprovalItem');
export type ApprovalItemView = z.infer<typeof ApprovalItemSchema>;

export const ApprovalItemsQuery = listQuery({
  unitId: Id.optional(),
  stage: StageSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

const itemFields = {
  code: Text(40),
  name: Text(200),
  nameEn: z.string().trim().max(200),
  unitId: z.number().int().positive(),
  legalBasis: z.string().trim().max(2000),
  statutoryDays: z.number().int().min(1).max(365),
  promisedDays: z.number().int().min(0).max(365),
  stages: z
    .array(StageSchema)
    .min(1)
    .max(Stages.length)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a stage'),
  serviceGuide: z.string().trim().max(20000),
  preconditions: z.array(Text(1000)).max(100),
};
const promiseWithinStatute = (v: { statutoryDays?: number; promisedDays?: number }) =>
  v.statutoryDays === undefined || v.promisedDays === undefined || v.promisedDays <= v.statutoryDays;
const promiseIssue = { message: 'must not exceed statutoryDays', path: ['promisedDays'] };
export const ApprovalItemCreate = z
  .strictObject(itemFields)
  .partial({ nameEn: true, legalBasis: true, serviceGuide: true, preconditions: true })
  .refine(promiseWithinStatute, promiseIssue)
  .openapi('ApprovalItemCreate');
export const ApprovalItemPatch = z
  .strictObject(itemFields)
  .partial()
  .refine(promiseWithinStatute, promiseIssue)
  .openapi('ApprovalItemPatch');

// ── Standards 标准 ─────────────────────────────────────────────────────────────
export const StandardSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    titleEn: z.string(),
    level: z.number().int().min(1).max(4),
    parentId: z.number().int().nullable(),
    sortOrder: z.number().int(),
    childCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Standard');
export type StandardView = z.infer<typeof StandardSchema>;

export const StandardsQuery = listQuery({
  level: z.coerce.number().int().min(1).max(4).optional(),
  parentId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});

const standardFields = {
  code: Text(40),
  title: Text(500),
  titleEn: z.string().trim().max(500),
  parentId: z.number().int().positive().nullable(),
  sortOrder: z.number().int().min(0).max(1_000_000),
};
export const StandardCreate = z
  .strictObject(standardFields)
  .partial({ titleEn: true, sortOrder: true })
  .openapi('StandardCreate');
export const StandardPatch = z
  .strictObject(standardFields)
  .omit({ parentId: true })
  .partial()
  .openapi('StandardPatch');

// ── Responsibility points 责任点 ────────────────────────────────────────────────
export const TriggerSchema = z
  .strictObject({
    situation: Text(500).openapi({ description: '追责情形' }),
    basis: Text(500).openapi({ description: '追责依据' }),
  })
  .openapi('AccountabilityTrigger');

/** Where a responsibility or risk point sits: an approval item, a stage of it, and the post that holds it. */
export const placementShape = {
  approvalItemId: z.number().int(),
  approvalItemName: z.string(),
  approvalItemNameEn: z.string(),
  stage: StageSchema,
  postId: z.number().int(),
  postName: z.string(),
  postNameEn: z.string(),
  unitId: z.number().int(),
};

export const ResponsibilityPointSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    ...placementShape,
    duty: z.string(),
    triggers: z.array(TriggerSchema),
    version: z.number().int(),
  })
  .openapi('ResponsibilityPoint');
export type ResponsibilityPointView = z.infer<typeof ResponsibilityPointSchema>;

export const ResponsibilityPointsQuery = listQuery({
  approvalItemId: Id.optional(),
  postId: Id.optional(),
  unitId: Id.optional(),
  stage: StageSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

const responsibilityFields = {
  code: Text(40),
  approvalItemId: z.number().int().positive(),
  stage: StageSchema,
  postId: z.number().int().positive(),
  duty: Text(4000),
  triggers: z.array(TriggerSchema).max(20),
};
export const ResponsibilityPointCreate = z
  .strictObject(responsibilityFields)
  .partial({ triggers: true })
  .openapi('ResponsibilityPointCreate');
export const ResponsibilityPointPatch = z
  .strictObject(responsibilityFields)
  .partial()
  .openapi('ResponsibilityPointPatch');

export { Ref as PersonRefSchema };
