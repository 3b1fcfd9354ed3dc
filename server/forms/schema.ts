import { z } from '@hono/zod-openapi';
import { exportParams } from '../ledger/schema.ts';
import { GradeSchema, Id, IsoDate, listQuery, NamedRef, StageSchema, Text } from '../common/schema.ts';

export const FormStatuses = ['draft', 'open', 'in_progress', 'verifying', 'closed', 'cancelled'] as const;
export const FormSources = [
  'self_inspection',
  'spot_check',
  'complaint',
  'service_rating',
  'e_supervision',
  'assessment',
] as const;
export const CauseCategories = [
  'people',
  'process',
  'system',
  'standard_or_guide',
  'materials_or_environment',
] as const;
export const MeasureKinds = ['immediate', 'systemic'] as const;
export const VerificationMethods = ['on_site', 'file_review', 'phone', 'data_check'] as const;
export const VerificationResults = ['pass', 'fail'] as const;
export const AccountabilityOutcomes = [
  'none',
  'reminder_talk',
  'criticism',
  'performance_deduction',
  'referral',
] as const;
export const Cards = ['none', 'yellow', 'red'] as const;
/** What a filing records: the filer's while a draft, then a supervisor's to correct. */
export const FormFacts = [
  'problem',
  'occurredOn',
  'foundOn',
  'source',
  'postId',
  'approvalItemId',
  'stage',
  'riskPointId',
  'responsibilityPointId',
  'standardId',
  'grade',
] as const;

export const FormStatusSchema = z.enum(FormStatuses).openapi({
  description:
    'draft 草稿, open 已登记, in_progress 整改中, verifying 待验证, closed 已关闭, cancelled 已撤销',
});
export const FormSourceSchema = z.enum(FormSources).openapi({
  description: '自查, 督查抽查, 投诉, 服务评价, 电子监察预警, 考核',
});
export const CardSchema = z
  .enum(Cards)
  .openapi({ description: 'Warning card: yellow near the deadline, red overdue' });

const Ref = NamedRef;
const CodeRef = Ref.extend({ code: z.string() });

export const ResponsibleSchema = z
  .object({
    holders: z.array(
      z.object({
        personId: z.number().int(),
        name: z.string(),
        nameEn: z.string(),
        fromDate: z.string(),
        toDate: z.string().nullable(),
      }),
    ),
    departmentHead: Ref.nullable(),
    leaderInCharge: Ref.nullable(),
  })
  .openapi('Responsible', {
    description: 'Responsibility traced back to the day the problem happened (倒查责任), frozen at filing',
  });
export type Responsible = z.infer<typeof ResponsibleSchema>;

export const RootCauseSchema = z
  .strictObject({
    whys: z.array(Text(1000)).min(1, 'give at least one why').max(5, 'at most five whys'),
    category: z.enum(CauseCategories),
  })
  .openapi('RootCause', { description: '5-why chain and cause category' });

export const MeasureSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MeasureKinds),
    text: z.string(),
    owner: Ref,
    dueOn: z.string(),
    doneOn: z.string().nullable(),
  })
  .openapi('Measure');

export const MeasureInput = z
  .strictObject({
    id: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'An existing measure to change; omit for a new one' }),
    kind: z.enum(MeasureKinds),
    text: Text(2000),
    ownerId: z.number().int().positive(),
    dueOn: IsoDate,
    doneOn: IsoDate.nullable().optional(),
  })
  .openapi('MeasureInput');

export const VerificationInput = z
  .strictObject({
    method: z.enum(VerificationMethods),
    result: z.enum(VerificationResults),
    notes: Text(4000),
  })
  .openapi('VerificationInput');

export const VerificationSchema = VerificationInput.extend({
  verifiedBy: Ref,
  verifiedAt: z.string(),
}).openapi('Verification');

export const AccountabilityInput = z
  .strictObject({
    outcome: z.enum(AccountabilityOutcomes),
    notes: z.string().trim().max(4000).optional(),
    personIds: z.array(z.number().int().positive()).min(1).max(20).optional().openapi({
      description: 'Who is held to account, among the holders traced at filing; all of them when omitted',
    }),
    triggerIndex: z.number().int().min(0).max(19).optional().openapi({
      description:
        'Which accountability trigger (追责情形) of the form’s responsibility point applies, by position',
    }),
  })
  .openapi('AccountabilityInput');
export const AccountabilityTriggerSchema = z.object({ situation: z.string(), basis: z.string() });
export const AccountabilitySchema = z
  .object({
    outcome: z.enum(AccountabilityOutcomes),
    notes: z.string().optional(),
    personIds: z.array(z.number().int()).optional(),
    trigger: AccountabilityTriggerSchema.optional().openapi({
      description: 'The trigger (追责情形) and its basis (追责依据), as they read when the form closed',
    }),
    decidedBy: Ref,
  })
  .openapi('Accountability');

export const TransitionNames = ['open', 'in_progress', 'verifying', 'closed', 'cancelled'] as const;

