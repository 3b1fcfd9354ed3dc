import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { type Database, openPostgres } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { ensureDemo } from '../server/seed/ensure.ts';
import { DEMO } from './helpers/app.ts';
import { recreateDatabase } from './helpers/pg.ts';

/**
 * The same app inside workerd (Cloudflare's runtime, through wrangler's local dev server on loopback),
 * reaching the machine's PostgreSQL the way it reaches Hyperdrive, keeping evidence in a local R2 bucket and
 * sending mail to an HTTP mail API played by this test. Whatever database the rest of the suite uses, this
 * one needs the PostgreSQL server: Workers cannot run the embedded database.
 */
const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_test');
base.pathname = `${base.pathname}_worker`;
// Hyperdrive's local mode insists on a password; the test server trusts local connections anyway.
base.password ||= 'postgres';
const url = base.toString();

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;
let worker: Worker;
/** The same Worker without Workers assets: wrangler's local assets router cannot pass a cron event on. */
let cronWorker: Worker;
let origin: string;
let database: Database;
let mailApi: Server;
const mailed: {
  auth: string | undefined;
  idempotency: string | undefined;
  body: { to: string; subject: string };
}[] = [];

async function readBody(req: IncomingMessage) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

beforeAll(async () => {
  await recreateDatabase(url);
  database = await openPostgres(url, { max: 2 });
  await migrateToLatest(database.db);
  await ensureDemo(database.db, 'Asia/Shanghai');
  mailApi = createServer(async (req, res) => {
    mailed.push({
      auth: req.headers.authorization,
      idempotency: req.headers['idempotency-key'] as string,
      body: await readBody(req),
    });
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"id":"queued"}');
  });
  await new Promise<void>((resolve) => mailApi.listen(0, '127.0.0.1', resolve));
  const mailPort = (mailApi.address() as AddressInfo).port;
  process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = url;
  const start = (config: string) =>
    unstable_startWorker({
      config,
      build: { nodejsCompatMode: 'v2' },
      bindings: {
        PUBLIC_URL: { type: 'plain_text', value: 'http://127.0.0.1' },
        MAIL_API_URL: { type: 'plain_text', value: `http://127.0.0.1:${mailPort}/send` },
        MAIL_API_KEY: { type: 'plain_text', value: 'test-key' },
      },
      dev: {
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        persist: false,
        liveReload: false,
        watch: false,
      },
    });
  mkdirSync('.wrangler/test', { recursive: true });
  const withoutAssets = readFileSync('wrangler.toml', 'utf8')
    .replace(/\[assets\]\n(?:[^[].*\n)*/, '')
    .replace('main = "server/worker.ts"', `main = ${JSON.stringify(resolve('server/worker.ts'))}`);
  writeFileSync('.wrangler/test/wrangler.toml', withoutAssets);
  [worker, cronWorker] = await Promise.all([start('wrangler.toml'), start('.wrangler/test/wrangler.toml')]);
  await Promise.all([worker.ready, cronWorker.ready]);
  origin = (await worker.url).origin;
}, 240_000);

afterAll(async () => {
  await Promise.all([worker?.dispose(), cronWorker?.dispose()]);
  await new Promise((resolve) => mailApi?.close(resolve));
  await database?.close();
});

async function call(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('Cookie', init.cookie);
  return fetch(`${origin}${path}`, { ...init, headers });
}

