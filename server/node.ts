import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { nodeHasher } from './audit/node-hasher.ts';
import { parallelWalker } from './audit/parallel-verify.ts';
import { startMailJobs } from './mail/scheduler.ts';
import { viewerDelivery } from './mail/sender.ts';
import { httpDelivery } from './mail/http-api.ts';
import { smtpDelivery } from './mail/smtp.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { argon2Passwords } from './passwords.ts';
import { ensureDemo } from './seed/ensure.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.ts';
import { webAssets } from './web-assets.ts';

async function main() {
  const started = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  process.env.TZ = config.TZ;

  const database = await openDatabase(config);
  const seeded = config.SEED_DEMO ? await ensureDemo(database.db, config.TZ) : null;

  // SMTP when configured, else an HTTP mail API, else the built-in viewer.
  const delivery = config.SMTP_URL
    ? smtpDelivery(config.SMTP_URL, config.MAIL_FROM)
    : config.MAIL_API_URL
      ? httpDelivery(config.MAIL_API_URL, config.MAIL_API_KEY, config.MAIL_FROM)
      : viewerDelivery;
  const app = createApp({
    db: database.db,
    dbKind: database.kind,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    timeZone: config.TZ,
    passwords: argon2Passwords,
    hasher: nodeHasher,
    mailDelivery: delivery.via,
    auditWalker: config.DATABASE_URL ? parallelWalker(config.DATABASE_URL) : undefined,
    clientAddress: (c) => getConnInfo(c).remote.address,
    assets: webAssets(),
    logError: (err, c) => console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, err),
  });

  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const mail = config.MAIL_SCHEDULE
    ? await startMailJobs(database.db, {
        delivery,
        publicUrl,
        timeZone: config.TZ,
        hasher: nodeHasher,
        log: (message, err) => (err ? console.error(message, err) : console.log(message)),
      })
    : null;

  // A new demo centre shows its mail at once: today's reminders and last month's digest, in the viewer.
  if (seeded && mail) void mail.runNow();

  const server = serve({ fetch: app.fetch, port: config.PORT }, () => {
    const ms = Math.round(performance.now() - started);
    const where =
      database.kind === 'postgres'
        ? 'PostgreSQL'
        : `embedded PostgreSQL (PGlite) in ${resolve(config.DATA_DIR)}`;
    console.log(`Rectify is ready on ${config.PUBLIC_URL} (${where}, started in ${ms} ms)`);
    if (seeded) console.log(`Seeded the demo centre in ${seeded.ms} ms.`);
    if (config.SEED_DEMO) {
      console.log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email}`);
    }
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await mail?.stop();
    server.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
