import { createApp } from './app.ts';
import { openPostgres } from './db/database.ts';
import { type R2BucketLike, r2Store } from './evidence/store.ts';
import { dateIn } from './http/context.ts';
import { httpDelivery } from './mail/http-api.ts';
import { scheduledJobs } from './mail/scheduler.ts';
import { drainOutbox } from './mail/sender.ts';
import { portablePasswords } from './portable-passwords.ts';

/**
 * The Cloudflare Workers entry: the same app as on Node, reaching PostgreSQL through Hyperdrive, keeping
 * evidence in R2 and sending mail through an HTTP mail API. Static files are served by Workers assets
 * (wrangler.toml); only /api/* reaches this code. A Worker may not share connections between requests, so
 * each request and each cron run opens its own small pool (Hyperdrive pools the real connections) and
 * closes it when its response has been sent.
 */
export interface Env {
  HYPERDRIVE: { connectionString: string };
  EVIDENCE: R2BucketLike;
  PUBLIC_URL: string;
  TZ?: string;
  MAIL_FROM?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
}

interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}

/** Messages one cron run sends (each is a fetch and a few queries: Workers bound subrequests per run). */
const SENT_PER_RUN = 200;
const zone = (env: Env) => env.TZ || 'Asia/Shanghai';
const open = (env: Env) => openPostgres(env.HYPERDRIVE.connectionString, { max: 5 });
const mail = (env: Env) =>
  env.MAIL_API_URL
    ? httpDelivery(env.MAIL_API_URL, env.MAIL_API_KEY, env.MAIL_FROM || 'Rectify <rectify@localhost>')
    : null;

export default {
  async fetch(request: Request, env: Env, ctx: Ctx): Promise<Response> {
    const database = await open(env);
    const app = createApp({
      db: database.db,
      dbKind: database.kind,
      publicUrl: env.PUBLIC_URL,
      timeZone: zone(env),
      passwords: portablePasswords,
      evidenceStore: r2Store(env.EVIDENCE),
      mailDelivery: mail(env)?.via ?? 'viewer',
      clientAddress: (c) => c.req.header('CF-Connecting-IP'),
      logError: (err, c) => console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, err),
    });
    const response = await app.fetch(request);
    if (!response.body) {
      ctx.waitUntil(database.close());
      return response;
    }
    // Exports stream from the database: the pool closes once the last byte has gone.
    const { readable, writable } = new TransformStream();
    ctx.waitUntil(response.body.pipeTo(writable).finally(() => database.close()));
    return new Response(readable, response);
  },

  /**
   * Cron triggers (wrangler.toml): daily the scorecard month close (on the first working day) and reminders,
   * the monthly digest, and sending what is queued.
   */
  async scheduled(controller: { cron: string }, env: Env): Promise<void> {
    const database = await open(env);
    try {
      const jobs = scheduledJobs(database.db, { publicUrl: env.PUBLIC_URL, timeZone: zone(env) });
      const today = dateIn(new Date(), zone(env));
      if (controller.cron === '0 0 * * *') {
        console.log('scorecards', await jobs.scorecards(today));
        console.log('reminders', await jobs.reminders(today));
      }
      if (controller.cron === '0 0 1 * *') console.log('digest', await jobs.digest(today));
      const delivery = mail(env);
      // Without a mail API the messages wait in the outbox for a Node sender (npm start with SMTP_URL).
      if (delivery)
        console.log(
          'sent',
          await drainOutbox(database.db, delivery, {
            host: new URL(env.PUBLIC_URL).hostname,
            max: SENT_PER_RUN,
          }),
        );
    } finally {
      await database.close();
    }
  },
};
