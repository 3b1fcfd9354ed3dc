import { z } from '@hono/zod-openapi';
import { GradeSchema, Id, IsoDate } from '../common/schema.ts';
import { CauseCategories, FormSources } from '../forms/schema.ts';

/** Schemas of the dashboard's figures (against the targets); pure zod, importable by the web client. */
export const SummaryQuery = z.strictObject({
  from: IsoDate.optional().openapi({ description: 'First day counted; defaults to the 1st of this month' }),
  to: IsoDate.optional().openapi({
    description: 'Last day counted; defaults to today. At most three years after from',
  }),
  unitId: Id.optional().openapi({
    description: 'This unit and the units under it (inside your units); your whole scope when omitted',
  }),
});

const Rate = z.number().nullable().openapi({ description: 'A share from 0 to 1; null when nothing counted' });
const Count = z.number().int();

const Closure = z.object({
  closed: Count.openapi({ description: 'Forms closed in the range (by the day closed, centre time)' }),
  onTime: Count.openapi({ description: 'Of those, closed on or before their deadline' }),
  rate: Rate.openapi({ description: 'onTime / closed; null when none closed' }),
  target: z.number().openapi({ description: 'The on-time target: 1 (100%)' }),
  avgWorkingDays: z.number().nullable().openapi({
    description: 'Mean working days from filing to closing; null when none closed',
  }),
});

const OpenForms = z.object({
  total: Count,
  overdue: Count.openapi({ description: 'Past their deadline (red card)' }),
  byGrade: z.object({ A: Count, B: Count, C: Count }),
  byCard: z.object({ none: Count, yellow: Count, red: Count }),
});

const CoverageByGrade = z.object({
  period: z.string().openapi({ description: 'The month containing to (YYYY-MM)' }),
  byGrade: z.array(z.object({ grade: GradeSchema, due: Count, checked: Count, rate: Rate })),
});

export const RecurrenceKinds = ['risk_point', 'post'] as const;
const Recurrence = z.object({
  kind: z.enum(RecurrenceKinds),
  id: z.number().int(),
  code: z.string(),
  name: z.string().openapi({ description: 'A post’s name, a risk point’s description' }),
  nameEn: z.string(),
  unitId: z.number().int(),
  count: Count,
  lastFoundOn: z.string(),
});

const TrendMonth = z.object({
  month: z.string(),
  filed: Count,
  closed: Count,
  onTime: Count,
  rate: Rate,
});

const UnitRank = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  open: Count,
  overdue: Count,
  closed: Count,
  onTime: Count,
  rate: Rate,
  rank: z.number().int().openapi({ description: '1 is best; units that tie share a rank' }),
});

export const SummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    unitId: z.number().int().nullable().openapi({ description: 'null: the whole of your scope' }),
    today: z.string(),
    closure: Closure,
    open: OpenForms.openapi({ description: 'Forms being worked on today (open, in progress, verifying)' }),
    bySource: z.array(z.object({ source: z.enum(FormSources), count: Count })).openapi({
      description: 'Forms found in the range by source (drafts left out); every source listed',
    }),
    byCause: z.array(z.object({ category: z.enum(CauseCategories), count: Count })).openapi({
      description: 'Of those, the ones with a root cause, by its category; every category listed',
    }),
    coverage: CoverageByGrade.openapi({ description: 'Inspection coverage by grade in the month of to' }),
    recurrence: z.array(Recurrence).openapi({
      description:
        'Risk points and posts with two or more forms found in the 90 days ending to (举一反三), most forms first; at most 50',
    }),
    trend: z.array(TrendMonth).openapi({
      description: 'Each month of the range (clipped to it): forms filed, closed and closed on time',
    }),
    units: z.array(UnitRank).openapi({
      description:
        'The units directly under the chosen one, each counting its whole subtree, by on-time rate (none closed last), then fewest overdue',
    }),
  })
  .openapi('Summary');
export type SummaryView = z.infer<typeof SummarySchema>;