export const FormSummarySchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    status: FormStatusSchema,
    source: FormSourceSchema,
    problem: z.string(),
    occurredOn: z.string(),
    foundOn: z.string(),
    filedOn: z.string(),
    grade: GradeSchema,
    deadline: z.string(),
    card: CardSchema,
    post: CodeRef,
    unit: Ref,
    responsible: ResponsibleSchema,
    version: z.number().int(),
  })
  .openapi('FormSummary');
export type FormSummary = z.infer<typeof FormSummarySchema>;

export const FormSchema = FormSummarySchema.extend({
  approvalItem: CodeRef.nullable(),
  stage: StageSchema.nullable(),
  riskPoint: z
    .object({ id: z.number().int(), code: z.string(), grade: GradeSchema, description: z.string() })
    .nullable(),
  responsibilityPoint: z.object({ id: z.number().int(), code: z.string(), duty: z.string() }).nullable(),
  standard: z
    .object({ id: z.number().int(), code: z.string(), title: z.string(), titleEn: z.string() })
    .nullable(),
  yellowOn: z.string(),
  rootCause: RootCauseSchema.nullable(),
  measures: z.array(MeasureSchema),
  verification: VerificationSchema.nullable(),
  accountability: AccountabilitySchema.nullable(),
  statusReason: z.string().nullable(),
  filedBy: Ref,
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedTransitions: z.array(z.enum(TransitionNames)).openapi({
    description:
      'The statuses you may move the form to now (guards not yet met are still listed; the move then says why)',
  }),
  canEdit: z.boolean(),
}).openapi('Form');
export type FormView = z.infer<typeof FormSchema>;

const linkFields = {
  approvalItemId: z.number().int().positive().nullable(),
  stage: StageSchema.nullable(),
  riskPointId: z.number().int().positive().nullable(),
  responsibilityPointId: z.number().int().positive().nullable(),
  standardId: z.number().int().positive().nullable(),
};

const notInFuture = (date: string) => date <= new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);

export const FormCreate = z
  .strictObject({
    problem: Text(4000),
    occurredOn: IsoDate.refine(notInFuture, 'must not be in the future'),
    foundOn: IsoDate.refine(notInFuture, 'must not be in the future').optional(),
    source: FormSourceSchema,
    postId: z.number().int().positive(),
    ...linkFields,
    grade: GradeSchema.optional().openapi({
      description: "Defaults to the risk point's grade; required without one",
    }),
    draft: z.boolean().optional().openapi({ description: 'Save as a draft instead of filing' }),
  })
  .partial({
    approvalItemId: true,
    stage: true,
    riskPointId: true,
    responsibilityPointId: true,
    standardId: true,
  })
  .refine((f) => !f.foundOn || f.occurredOn <= f.foundOn, {
    message: 'must not be before occurredOn',
    path: ['foundOn'],
  })
  .openapi('FormCreate');

export const FormPatch = z
  .strictObject({
    problem: Text(4000),
    occurredOn: IsoDate.refine(notInFuture, 'must not be in the future'),
    foundOn: IsoDate.refine(notInFuture, 'must not be in the future'),
    source: FormSourceSchema,
    postId: z.number().int().positive(),
    ...linkFields,
    grade: GradeSchema,
    deadline: IsoDate.openapi({ description: 'Supervisors only' }),
    rootCause: RootCauseSchema.nullable(),
    measures: z.array(MeasureInput).max(30),
  })
  .partial()
  .openapi('FormPatch');

export const TransitionRequest = z
  .strictObject({
    to: z.enum(TransitionNames),
    reason: z.string().trim().min(1, 'required').max(2000).optional().openapi({
      description:
        'Required to cancel and to reopen (sending back from verifying records a failed verification instead)',
    }),
    verification: VerificationInput.optional(),
    accountability: AccountabilityInput.optional(),
  })
  .openapi('TransitionRequest');

export const FormsQuery = listQuery({
  status: FormStatusSchema.optional(),
  grade: GradeSchema.optional(),
  card: CardSchema.optional(),
  unitId: Id.optional().openapi({ description: 'Forms of this unit and the units under it' }),
  postId: Id.optional(),
  source: FormSourceSchema.optional(),
  riskPointId: Id.optional(),
  from: IsoDate.optional().openapi({ description: 'Found on or after' }),
  to: IsoDate.optional().openapi({ description: 'Found on or before' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Text in the number or the problem' }),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only forms you work: your posts (then or now) and those you filed' }),
});

/** The forms ledger export: the list's filters (no paging), a format and a language. */
export const FormsExportQuery = FormsQuery.omit({ limit: true, cursor: true }).extend(exportParams).strict();

export const CommentCreate = z.strictObject({ body: Text(4000) }).openapi('CommentCreate');
export const CommentSchema = z
  .object({ id: z.number().int(), author: Ref, body: z.string(), createdAt: z.string() })
  .openapi('Comment');
/** A form's timeline events (the audit trail's shape). */
export { HistoryEventSchema } from '../audit/schema.ts';
