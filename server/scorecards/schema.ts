import { z } from '@hono/zod-openapi';
import { GradeSchema, Id, listOf, listQuery, Text } from '../common/schema.ts';

/** Schemas of the monthly post scorecards (岗位月度考评); pure zod, importable by the web client. */
export const Month = z
  .string()
  .regex(/^(20[0-9]{2})-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM (2000–2099)')
  .openapi({ example: '2026-10' });

export const ScoreBands = ['excellent', 'good', 'pass', 'fail'] as const;
export const ScoreBandSchema = z.enum(ScoreBands);
export const DeductionKinds = ['overdue', 'failed_check', 'complaint', 'reopened'] as const;
export const DeductionKindSchema = z.enum(DeductionKinds);

export const ScorecardsQuery = listQuery({
  month: Month.optional().openapi({ description: 'The month scored; this month when omitted' }),
  unitId: Id.optional().openapi({ description: 'Posts of this unit and the units under it (inside yours)' }),
});
export const UnitScoresQuery = z.strictObject({
  month: Month.optional().openapi({ description: 'The month scored; this month when omitted' }),
  unitId: Id.optional().openapi({
    description: 'Rank the units directly under this one (inside yours); under your own unit when omitted',
  }),
});

export const MonthParam = z.object({
  month: Month.openapi({ param: { name: 'month', in: 'path' } }),
});
export const PostMonthParam = MonthParam.extend({
  postId: Id.openapi({ param: { name: 'postId', in: 'path' }, example: 1 }),
});

const Score = z.number().int();
const Change = z.number().nullable().openapi({
  description: 'The change from the month before; null when there is no score for it',
});

export const PostScoreSchema = z
  .object({
    postId: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    unitId: z.number().int(),
    unitName: z.string(),
    unitNameEn: z.string(),
    score: Score.openapi({ description: '100 less the deductions (frozen once the month closed)' }),
    adjustment: Score.openapi({ description: 'The sum of adjustments made after the month closed' }),
    total: Score.openapi({ description: 'score + adjustment: what the band and rank are by' }),
    deducted: Score,
    band: ScoreBandSchema,
    rank: z.number().int().openapi({ description: 'Among the posts listed (1 is best; ties share a rank)' }),
    previousTotal: Score.nullable(),
    change: Change,
    flagged: z.boolean().openapi({ description: 'Flagged this month for a formal talk (约谈)' }),
  })
  .openapi('PostScore');

export const MonthState = z.object({
  month: z.string(),
  closed: z.boolean().openapi({ description: 'Frozen (closed); otherwise live figures up to today' }),
  closedAt: z.string().nullable(),
});

export const PostScoresSchema = listOf(PostScoreSchema).extend(MonthState.shape).openapi('PostScores');

export const UnitScoreSchema = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  posts: z.number().int(),
  average: z.number().nullable().openapi({ description: 'The mean of its posts’ totals, to one decimal' }),
  band: ScoreBandSchema.nullable(),
  rank: z.number().int().nullable(),
  previousAverage: z.number().nullable(),
  change: Change,
});
export const UnitScoresSchema = listOf(UnitScoreSchema).extend(MonthState.shape).openapi('UnitScores');

export const DeductionSchema = z.object({
  kind: DeductionKindSchema,
  points: z.number().int().openapi({ description: 'Points taken off' }),
  formId: z.number().int().nullable(),
  formNumber: z.string().nullable(),
  inspectionId: z.number().int().nullable(),
  grade: GradeSchema.nullable(),
  days: z.number().int().nullable().openapi({ description: 'Overdue working days in the month' }),
  onDate: z.string().nullable().openapi({ description: 'The day found, checked or reopened' }),
});

export const AdjustmentSchema = z.object({
  id: z.number().int(),
  points: z.number().int(),
  reason: z.string(),
  author: z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() }),
  createdAt: z.string(),
});

export const PostMonthSchema = PostScoreSchema.omit({ rank: true })
  .extend(MonthState.shape)
  .extend({
    rank: z.number().int().nullable().openapi({ description: 'Among all posts (frozen at close)' }),
    deductions: z.array(DeductionSchema),
    adjustments: z.array(AdjustmentSchema),
    talkFlags: z.array(z.string()).openapi({ description: 'Months this post was flagged for a formal talk' }),
  })
  .openapi('PostMonth');

export const AdjustmentCreate = z
  .strictObject({
    points: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .refine((n) => n !== 0, 'must not be zero')
      .openapi({ description: 'Added to the frozen score (negative takes off)', example: 3 }),
    reason: Text(500).openapi({ example: '复核：该超期系系统故障所致' }),
  })
  .openapi('AdjustmentCreate');

export const MonthClosed = z
  .object({
    month: z.string(),
    closedAt: z.string(),
    posts: z.number().int(),
    flagged: z.number().int().openapi({ description: 'Posts flagged for a formal talk by this close' }),
    alreadyClosed: z.boolean(),
  })
  .openapi('MonthClosed');

export type PostScore = z.infer<typeof PostScoreSchema>;
export type UnitScore = z.infer<typeof UnitScoreSchema>;
export type PostMonth = z.infer<typeof PostMonthSchema>;
export type ScoreBand = z.infer<typeof ScoreBandSchema>;
