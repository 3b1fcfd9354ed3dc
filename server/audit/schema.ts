import { z } from '@hono/zod-openapi';
import { exportParams } from '../ledger/schema.ts';
import { Id, listQuery } from '../common/schema.ts';

const Ref = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() });

/** An event as a record's timeline shows it. */
export const HistoryEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: Ref.nullable(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('HistoryEvent');
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
export const HistorySchema = z.object({ items: z.array(HistoryEventSchema) }).openapi('History');

export const AuditEventSchema = HistoryEventSchema.extend({
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().int().nullable(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
}).openapi('AuditEvent');
export type AuditEventView = z.infer<typeof AuditEventSchema>;

const DateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'must be a date (YYYY-MM-DD) or a date-time (ISO 8601)',
});

const auditFilters = {
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: Id.optional(),
  action: z
    .string()
    .trim()
    .max(80)
    .optional()
    .openapi({ description: 'An action, or a prefix ending in * (form.*)' }),
  from: DateTime.optional().openapi({ description: 'At or after' }),
  to: DateTime.optional().openapi({ description: 'At or before' }),
  seqTo: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'Events at or before this seq (to open the list around one event)' }),
};
export const AuditQuery = listQuery(auditFilters);
export const AuditExportQuery = z.strictObject({
  ...auditFilters,
  format: z.enum(['csv', 'jsonl', 'xlsx']).default('csv'),
  lang: exportParams.lang,
});

export const VerifyQuery = z
  .strictObject({
    seq: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'A head copied out earlier: its seq' }),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest')
      .optional()
      .openapi({ description: '…and its hash' }),
  })
  .refine((v) => (v.seq === undefined) === (v.hash === undefined), {
    message: 'give both seq and hash',
    path: ['hash'],
  });

export const VerifyResultSchema = z
  .union([
    z.object({ ok: z.literal(true), events: z.number().int(), head: z.string(), seq: z.number().int() }),
    z.object({
      ok: z.literal(false),
      brokenAt: z.number().int(),
      reason: z.string(),
      events: z.number().int(),
    }),
  ])
  .openapi('VerifyResult');

export const AnchorsSchema = z
  .object({
    head: z.object({ seq: z.number().int(), hash: z.string() }),
    months: z.array(z.object({ month: z.string(), seq: z.number().int(), hash: z.string(), at: z.string() })),
  })
  .openapi('AuditAnchors');