async function signIn(email: string) {
  const res = await call('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.headers.get('set-cookie')?.split(';')[0] as string;
}

describe('on Cloudflare Workers (workerd)', () => {
  it('says it runs on PostgreSQL, and serves the web app from Workers assets', async () => {
    expect(await (await call('/api/health')).json()).toEqual({ status: 'ok', database: 'postgres' });
    const page = await call('/forms/new');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script');
    // The same strict headers as on Node, from web/public/_headers.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('signs in (argon2id in JavaScript, the demo’s native hashes), files a form, moves it and reads its history', async () => {
    const admin = await signIn(DEMO.admin);
    const post = (await (await call('/api/posts?kind=window&limit=1', { cookie: admin })).json()).items[0];
    const filed = await call('/api/forms', {
      method: 'POST',
      cookie: admin,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        problem: '在 Workers 上登记的问题',
        occurredOn: '2026-11-02',
        source: 'self_inspection',
        postId: post.id,
        grade: 'B',
      }),
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const form = await filed.json();
    const me = await (await call('/api/me', { cookie: admin })).json();
    const analysed = await call(`/api/forms/${form.id}`, {
      method: 'PATCH',
      cookie: admin,
      headers: { 'Content-Type': 'application/json', 'If-Match': filed.headers.get('etag') as string },
      body: JSON.stringify({
        rootCause: { whys: ['告知清单未更新'], category: 'standard_or_guide' },
        measures: [{ kind: 'immediate', text: '更新一次性告知清单', ownerId: me.id, dueOn: '2026-12-31' }],
      }),
    });
    expect(analysed.status, await analysed.clone().text()).toBe(200);
    const moved = await call(`/api/forms/${form.id}/transitions`, {
      method: 'POST',
      cookie: admin,
      headers: { 'Content-Type': 'application/json', 'If-Match': analysed.headers.get('etag') as string },
      body: JSON.stringify({ to: 'in_progress' }),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await moved.json()).status).toBe('in_progress');
    const history = await (await call(`/api/forms/${form.id}/history`, { cookie: admin })).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      'form.filed',
      'form.updated',
      'form.transition',
    ]);

    // Evidence goes to the R2 bucket; the database row keeps only its key.
    const upload = new FormData();
    upload.set('file', new File([new TextEncoder().encode('%PDF-1.4\n% workers\n%%EOF\n')], 'evidence.pdf'));
    const attached = await call(`/api/forms/${form.id}/attachments`, {
      method: 'POST',
      cookie: admin,
      body: upload,
    });
    expect(attached.status, await attached.clone().text()).toBe(201);
    const attachment = await attached.json();
    const file = await call(`/api/forms/${form.id}/attachments/${attachment.id}`, { cookie: admin });
    expect(await file.text()).toBe('%PDF-1.4\n% workers\n%%EOF\n');
    const { rows } = await sql<{ data: unknown; storeKey: string }>`
      select b.data, b.store_key from blobs b join form_attachments a on a.blob_id = b.id where a.id = ${attachment.id}`.execute(
      database.db,
    );
    expect(rows[0]).toEqual({ data: null, storeKey: `evidence/${attachment.sha256}` });
  });

  it('verifies the audit chain', async () => {
    const admin = await signIn(DEMO.admin);
    const verify = await (await call('/api/audit/verify', { cookie: admin })).json();
    expect(verify).toMatchObject({ ok: true });
    expect(verify.events).toBeGreaterThan(1000);
  });

  it('queues the monthly digest from its cron trigger exactly once, and sends it through the HTTP mail API', async () => {
    const digests = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from outbox where template = 'digest'`.execute(
          database.db,
        )
      ).rows[0]?.n;
    expect(await digests()).toBe(0);
    // As Cloudflare fires the cron at 00:00 UTC on the 1st (08:00 in Shanghai).
    const trigger = async () => {
      const res = await fetch(
        `${(await cronWorker.url).origin}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('0 0 1 * *')}`,
      );
      expect(res.status, await res.text()).toBe(200);
    };
    await trigger();
    const queued = await digests();
    expect(queued).toBeGreaterThan(300);
    // The second run queues nothing new and sends the rest (each run sends at most 200).
    await trigger();
    expect(await digests()).toBe(queued);
    const { rows } = await sql<{ status: string; deliveredVia: string; n: number }>`
      select status, delivered_via, count(*)::int as n from outbox where template = 'digest' group by 1, 2`.execute(
      database.db,
    );
    expect(rows).toEqual([{ status: 'sent', deliveredVia: 'http', n: queued }]);
    // Each digest went to the mail API once, under its outbox row's Message-ID.
    const { rows: ids } = await sql<{ id: number }>`select id from outbox where template = 'digest'`.execute(
      database.db,
    );
    const sent = mailed.map((m) => m.idempotency);
    expect(ids.map((r) => sent.filter((x) => x === `<outbox-${r.id}@127.0.0.1>`).length)).toEqual(
      ids.map(() => 1),
    );
    expect(new Set(mailed.map((m) => m.auth))).toEqual(new Set(['Bearer test-key']));
    expect(mailed.every((m) => m.body.to.includes('@'))).toBe(true);
  }, 240_000);
});
