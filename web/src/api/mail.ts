import type { z } from 'zod';
import type {
  DigestQueued,
  MessageSchema,
  OutboxItem,
  OutboxPageSchema,
  PreferencesSchema,
  PreviewSchema,
  ReadSchema,
  ReceiptSchema,
  ReceiptsSchema,
} from '../../../server/mail/schema.ts';
import type { MailTemplates } from '../../../server/settings/schema.ts';
import { api, request } from './client.ts';

export type { OutboxItem };
export type MailTemplate = (typeof MailTemplates)[number];
export type OutboxPage = z.infer<typeof OutboxPageSchema>;
export type MailMessage = z.infer<typeof MessageSchema>;
export type MailPreview = z.infer<typeof PreviewSchema>['items'][number];
export type Receipt = z.infer<typeof ReceiptSchema>;
export type Receipts = z.infer<typeof ReceiptsSchema>;
export type Preferences = z.infer<typeof PreferencesSchema>;
export type DigestRead = z.infer<typeof ReadSchema>;

/**
 * Email: the outbox and its built-in viewer, template previews and the monthly digest (admins), digest read
 * receipts (leaders and admins), and the two pages an email links to without signing in: "I have read this"
 * and the mail preferences, each proven by the signed token in its link. The outbox and the receipts are read
 * page by page through `FilteredList` at `/mail/outbox` and `/digests/<month>/receipts`.
 */
export const mailApi = {
  message: (id: number) => api.get<MailMessage>(`/mail/outbox/${id}`),

  /** Sends a failed message again (from the next run of the sender). */
  retry: (id: number) => api.post<MailMessage>(`/mail/outbox/${id}/retry`),

  previews: async () => (await api.get<z.infer<typeof PreviewSchema>>('/mail/previews')).items,

  /** Queues a month's digest; a person already sent it is skipped, so a second run queues nothing new. */
  runDigest: (month: string) => api.post<z.infer<typeof DigestQueued>>('/digests/run', { month }),

  /** "I have read this", with the token from the digest's link. */
  readDigest: (token: string) => api.post<DigestRead>('/digests/read', { token }),

  /** The messages a person gets: with an email's token, theirs; without, the signed-in person's. */
  preferences: (token?: string) => api.get<Preferences>('/mail/preferences', { token }),

  savePreferences: async (optOut: MailTemplate[], token?: string) =>
    (await request<Preferences>('PUT', '/mail/preferences', { body: { optOut, token } })).body,
};
