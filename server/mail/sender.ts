import type { DeliveryVia } from './schema.ts';
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

/**
 * Where messages go: an SMTP server (Node), an HTTP mail API (Workers, or Node), or the built-in mail viewer
 * when none is configured.
 */
export interface Delivery {
  via: DeliveryVia;
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
  /** How long a sender holds the messages it took before another may take them again. */
  leaseMs?: number;
  now?: () => Date;
  hasher?: Hasher;
  host: string;
  /** Stops taking new batches (a server shutting down finishes what it holds). */
  signal?: AbortSignal;
  /**
   * Stops taking new batches once this many messages were handled: a Worker's cron run has a bounded number
   * of subrequests, and the next run carries on.
   */
  max?: number;
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
 * Sends what is due in the outbox. A batch is leased to this sender in one short transaction (rows another
 * sender holds are skipped); each message is then sent with no transaction open, and its outcome — sent,
 * retry later with exponential backoff, or failed for good after `maxAttempts` — is written with its audit
 * event in a short transaction of its own. A sender that stops mid-batch leaves leases that run out, and
 * what it had not recorded goes out again (with the same Message-ID, so mail clients show it once).
 */
export async function drainOutbox(
  db: Kysely<DB>,
  delivery: Delivery,
  options: DrainOptions,
): Promise<DrainResult> {
  const batch = options.batch ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const meta = { actorId: null, requestId: 'mail-sender', hasher: options.hasher };
  const total: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const handled = total.sent + total.retrying + total.failed;
    if (options.signal?.aborted || handled >= (options.max ?? Infinity) || !(await anyDue(db, now())))
      return total;
    let claimed: ClaimedMail[];
    try {
      claimed = await auditedWrite(db, meta, async (tx, audit) => {
        const leaseUntil = new Date(now().getTime() + leaseMs);
        const rows = await claimDue(tx, now(), batch, leaseUntil);
        if (rows.length === 0) throw new NothingDue();
        await audit({
          action: 'mail.claimed',
          entityType: 'outbox',
          entityId: rows[0]?.id ?? null,
          after: { ids: rows.map((r) => r.id), leaseUntil: leaseUntil.toISOString() },
        });
        return rows;
      });
    } catch (err) {
      // Another sender took what was due a moment ago.
      if (err instanceof NothingDue) return total;
      throw err;
    }
    for (const m of claimed) {
      const at = now();
      let envelope: Envelope | null = null;
      let error: string | null = null;
      try {
        envelope = envelopeOf(m, options.host);
        await delivery.send(envelope);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      await auditedWrite(db, meta, async (tx, audit) => {
        if (envelope && error === null) {
          await markSent(tx, m.id, { via: delivery.via, messageId: envelope.messageId, at });
          await audit({
            action: 'mail.sent',
            entityType: 'outbox',
            entityId: m.id,
            after: { to: m.toAddress, template: m.template, subject: m.subject, via: delivery.via },
          });
          total.sent++;
          return;
        }
        const retryAt =
          m.attempts >= maxAttempts
            ? null
            : new Date(at.getTime() + Math.min(backoff * 2 ** (m.attempts - 1), 3_600_000));
        await markFailedAttempt(tx, m.id, { error: error ?? 'not sent', retryAt });
        await audit({
          action: retryAt ? 'mail.retry_scheduled' : 'mail.failed',
          entityType: 'outbox',
          entityId: m.id,
          after: { to: m.toAddress, attempt: m.attempts, error, retryAt: retryAt?.toISOString() ?? null },
        });
        if (retryAt) total.retrying++;
        else total.failed++;
      });
    }
  }
}
