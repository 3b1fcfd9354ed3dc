import { z } from '@hono/zod-openapi';
import { Id, IsoDate, listOf, listQuery, NamedRef } from '../common/schema.ts';
import { AccountabilityOutcomes, FormStatusSchema } from '../forms/schema.ts';
import { exportParams } from '../ledger/schema.ts';

/** Schemas of the accountability register (问责台账); pure zod, importable by the web client. */
export const OutcomeSchema = z.enum(AccountabilityOutcomes).openapi({
  description:
    'none 不予追责, reminder_talk 提醒谈话, criticism 批评教育, performance_deduction 绩效扣分, referral 移送处理',
});

export const AccountabilityQuery = listQuery({
  personId: Id.optional().openapi({ description: 'The person held to account' }),
  postId: Id.optional(),
  unitId: Id.optional().openapi({ description: 'Outcomes in this unit and the units under it' }),
  outcome: OutcomeSchema.optional(),
  from: IsoDate.optional().openapi({ description: 'Decided on or after (the closing day)' }),
  to: IsoDate.optional().openapi({ description: 'Decided on or before' }),
});
export type AccountabilityFilter = Omit<z.infer<typeof AccountabilityQuery>, 'limit' | 'cursor'>;

export const AccountabilityExportQuery = AccountabilityQuery.omit({ limit: true, cursor: true })
  .extend(exportParams)
  .strict();

export const AccountabilityRecordSchema = z
  .object({
    id: z.number().int(),
    form: z.object({
      id: z.number().int(),
      number: z.string(),
      problem: z.string(),
      status: FormStatusSchema,
    }),
    person: NamedRef.nullable().openapi({ description: 'Null when the post had no holder on the day' }),
    post: NamedRef.extend({ code: z.string() }),
    unit: NamedRef,
    outcome: OutcomeSchema,
    situation: z.string().nullable().openapi({ description: 'The accountability trigger (追责情形)' }),
    basis: z.string().nullable().openapi({ description: 'Its basis (追责依据)' }),
    notes: z.string().nullable(),
    decidedBy: NamedRef.nullable(),
    decidedAt: z.string(),
  })
  .openapi('AccountabilityRecord');
export type AccountabilityRecordView = z.infer<typeof AccountabilityRecordSchema>;

export const AccountabilityListSchema = listOf(AccountabilityRecordSchema)
  .extend({
    byOutcome: z.record(OutcomeSchema, z.number().int()).openapi({
      description: 'How many of the matching records have each outcome',
    }),
  })
  .openapi('AccountabilityRegister');
