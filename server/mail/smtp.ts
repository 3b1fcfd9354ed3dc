import nodemailer from 'nodemailer';
import type { Delivery } from './sender.ts';

/**
 * Delivery through an SMTP server (Node only: Workers have no sockets for nodemailer). One pooled
 * connection is reused across messages; a refused or dropped connection fails the message, which the
 * outbox retries later.
 */
export function smtpDelivery(url: string, from: string): Delivery {
  // The URL's own settings (host, port, auth, TLS) win over these defaults.
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    via: 'smtp',
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        messageId: m.messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    },
    close: () => transport.close(),
  };
}
