import type { Delivery } from './sender.ts';

/**
 * Delivery through an HTTP mail API, for Cloudflare Workers (which give nodemailer no sockets) or any
 * server that prefers one: one POST per message with a bearer key, carrying
 * `{from, to, subject, html, text, headers}` — the shape Resend, Postmark-style gateways and most in-house
 * mail relays accept. The outbox row's Message-ID doubles as the Idempotency-Key, so a retry after a lost
 * answer is not sent twice by an API that honours it. Anything but a 2xx fails the message, which the outbox
 * retries later.
 */
export function httpDelivery(
  endpoint: string,
  key: string | undefined,
  from: string,
  fetcher: typeof fetch = fetch,
): Delivery {
  return {
    via: 'http',
    async send(m) {
      const res = await fetcher(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': m.messageId,
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({
          from,
          to: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          headers: {
            'Message-ID': m.messageId,
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
          },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok)
        throw new Error(`the mail API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      await res.body?.cancel();
    },
  };
}
