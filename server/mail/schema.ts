import { z } from '@hono/zod-openapi';
import { Id, listQuery, NamedRef } from '../common/schema.ts';
import { MailTemplateSchema } from '../settings/schema.ts';

/** How mail leaves: an SMTP server, an HTTP mail API (Workers), or not at all (the built-in viewer). */
export const DeliveryVias = ['smtp', 'http', 'viewer'] as const;
export type DeliveryVia = (typeof DeliveryVias)[number];

/** Schemas of the mail domain; pure zod, importable by the web client. */
export const MailStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed']);
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .openapi({ example: '2026-11' });

export const OutboxQuery = listQuery({
  status: MailStatusSchema.optional(),
  template: MailTemplateSchema.optional(),
  personId: Id.optional(),
  to: z.string().trim().max(200).optional().openapi({ description: 'The recipient address' }),
});

export const OutboxItemSchema = z
  .object({
    id: z.number().int(),
    dedupeKey: z.string(),
    template: z.string(),
    personId: z.number().int().nullable(),
    to: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    subject: z.string(),
    status: MailStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    deliveredVia: z.enum(DeliveryVias).nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxItem');
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

export const OutboxPageSchema = z
  .object({
    items: z.array(OutboxItemSchema),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    counts: z.object({
      pending: z.number().int(),
      sending: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
    }),
    delivery: z.enum(DeliveryVias).openapi({
      description: 'smtp: an SMTP server; http: an HTTP mail API; viewer: neither, messages stay in the app',
    }),
  })
  .openapi('OutboxPage');

export const MessageSchema = OutboxItemSchema.extend({ html: z.string(), text: z.string() }).openapi(
  'MailMessage',
);

export const PreviewSchema = z
  .object({
    items: z.array(
      z.object({
        template: MailTemplateSchema,
        locale: z.enum(['zh-CN', 'en']),
        subject: z.string(),
        html: z.string(),
        text: z.string(),
      }),
    ),
  })
  .openapi('MailPreviews');

export const DigestRun = z.strictObject({ month: Month }).openapi('DigestRun');
export const DigestQueued = z
  .object({ queued: z.number().int(), recipients: z.number().int() })
  .openapi('DigestQueued');

export const ReceiptsQuery = listQuery({
  unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only those who have not confirmed' }),
});
export const MonthParam = z.object({ month: Month.openapi({ param: { name: 'month', in: 'path' } }) });
export const ReceiptSchema = z
  .object({
    person: NamedRef,
    unit: NamedRef,
    sentOn: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('DigestReceipt');
export const ReceiptsSchema = z
  .object({
    items: z.array(ReceiptSchema),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    read: z.number().int(),
    sent: z.number().int(),
  })
  .openapi('DigestReceipts');

export const ReadRequest = z.strictObject({ token: z.string().min(10).max(500) }).openapi('DigestRead');
export const ReadSchema = z.object({ month: z.string(), readAt: z.string() }).openapi('DigestReadReceipt');

export const PreferencesQuery = z.strictObject({
  token: z
    .string()
    .min(10)
    .max(500)
    .optional()
    .openapi({ description: 'The link from an email (no sign-in needed)' }),
});
export const PreferencesUpdate = z
  .strictObject({
    token: z.string().min(10).max(500).optional(),
    optOut: z.array(MailTemplateSchema).max(10).openapi({ description: 'Optional messages to stop' }),
  })
  .openapi('MailPreferencesUpdate');
export const PreferencesSchema = z
  .object({
    person: NamedRef,
    templates: z.array(
      z.object({ template: MailTemplateSchema, mandatory: z.boolean(), enabled: z.boolean() }),
    ),
  })
  .openapi('MailPreferences');
