import { z } from '@hono/zod-openapi';
import { Id, IsoDate, listOf, listQuery, NamedRef, Text } from '../common/schema.ts';
import { CauseCategories, FormStatusSchema, MeasureKinds } from '../forms/schema.ts';

/** Schemas of lessons learned (经验教训) and the case library (典型案例); pure zod, importable by the web client. */

const CodeRef = NamedRef.extend({ code: z.string() });
const CauseCategorySchema = z.enum(CauseCategories);

export const SimilarQuery = z
  .strictObject({
    text: z.string().trim().min(4, 'type at least 4 characters').max(2000).openapi({
      description: 'The problem as typed so far (at least 4 characters)',
    }),
    postId: Id.optional().openapi({ description: 'The post being filed for: its forms come first' }),
    riskPointId: Id.optional().openapi({
      description: 'The risk point being filed for: its forms come first',
    }),
    limit: z.coerce.number().int().min(1).max(20).default(5).openapi({ description: 'Per group, 1-20' }),
  })
  .openapi('SimilarQuery');

const LessonFields = {
  id: z.number().int(),
  number: z.string(),
  status: FormStatusSchema,
  problem: z.string(),
  foundOn: z.string(),
  closedAt: z.string().nullable(),
  post: CodeRef,
  unit: NamedRef,
  riskPoint: z.object({ id: z.number().int(), code: z.string() }).nullable(),
  standard: z
    .object({ id: z.number().int(), code: z.string(), title: z.string(), titleEn: z.string() })
    .nullable(),
  rootCause: z.object({ whys: z.array(z.string()), category: CauseCategorySchema }).nullable(),
  measures: z.array(z.object({ kind: z.enum(MeasureKinds), text: z.string() })),
};

export const SimilarFormSchema = z
  .object({
    ...LessonFields,
    overlap: z
      .number()
      .openapi({ description: 'Share of the typed text’s character pairs the form holds, 0-1' }),
    samePost: z.boolean(),
    sameRiskPoint: z.boolean(),
  })
  .openapi('SimilarForm');
export type SimilarForm = z.infer<typeof SimilarFormSchema>;

export const SimilarSchema = z
  .object({
    open: z
      .array(SimilarFormSchema)
      .openapi({ description: 'Forms still being worked: a possible duplicate' }),
    closed: z
      .array(SimilarFormSchema)
      .openapi({ description: 'Closed forms, with their root cause and measures' }),
  })
  .openapi('SimilarForms');
export type SimilarView = z.infer<typeof SimilarSchema>;

export const ExemplarySchema = z.object({ note: z.string(), markedBy: NamedRef, markedAt: z.string() });

export const LessonSchema = z
  .object({
    ...LessonFields,
    exemplary: ExemplarySchema.nullable().openapi({ description: 'Marked as an exemplary case (典型案例)' }),
    score: z.number().int().openapi({ description: 'Text match strength (0 without q)' }),
  })
  .openapi('Lesson');
export type LessonView = z.infer<typeof LessonSchema>;

export const LessonListSchema = listOf(LessonSchema)
  .extend({
    capped: z.boolean().openapi({
      description:
        'More forms match than the latest `total` (2,000), which alone are ranked and listed: narrow the filters to reach older ones',
    }),
  })
  .openapi('LessonList');

const lessonFilters = {
  q: z.string().trim().min(2, 'at least 2 characters').max(200).optional().openapi({
    description: 'Text in the problem, root cause or measures (Chinese too); best matches first',
  }),
  category: CauseCategorySchema.optional().openapi({ description: 'Root cause category' }),
  riskPointId: Id.optional(),
  standardId: Id.optional(),
  unitId: Id.optional().openapi({ description: 'Forms of this unit and the units under it' }),
  postId: Id.optional(),
  from: IsoDate.optional().openapi({ description: 'Found on or after' }),
  to: IsoDate.optional().openapi({ description: 'Found on or before' }),
};

export const LessonsQuery = listQuery({
  ...lessonFilters,
  exemplary: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only exemplary cases (true) or only the others (false)' }),
});
export const CasesQuery = listQuery(lessonFilters);
export type LessonsFilter = Omit<z.infer<typeof LessonsQuery>, 'limit' | 'cursor'>;

export const CaseCreate = z
  .strictObject({
    formId: z.number().int().positive(),
    note: Text(2000).openapi({ description: 'Why this case is worth learning from' }),
  })
  .openapi('CaseCreate');
export const FormIdParam = z.object({
  formId: Id.openapi({ param: { name: 'formId', in: 'path' }, example: 1 }),
});
