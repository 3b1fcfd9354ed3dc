import type { Kysely } from 'kysely';
import type { Hasher } from '../audit/chain.ts';
import { auditedWrite } from '../audit/write.ts';
import type { DB, Locale } from '../db/types.ts';
import { anyDue, type ClaimedMail, claimDue, markFailedAttempt, markSent } from './queries.ts';
import { renderMail, type TemplateName } from './templates.ts';

/** One rendered message on its way out. */
export interface Envelope {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per outbox row: a message that is ever sent twice carries the same Message-ID. */
  messageId: string;
}

/** Where messages go: an SMTP server (Node), or the built-in mail viewer when none is configured. */
export interface Delivery {
  via: 'smtp' | 'viewer';
  send(envelope: Envelope): Promise<void>;
  close?(): void;
}

/** Without SMTP_URL: the message is "delivered" to the admin's mail viewer, which reads the outbox. */
export const viewerDelivery: Delivery = { via: 'viewer', send: async () => {} };

export interface DrainOptions {
  /** Messages per transaction. */
  batch?: number;
  /** Attempts before a message is given up as failed. */
  maxAttempts?: number;
  /** The first retry waits this long; each later one twice as long (capped at an hour). */
  backoffMs?: number;
  now?: () => Date;
  hasher?: Hasher;
  host: string;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

class NothingDue extends Error {}

export function messageIdOf(id: number, host: string) {
  return `<outbox-${id}@${host}>`;
}

function envelopeOf(m: ClaimedMail, host: string): Envelope {
  const rendered = renderMail(m.template as TemplateName, m.locale as Locale, m.data as object);
  return { to: m.toAddress, ...rendered, messageId: messageIdOf(m.id, host) };
}

/**
 * Sends what is due in the outbox, a batch per transaction: the batch's rows are locked (skipping rows
 * another process holds), sent one by one, and marked sent — or given a retry time with exponential
 * backoff, or failed for good after `maxAttempts` — with an audit event each, in the same transaction.
 */
export async function drainOutbox(
  db: Kysely<DB>,
  delivery: Delivery,
  options: DrainOptions,
): Promise<DrainResult> {
  const batch = options.batch ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const total: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    if (!(await anyDue(db, now()))) return total;
    try {
      await auditedWrite(
        db,
        { actorId: null, requestId: 'mail-sender', hasher: options.hasher },
        async (tx, audit) => {
          const claimed = await claimDue(tx, now(), batch);
          if (claimed.length === 0) throw new NothingDue();
          for (const m of claimed) {
            const at = now();
            try {
              const envelope = envelopeOf(m, options.host);
              await delivery.send(envelope);
              await markSent(tx, m.id, { via: delivery.via, messageId: envelope.messageId, at });
              await audit({
                action: 'mail.sent',
                entityType: 'outbox',
                entityId: m.id,
                after: { to: m.toAddress, template: m.template, subject: m.subject, via: delivery.via },
              });
              total.sent++;
            } catch (err) {
              const attempt = m.attempts + 1;
              const error = err instanceof Error ? err.message : String(err);
              const retryAt =
                attempt >= maxAttempts
                  ? null
                  : new Date(at.getTime() + Math.min(backoff * 2 ** (attempt - 1), 3_600_000));
              await markFailedAttempt(tx, m.id, { error, retryAt });
              await audit({
                action: retryAt ? 'mail.retry_scheduled' : 'mail.failed',
                entityType: 'outbox',
                entityId: m.id,
                after: { to: m.toAddress, attempt, error, retryAt: retryAt?.toISOString() ?? null },
              });
              if (retryAt) total.retrying++;
              else total.failed++;
            }
          }
        },
      );
    } catch (err) {
      // Another sender took what was due a moment ago.
      if (err instanceof NothingDue) return total;
      throw err;
    }
  }
}
